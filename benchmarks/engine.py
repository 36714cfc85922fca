"""Engine speed: one date warm, a cold CLI run, and a daily series from 2000 to today.

Run: python benchmarks/engine.py   (prints the figures recorded in docs/benchmarks.md)
Targets: one person, one date, all countries < 20 ms warm; `haven assess putin` cold < 1 s;
a daily series 2000..today for one person < 5 s.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date

import numpy as np

from haven.engine import assess, evaluate_series
from haven.knowledge import load


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    kb = load()
    on = date(2024, 6, 24)
    assess("putin", on, kb)
    warm = timed(lambda: assess("putin", on, kb), 50)
    print(f"assess putin one date, warm: median {statistics.median(warm) * 1000:.1f} ms, max {max(warm) * 1000:.1f} ms")

    cache = tempfile.mkdtemp()
    env = {**os.environ, "HAVEN_CACHE_DIR": cache}
    command = [sys.executable, "-m", "haven", "assess", "putin", "--on", "2024-06-24", "-f", "csv"]
    first = timed(lambda: subprocess.run(command, env=env, capture_output=True, check=True), 1)[0]
    cold = timed(lambda: subprocess.run(command, env=env, capture_output=True, check=True), 5)
    shutil.rmtree(cache)
    print(f"haven assess putin, first run (builds the cache): {first:.2f} s")
    print(f"haven assess putin, cold process with cache: median {statistics.median(cold):.2f} s")

    days = np.arange(np.datetime64("2000-01-01"), np.datetime64(date.today(), "D") + 1)
    series = timed(lambda: evaluate_series("putin", days, kb), 3)
    print(f"daily series 2000-01-01..today ({len(days)} dates x {len(kb.countries.states())} states): median {statistics.median(series):.2f} s")


if __name__ == "__main__":
    main()
