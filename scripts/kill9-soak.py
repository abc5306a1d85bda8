#!/usr/bin/env python3
"""kill -9 soak: a busy headless posterm (an admin setting the terminal id to 1, 2, 3, ..., each a
configuration commit plus an audit entry) is killed with SIGKILL at a random moment; then
`posterm-flash check` must find the image consistent, and posterm must boot from it with the last
acknowledged terminal id or the one that was in flight, never an older one.

Usage: scripts/kill9-soak.py BIN_DIR [ROUNDS] [SEED]
"""
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time


def main():
    bin_dir = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else random.randrange(1 << 32)
    print(f"kill9-soak: {rounds} rounds, seed {seed}")
    rng = random.Random(seed)
    work = tempfile.mkdtemp()
    image = os.path.join(work, "flash.img")
    for round_number in range(rounds):
        proc = subprocess.Popen([f"{bin_dir}/posterm", "run", "--headless", "--flash", image,
                                 "--control", "tcp:127.0.0.1:0", "--log-level", "error"],
                                stderr=subprocess.PIPE)
        port = None
        while port is None:
            line = proc.stderr.readline().decode()
            if not line:
                raise SystemExit(f"round {round_number}: posterm did not start")
            found = re.search(r"tcp:127\.0\.0\.1:(\d+)", line)
            port = int(found.group(1)) if found else None
        sock = socket.create_connection(("127.0.0.1", port))
        reader = sock.makefile("rb")
        acknowledged = []

        def ask(request):
            sock.sendall((json.dumps(request) + "\n").encode())
            return json.loads(reader.readline())

        def busy():
            try:
                ask({"op": "wait", "screen": "idle", "timeout_ms": 5000})
                ask({"op": "keys", "keys": ["ENTER", "9", "9", "ENTER"] + list("12345678") + ["ENTER", "4"]})
                while True:
                    wanted = (int(ask({"op": "status"})["terminal_id"]) + 1) % 100_000_000
                    ask({"op": "keys", "keys": ["1"] + ["CLEAR"] * 8 + list(f"{wanted:08d}") + ["ENTER"]})
                    acknowledged.append(int(ask({"op": "status"})["terminal_id"]))
                    ask({"op": "keys", "keys": ["ENTER"]})
            except (OSError, ValueError, KeyError):
                return

        worker = threading.Thread(target=busy, daemon=True)
        worker.start()
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        sock.close()
        worker.join(timeout=5)
        check = subprocess.run([f"{bin_dir}/posterm-flash", "check", image], capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit(f"round {round_number}: posterm-flash check failed:\n{check.stdout}{check.stderr}")
        script = os.path.join(work, "status.jsonl")
        with open(script, "w") as f:
            f.write('{"op":"status"}\n')
        boot = subprocess.run([f"{bin_dir}/posterm", "run", "--flash", image, "--script", script, "--log-level", "error"],
                              capture_output=True, text=True, timeout=30)
        booted = int(json.loads(boot.stdout.splitlines()[0])["terminal_id"])
        if acknowledged and booted not in (acknowledged[-1], acknowledged[-1] + 1):
            raise SystemExit(f"round {round_number}: acknowledged terminal id {acknowledged[-1]} but booted with {booted}")
        last = acknowledged[-1] if acknowledged else None
        print(f"round {round_number}: {len(acknowledged)} commits acknowledged, last {last}, booted with {booted}: ok")
    print(f"{rounds} passed, 0 failed")


if __name__ == "__main__":
    main()
