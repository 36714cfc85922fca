"""How fast the map views render on the bundled knowledge base (a script that prints figures, not a test).

    HAVEN_CACHE_DIR=/tmp/hc-bench /work/venv/bin/python benchmarks/maps.py [--out DIR]

"Cold" is the first render in a fresh process (boundaries projected, fonts loaded, the person's rules compiled);
"warm" is the median of later renders, what a batch job or a server pays per map.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def timed(action, repeat: int = 1) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="keep the files here (default: a temporary directory)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="haven-maps-bench-"))
    out.mkdir(parents=True, exist_ok=True)

    start = time.perf_counter()
    from haven.knowledge import load
    from haven.maps.atlas import render_atlas
    from haven.maps.timeline import render_timeline
    from haven.maps.world import render_map
    from haven.persons import find_person

    kb = load()
    putin = find_person(kb, "putin")
    print(f"import + load knowledge base      {time.perf_counter() - start:6.2f} s   (data {kb.version})")

    on = date(2024, 6, 24)
    cold = timed(lambda: render_map(putin, on, kb, out / "cold.png"))[0]
    print(f"map PNG, cold (first in process)   {cold:6.2f} s")
    days = iter(range(1, 1000))
    warm = timed(lambda: render_map(putin, date(2024, 6, next(days) % 28 + 1), kb, out / "warm.png"), args.repeat)
    print(f"map PNG 2000 px, warm (median {args.repeat})  {statistics.median(warm):6.2f} s   (aim < 2 s)")
    wide = timed(lambda: render_map(putin, on, kb, out / "wide.png", width_px=4000), args.repeat)
    print(f"map PNG 4000 px, warm              {statistics.median(wide):6.2f} s")
    trips = timed(lambda: render_map(putin, on, kb, out / "trips.png", visits_since=date(2023, 3, 17)), args.repeat)
    print(f"map PNG with trips, warm           {statistics.median(trips):6.2f} s")
    europe = timed(lambda: render_map(putin, on, kb, out / "europe.png", region_name="europe"), 1)[0]
    print(f"map PNG Europe, first (projected)  {europe:6.2f} s")
    europe_w = timed(lambda: render_map(putin, on, kb, out / "europe.png", region_name="europe",
                                        visits_since=date(2023, 3, 17)), args.repeat)
    print(f"map PNG Europe with trips, warm    {statistics.median(europe_w):6.2f} s")
    for fmt in ("svg", "pdf"):
        t = timed(lambda: render_map(putin, on, kb, out / f"map.{fmt}"), args.repeat)
        size = (out / f"map.{fmt}").stat().st_size / 1e6
        print(f"map {fmt.upper()}, warm                      {statistics.median(t):6.2f} s   ({size:.1f} MB)")
    size = (out / "warm.png").stat().st_size / 1e6
    print(f"PNG file size (2000 px)            {size:6.2f} MB")

    today = date(2026, 11, 25)
    csv_t = timed(lambda: render_timeline(putin, kb, None, today, "month", out / "timeline.csv"), args.repeat)
    print(f"timeline CSV monthly 2023-2026     {statistics.median(csv_t):6.2f} s")
    bashir = find_person(kb, "al-bashir")
    long_t = timed(lambda: render_timeline(bashir, kb, None, today, "1w", out / "weekly.csv"), args.repeat)
    print(f"timeline CSV weekly 2009-2026      {statistics.median(long_t):6.2f} s   (~930 dates)")
    png_t = timed(lambda: render_timeline(bashir, kb, None, today, "month", out / "timeline.png"), args.repeat)
    print(f"timeline PNG day by day 2009-2026  {statistics.median(png_t):6.2f} s   (~6,500 days)")
    dates = [date(2023, 3, 17), date(2024, 6, 24), date(2025, 9, 1), date(2026, 11, 1)]
    atlas_t = timed(lambda: render_atlas(putin, dates, kb, out / "atlas.png"), max(1, args.repeat // 2))
    print(f"atlas PNG, 4 maps                  {statistics.median(atlas_t):6.2f} s")
    print(f"files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
