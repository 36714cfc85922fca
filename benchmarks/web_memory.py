"""Memory under worst-case timelines: N concurrent /api/timeline requests, each for a century no cache holds.

    python benchmarks/web_memory.py [--requests 20] [--workers 1]

Each request asks for 2000-01-01 to a different day of 2099 (1,200 months, the most one request may ask,
and outside the precomputed slider period, so every one is computed). The server's resident memory (all
its processes) is sampled every 50 ms; the peak is printed (target: under 1.5 GB with 20 requests).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo += [int(p) for p in handle.read().split()]
        except OSError:
            continue
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "haven", "serve", "--port", str(port), "--today", "2026-11-24", "--workers", str(args.workers)]
    server = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/assess?person=putin", timeout=60).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.3)
        idle = tree_rss(server.pid)
        peak = [idle]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], tree_rss(server.pid))
                time.sleep(0.05)

        statuses: list[int] = []

        def ask(i: int):
            url = f"{base}/api/timeline?person=putin&from=2000-01-01&to=2099-12-{1 + i % 28:02d}"
            if i >= 28:
                url = f"{base}/api/timeline?person=netanyahu&from=2000-01-{1 + i % 28:02d}&to=2099-12-31"
            try:
                with urllib.request.urlopen(url, timeout=600) as response:
                    response.read()
                    statuses.append(response.status)
            except urllib.error.HTTPError as exc:
                statuses.append(exc.code)

        watcher = threading.Thread(target=sample)
        watcher.start()
        started = time.perf_counter()
        askers = [threading.Thread(target=ask, args=(i,)) for i in range(args.requests)]
        for thread in askers:
            thread.start()
        for thread in askers:
            thread.join()
        elapsed = time.perf_counter() - started
        stop.set()
        watcher.join()
        print(f"{args.requests} concurrent worst-case timelines, {args.workers} worker(s): all answered in {elapsed:.1f} s, "
              f"statuses {sorted(set(statuses))}; server memory idle {idle / 2**20:.0f} MiB, peak {peak[0] / 2**20:.0f} MiB")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
