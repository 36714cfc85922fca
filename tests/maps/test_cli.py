"""The commands end to end on the fixture world (HAVEN_DATA_DIR), including their errors."""

import csv
import io
import os
import subprocess
import sys

import pytest
from PIL import Image
from typer.testing import CliRunner

from haven.cli.app import app


@pytest.fixture
def run(kb_dir, monkeypatch):
    monkeypatch.setenv("HAVEN_DATA_DIR", str(kb_dir))
    runner = CliRunner()

    def invoke(*args):
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, (result.output, result.exception)
        return result

    return invoke


def test_map_png_is_at_least_1600_pixels_wide(run, tmp_path):
    out = tmp_path / "map.png"
    run("map", "wanted", "--on", "2024-07-01", "--visits-since", "2024-01-01", "-o", str(out))
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.width >= 1600
        assert image.height > image.width / 2


def test_map_width_option(run, tmp_path):
    out = tmp_path / "map.png"
    run("map", "wanted", "--on", "2024-07-01", "--width", "1700", "-o", str(out))
    with Image.open(out) as image:
        assert image.width == 1700


def test_map_region_and_labels(run, tmp_path):
    out = tmp_path / "europe.svg"
    run("map", "wanted", "--on", "2024-07-01", "--region", "europe", "--label", "DPRK,Germany", "-o", str(out))
    svg = out.read_text(encoding="utf-8")
    # the credit line wraps where its length says, so only words that stay on one line are looked for
    assert "Where Wanted Person can travel: Europe" in svg and "equal-area conic projection centred on 52°N" in svg
    assert "Germany" in svg and "North Korea" not in svg  # North Korea is off this map: its label is left out
    run("map", "wanted", "--on", "2024-07-01", "--label", "none", "-o", str(tmp_path / "plain.svg"))
    assert "Russia" not in (tmp_path / "plain.svg").read_text(encoding="utf-8")


def test_map_svg_and_pdf(run, tmp_path):
    run("map", "wanted", "--on", "2024-07-01", "-o", str(tmp_path / "map.svg"))
    run("map", "wanted", "--on", "2024-07-01", "-o", str(tmp_path / "map.pdf"))
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Where Wanted Person can travel" in svg  # text kept as text
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


def test_svg_is_reproducible(run, tmp_path):
    run("map", "wanted", "--on", "2024-07-01", "-o", str(tmp_path / "a.svg"))
    run("map", "wanted", "--on", "2024-07-01", "-o", str(tmp_path / "b.svg"))
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_timeline_csv_rows_sum_to_the_states(run, tmp_path, kb):
    out = tmp_path / "timeline.csv"
    run("timeline", "wanted", "--from", "2023-01-01", "--to", "2025-12-31", "--every", "month", "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["date", "home", "ally", "open", "risky", "closed"]
    assert len(rows) == 37  # 36 months and the last day
    states = len(kb.countries.states())
    assert all(sum(int(row[t]) for t in ("home", "ally", "open", "risky", "closed")) == states for row in rows)


def test_timeline_csv_on_stdout_with_a_step_in_days(run):
    result = run("timeline", "wanted", "--from", "2024-01-01", "--to", "2024-03-01", "--every", "30d")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["date", "home", "ally", "open", "risky", "closed"]
    assert [r[0] for r in rows[1:]] == ["2024-01-01", "2024-01-31", "2024-03-01"]


def test_timeline_png(run, tmp_path):
    out = tmp_path / "timeline.png"
    run("timeline", "wanted", "--from", "2023-01-01", "--to", "2025-12-31", "-o", str(out))
    with Image.open(out) as image:
        assert image.width >= 1600


def test_atlas_png(run, tmp_path):
    out = tmp_path / "atlas.png"
    run("atlas", "wanted", "--dates", "2023-01-01,2024-07-01,2025-07-01,2025-12-01", "-o", str(out))
    with Image.open(out) as image:
        assert image.width >= 1600


def haven(kb_dir, *args):
    env = {**os.environ, "HAVEN_DATA_DIR": str(kb_dir)}
    code = "import sys; from haven.cli.app import main; sys.argv = ['haven', *sys.argv[1:]]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("args, message", [
    (["map", "nobody", "-o", "{out}/m.png"], "unknown person 'nobody'"),
    (["map", "wanted", "--on", "2024-02-30", "-o", "{out}/m.png"], "bad date '2024-02-30'"),
    (["map", "wanted", "-o", "{out}/m.gif"], "name the file .png, .svg or .pdf"),
    (["map", "wanted", "--width", "10", "-o", "{out}/m.png"], "too small"),
    (["map", "wanted", "--region", "mars", "-o", "{out}/m.png"], "unknown region 'mars'"),
    (["map", "wanted", "--label", "RUS,Atlantis", "-o", "{out}/m.png"], "unknown country 'Atlantis'"),
    (["timeline", "nobody"], "unknown person 'nobody'"),
    (["timeline", "wanted", "--from", "yesterday"], "bad date 'yesterday'"),
    (["timeline", "wanted", "--every", "fortnight"], "bad period 'fortnight'"),
    (["atlas", "wanted", "--dates", "2024-01-01,2024-99-01", "-o", "{out}/a.png"], "bad date '2024-99-01'"),
])
def test_errors_are_one_line_and_exit_2(kb_dir, tmp_path, args, message):
    result = haven(kb_dir, *[a.format(out=tmp_path) for a in args])
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not list(tmp_path.glob("*.png")) and not list(tmp_path.glob("*.gif"))
