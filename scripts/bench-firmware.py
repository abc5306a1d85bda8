#!/usr/bin/env python3
"""Firmware benchmarks for issue 2: start-up to idle, control-protocol round trip over loopback
TCP, resident memory at idle and after 100,000 control requests.

Usage: scripts/bench-firmware.py PATH/TO/posterm [--requests N]
Prints one JSON object; scripts/bench.sh records it in docs/performance.md by hand.
"""
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def startup(binary, runs=20):
    """Wall time from process start until the idle screen is reported (first line on stdout)."""
    script = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False)
    script.write('{"op":"wait","screen":"idle","timeout_ms":5000}\n')
    script.close()
    to_idle, total = [], []
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, XDG_DATA_HOME=data)
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.Popen([binary, "run", "--script", script.name, "--log-level", "error"],
                                    stdout=subprocess.PIPE, env=env)
            line = proc.stdout.readline()
            to_idle.append((time.perf_counter() - start) * 1000)
            proc.wait()
            total.append((time.perf_counter() - start) * 1000)
            assert b'"ok":true' in line, line
    os.unlink(script.name)
    return {"startup_to_idle_ms_median": round(statistics.median(to_idle), 2),
            "startup_to_idle_ms_max": round(max(to_idle), 2),
            "process_total_ms_median": round(statistics.median(total), 2)}


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1))


def control(binary, requests):
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, XDG_DATA_HOME=data)
        proc = subprocess.Popen([binary, "run", "--headless", "--control", "tcp:127.0.0.1:0", "--log-level", "error"],
                                stderr=subprocess.PIPE, env=env)
        port = None
        while port is None:
            line = proc.stderr.readline().decode()
            found = re.search(r"control protocol on tcp:127\.0\.0\.1:(\d+)", line)
            if found:
                port = int(found.group(1))
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        reader = sock.makefile("rb")

        def ask(line):
            sock.sendall(line)
            return reader.readline()

        ask(b'{"op":"wait","screen":"idle","timeout_ms":5000}\n')
        for _ in range(1000):  # warm up
            ask(b'{"op":"screen"}\n')
        idle_rss = rss_kib(proc.pid)
        rtts = []
        for i in range(requests):
            start = time.perf_counter_ns()
            reply = ask(b'{"op":"screen"}\n' if i % 2 else b'{"op":"status"}\n')
            rtts.append((time.perf_counter_ns() - start) / 1e6)
            if not reply.startswith(b'{'):
                raise SystemExit(f"bad reply {reply!r}")
        after_rss = rss_kib(proc.pid)
        sock.close()
        proc.terminate()
        proc.wait()
    rtts.sort()
    return {"requests": requests,
            "rtt_ms_p50": round(rtts[len(rtts) // 2], 4),
            "rtt_ms_p99": round(rtts[int(len(rtts) * 0.99)], 4),
            "rtt_ms_max": round(rtts[-1], 4),
            "rss_idle_mib": round(idle_rss / 1024, 2),
            "rss_after_mib": round(after_rss / 1024, 2),
            "rss_growth_mib": round((after_rss - idle_rss) / 1024, 3)}


def main():
    binary = sys.argv[1]
    requests = int(sys.argv[sys.argv.index("--requests") + 1]) if "--requests" in sys.argv else 100_000
    result = {}
    result.update(startup(binary))
    result.update(control(binary, requests))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
