"""The web app's targets, measured with wrk (Debian: `apt-get install -y wrk`) against `haven serve`.

    python benchmarks/web_wrk.py [--workers 2] [--duration 60] [--only assess|mixed|fixed]

1. `/api/assess` at 50 connections, warm: p99 (target <= 20 ms).
2. The fixed answers (/api/persons, /api/method, /api/countries, /api/boundaries) at 10 connections: p99.
3. A mixed load at 200 connections for `--duration` seconds (assess, explain, timeline, series, visits,
   persons, method, boundaries; bad input too): socket errors and non-2xx/3xx answers other than the
   deliberate 4xx (target: 0 errors, 0 5xx).

The server runs in its own process group with `--workers`; wrk's C client costs little CPU, so on a small
machine the figures are mostly the server's. Figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TODAY = "2026-11-24"
ASSESS = "/api/assess?person=putin&on=2024-06-24"
FIXED = ["/api/persons", "/api/method", "/api/countries", "/api/boundaries"]
MIXED = [
    "/api/assess?person=putin&on=2024-06-24", "/api/assess?person=netanyahu&on=2025-01-01",
    "/api/assess?person=al-bashir&on=2015-06-14", "/api/assess?person=putin&on=2023-08-22",
    "/api/explain?person=putin&country=MNG&on=2024-09-04", "/api/explain?person=netanyahu&country=HUN&on=2025-04-03",
    "/api/timeline?person=putin&from=2020-01-01&to=2026-11-24", "/api/series?person=putin",
    "/api/visits?person=putin", "/api/persons", "/api/method", "/api/boundaries", "/api/countries",
    "/api/assess?person=nobody", "/api/assess?person=putin&on=2024-02-30", "/api/visits?person=putin&from=2024-06-01&to=2024-01-01",
]
# A wrk script that walks the paths in turn on every connection and counts answers by status class.
LUA = """
local paths = {%s}
local threads = {}
local i = 0
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; client = 0; server = 0 end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1], {["Accept-Encoding"] = "gzip"})
end
function response(status, headers, body)
  if status >= 500 then server = server + 1 elseif status >= 400 then client = client + 1 else ok = ok + 1 end
end
function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do a = a + t:get("ok"); b = b + t:get("client"); c = c + t:get("server") end
  io.write(string.format("answers 2xx/3xx %%d 4xx %%d 5xx %%d; errors connect %%d read %%d write %%d timeout %%d\\n", a, b, c,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "haven", "serve", "--port", str(port), "--today", TODAY, "--workers", str(workers)]
    server = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/method", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("the server did not start")


def warm(base: str, paths: list[str], workers: int) -> None:
    for _ in range(4 * workers):  # every worker process answers each path at least once (cold paths are computed)
        for path in paths:
            try:
                urllib.request.urlopen(base + path, timeout=120).read()
            except OSError:
                pass  # the deliberate 4xx


def wrk(url: str, connections: int, seconds: int, script: Path | None = None) -> str:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", str(script)]
    return subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout


def latency(output: str, percent: str) -> str:
    match = re.search(rf"^\s+{percent}%\s+(\S+)", output, re.MULTILINE)
    return match.group(1) if match else "?"


def summary(name: str, output: str) -> None:
    rate = re.search(r"Requests/sec:\s+(\S+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    print(f"{name}: p50 {latency(output, '50')}  p90 {latency(output, '90')}  p99 {latency(output, '99')}  "
          f"{rate.group(1) if rate else '?'} req/s  non-2xx/3xx {non2xx.group(1) if non2xx else 0}  "
          f"socket errors: {socket_errors.group(1) if socket_errors else 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--only", choices=["assess", "fixed", "mixed"])
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(port, args.workers)
    try:
        print(f"haven serve --workers {args.workers}; {os.cpu_count()} CPU(s); load average {os.getloadavg()[0]:.1f}")
        warm(base, MIXED + FIXED, args.workers)
        if args.only in (None, "assess"):
            summary("assess, 50 connections, 15 s", wrk(base + ASSESS, 50, 15))
        if args.only in (None, "fixed"):
            for path in FIXED:
                summary(f"{path}, 10 connections, 10 s", wrk(base + path, 10, 10))
        if args.only in (None, "mixed"):
            with tempfile.TemporaryDirectory() as directory:
                script = Path(directory) / "mixed.lua"
                script.write_text(LUA % ", ".join(f'"{p}"' for p in MIXED))
                output = wrk(base + "/", 200, args.duration, script)
            summary(f"mixed, 200 connections, {args.duration} s (3 of {len(MIXED)} paths are deliberate 4xx)", output)
            print("  " + next((line for line in output.splitlines() if line.startswith("answers ")), "no status counts"))
            status = urllib.request.urlopen(base + "/api/method", timeout=10).status
            print(f"  server still answering afterwards: HTTP {status}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
