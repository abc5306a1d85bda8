#!/usr/bin/env python3
"""Side-by-side codec benchmark: pack + unpack of the same CUP 0200 sale in pyiso8583 and in
the Swift Acquirer codec (ordo-one benchmark target CodecBench), on one core each.

Usage: python3 scripts/bench-codec-vs-pyiso8583.py [--python-only] [--seconds N]
Needs: pip install pyiso8583. Prints both rates and the ratio; exits 1 when the Swift codec is
under 500,000 round trips/s or under 10x pyiso8583.
"""
import argparse
import os
import re
import subprocess
import sys
import time

import iso8583

# The packed 0200 sale both sides measure (MTI + bitmap + fields, MAC included). The Swift
# benchmark checks at start-up that its message packs to exactly these bytes.
SALE_HEX = (
    "0200302404C020C09813000000000000001234000123281202100012376222021234567890123D281210112345678900"
    "31303030303030313839383130303031323334303030313135361B9C1845EB993A7A2600000000000000001322000001"
    "00060000033031204233413039324145"
)


def bcd(length, prefix=0, left_aligned=False):
    field = {"data_enc": "b", "len_enc": "bcd", "len_type": prefix, "max_len": length, "len_count": "nibbles"}
    field["right_pad" if left_aligned else "left_pad"] = "0"
    return field


def text(length, prefix=0):
    return {"data_enc": "ascii", "len_enc": "bcd", "len_type": prefix, "max_len": length}


def binary(length, prefix=0):
    return {"data_enc": "b", "len_enc": "bcd", "len_type": prefix, "max_len": length}


LL, LLL = 1, 2
SPEC = {
    "h": {"data_enc": "ascii", "len_enc": "ascii", "len_type": 0, "max_len": 0},
    "t": binary(2), "p": binary(8), "1": binary(8),
    "2": bcd(19, LL, True), "3": bcd(6), "4": bcd(12), "11": bcd(6), "12": bcd(6), "13": bcd(4),
    "14": bcd(4), "15": bcd(4), "22": bcd(3, 0, True), "23": bcd(3), "25": bcd(2), "26": bcd(2),
    "32": bcd(11, LL, True), "35": bcd(37, LL, True), "36": bcd(104, LLL, True), "37": text(12),
    "38": text(6), "39": text(2), "41": text(8), "42": text(15), "44": text(25, LL),
    "48": bcd(322, LLL, True), "49": text(3), "52": binary(8), "53": bcd(16), "54": text(20, LLL),
    "55": binary(255, LLL), "60": bcd(99, LLL, True), "61": bcd(29, LLL, True), "62": binary(512, LLL),
    "63": text(163, LLL), "64": binary(8),
}

SALE = {
    "t": "0200", "3": "000000", "4": "000000001234", "11": "000123", "14": "2812", "22": "021",
    "25": "00", "26": "12", "35": "6222021234567890123D28121011234567890", "41": "10000001",
    "42": "898100012340001", "49": "156", "52": "1B9C1845EB993A7A", "53": "2600000000000000",
    "60": "2200000100060", "63": "01 ", "64": "4233413039324145",
}


def python_rate(seconds):
    encoded, _ = iso8583.encode(dict(SALE), SPEC)
    if bytes(encoded).hex().upper() != SALE_HEX:
        sys.exit("pyiso8583 packs the sale to other bytes than the Swift benchmark")
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(1000):
            packed, _ = iso8583.encode(dict(SALE), SPEC)
            iso8583.decode(packed, SPEC)
        count += 1000
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - start)


def swift_rate(root):
    command = ["swift", "package", "--allow-writing-to-package-directory", "benchmark",
               "--target", "CodecBench", "--filter", r"0200 sale pack \+ unpack.*", "--no-progress"]
    output = subprocess.run(command, cwd=os.path.join(root, "Benchmarks"), check=True,
                            capture_output=True, text=True).stdout
    print(output)
    # Columns: p0 | p25 | p50 ...; the unit suffix (K) or (M) scales the numbers.
    row = re.search(r"Throughput \(# / s\)\s*(?:\((K|M)\))?\s*│\s*\S+\s*│\s*\S+\s*│\s*(\d+)", output)
    if row is None:
        sys.exit("could not find the throughput row in the benchmark output")
    scale = {"K": 1_000, "M": 1_000_000}.get(row.group(1), 1)
    return int(row.group(2)) * scale  # p50


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python-only", action="store_true")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})  # one core, like the Swift benchmark's single thread
    python = python_rate(args.seconds)
    print(f"pyiso8583 {iso8583.__version__}: {python:,.0f} round trips/s")
    if args.python_only:
        return
    swift = swift_rate(root)
    ratio = swift / python
    print(f"Swift Acquirer (p50): {swift:,.0f} round trips/s")
    print(f"ratio: {ratio:.1f}x")
    if swift < 500_000 or ratio < 10:
        sys.exit("target missed: need >= 500,000 round trips/s and >= 10x pyiso8583")


if __name__ == "__main__":
    main()
