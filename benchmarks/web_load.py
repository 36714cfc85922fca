"""Load on /api/assess: a real server (uvicorn in its own process) and 50 concurrent clients on localhost.

    python benchmarks/web_load.py [--requests 3000] [--clients 50] [--keys 40]

Prints p50/p95/p99 latency for cold requests (each (person, date) computed once) and for warm ones
(served from the app's LRU of encoded answers), and the throughput. Figures go in docs/web.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta

import httpx

PERSONS = ["putin", "netanyahu", "al-bashir", "duterte", "shoigu"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "uvicorn", "haven.web:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(command, env={**os.environ, "HAVEN_WEB_TODAY": "2026-11-24"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/method", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to tell server cost from client cost."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def fire(base: str, keys: list[tuple[str, str]], total: int, clients: int) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(keys[i % len(keys)])
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker():
            nonlocal errors
            while not queue.empty():
                person, on = queue.get_nowait()
                started = time.perf_counter()
                response = await client.get("/api/assess", params={"person": person, "on": on})
                latencies.append((time.perf_counter() - started) * 1000)
                errors += response.status_code != 200
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, elapsed, errors


def report(name: str, latencies: list[float], elapsed: float, errors: int) -> None:
    print(f"{name:<6} n={len(latencies):5d}  p50 {statistics.median(latencies):6.1f} ms  p95 {percentile(latencies, 95):6.1f} ms  "
          f"p99 {percentile(latencies, 99):6.1f} ms  max {max(latencies):6.1f} ms  {len(latencies) / elapsed:7.0f} req/s  errors {errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--keys", type=int, default=40, help="distinct (person, date) pairs")
    args = parser.parse_args()
    rng = random.Random(7)
    start = date(2023, 1, 1)
    keys = [(rng.choice(PERSONS), (start + timedelta(days=rng.randrange(1400))).isoformat()) for _ in range(args.keys)]
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        print(f"haven web load: {args.clients} concurrent clients, localhost, {os.cpu_count()} CPU(s)")
        report("cold", *asyncio.run(fire(base, keys, len(keys), args.clients)))
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        latencies, elapsed, errors = asyncio.run(fire(base, keys, args.requests, args.clients))
        report("warm", latencies, elapsed, errors)
        server_cpu, client_cpu = cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
        print(f"warm CPU per request: server {server_cpu / len(latencies) * 1000:.2f} ms, "
              f"load generator {client_cpu / len(latencies) * 1000:.2f} ms (same machine; load average {os.getloadavg()[0]:.1f})")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
