"""Route planning speed: grid build, one route warm, every state from one origin. Prints figures for docs/routes.md.

Run: HAVEN_CACHE_DIR=/tmp/hc-bench python benchmarks/routes.py [SPACING_KM]
"""

from __future__ import annotations

import sys
import time
from datetime import date

from haven.knowledge import load
from haven.routes import capital, context, plan_route, reachability, resolve
from haven.routes.grid import world_grid


def timed(label, func, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<58} {best * 1000:>9.0f} ms")
    return result


def main() -> None:
    spacing = float(sys.argv[1]) if len(sys.argv) > 1 else 55.0
    kb = load()
    on = date(2024, 6, 24)
    grid = timed(f"grid {spacing:.0f} km (labels from disk cache or built)", lambda: world_grid(spacing))
    print(f"  {grid.size:,} nodes, {len(grid.edges):,} edges")
    timed("context: graph + airspaces for putin on 2024-06-24", lambda: context(kb, "putin", on, spacing))
    origin = capital("RUS", kb)
    for destination in ("PRK", "VNM", "BRA", "ANC"):
        target = resolve(destination, kb)
        plan_route(kb, "putin", origin, target, on, spacing_km=spacing)
        timed(f"one route warm Moscow -> {destination} (best of 5)",
              lambda: plan_route(kb, "putin", origin, target, on, spacing_km=spacing), repeat=5)
    reachability("putin", on, kb, spacing_km=spacing)
    frame = timed(f"every state from Moscow ({len(kb.countries.states())} states, best of 3)",
                  lambda: reachability("putin", on, kb, spacing_km=spacing), repeat=3)
    print(f"  reachable {int(frame['reachable'].sum())}, clean {int(frame['clean'].sum())}")
    timed("every state for netanyahu on 2025-04-07 (cold context)",
          lambda: reachability("netanyahu", date(2025, 4, 7), kb, spacing_km=spacing))


if __name__ == "__main__":
    main()
