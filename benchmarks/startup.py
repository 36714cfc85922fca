"""Startup cost of a new process: `haven assess putin --on 2024-06-24 -f csv` with warm caches, measured side by
side with a bare `python -c "import pandas"` (interleaved, so both see the same machine load).

Run: python benchmarks/startup.py [--runs 15]
Target (issue 15): the haven command takes at most 1.3x the time of importing pandas. Both wall-clock and
CPU time (user + system of the child) are reported; on a loaded machine the CPU ratio is the steadier one.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HAVEN = [sys.executable, "-m", "haven", "assess", "putin", "--on", "2024-06-24", "-f", "csv"]
PANDAS = [sys.executable, "-c", "import pandas"]
TARGET = 1.3


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of `command` in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cache-dir", help="cache directory to use (default: a fresh temporary one, warmed first)")
    args = parser.parse_args()
    env = dict(os.environ)
    env["HAVEN_CACHE_DIR"] = args.cache_dir or tempfile.mkdtemp(prefix="haven-startup-")
    cold = run(HAVEN, env)  # builds the caches
    run(HAVEN, env)
    run(PANDAS, env)
    haven, pandas = [], []
    for _ in range(args.runs):
        haven.append(run(HAVEN, env))
        pandas.append(run(PANDAS, env))
    rows = []
    for label, index in (("wall", 0), ("cpu", 1)):
        h = statistics.median(r[index] for r in haven)
        p = statistics.median(r[index] for r in pandas)
        rows.append((label, h, p, h / p))
    print(f"first run, building the caches: {cold[0]:.2f} s wall")
    print(f"{'median of ' + str(args.runs):<16}{'haven assess':>14}{'import pandas':>15}{'ratio':>8}   target <= {TARGET}")
    for label, h, p, ratio in rows:
        print(f"{label:<16}{h:>13.3f}s{p:>14.3f}s{ratio:>8.2f}   {'ok' if ratio <= TARGET else 'MISSED'}")
    loaded = [m for m in ("pandas", "duckdb", "rich", "pycountry", "matplotlib", "scipy", "shapely")
              if _imported(m, env)]
    print("imported by the haven command:", ", ".join(loaded) or "none of pandas, duckdb, rich, pycountry, matplotlib, scipy, shapely")


def _imported(module: str, env: dict[str, str]) -> bool:
    code = ("import sys, contextlib, io\n"
            f"sys.argv = {HAVEN[2:]!r}\n"
            "from haven.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        main()\n    except SystemExit:\n        pass\n"
            f"print({module!r} in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    return out.strip().endswith("True")


if __name__ == "__main__":
    main()
