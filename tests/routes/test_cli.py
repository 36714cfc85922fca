"""`haven route` and `haven reach` from the command line."""

import json
import sys

import pytest

from haven.cli import main


def run(monkeypatch, capsys, *args):
    monkeypatch.setattr(sys, "argv", ["haven", *args])
    code = 0
    try:
        main()
    except SystemExit as exit:
        code = exit.code or 0
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("args, message", [
    (("route", "putin", "Narnia"), "unknown place"),
    (("route", "putin", "PRK", "--avoid", "nothing"), "--avoid"),
    (("route", "putin", "PRK", "--format", "pdf"), "format"),
    (("route", "putin", "PRK", "--range-km", "-5"), "range"),
    (("route", "putin", "PRK", "--on", "2024-13-01"), "date"),
    (("route", "nobody", "PRK"), "unknown person"),
    (("reach", "putin", "--format", "xml"), "format"),
    (("reach", "putin", "--grid-km", "1"), "grid"),
])
def test_bad_input_exits_2_with_one_line(monkeypatch, capsys, args, message):
    code, _, err = run(monkeypatch, capsys, *args)
    assert code == 2
    assert message in err and err.count("\n") == 1


def test_route_json_and_geojson(monkeypatch, capsys, tmp_path):
    code, out, _ = run(monkeypatch, capsys, "route", "putin", "VNM", "--on", "2024-06-24", "--format", "json", "--grid-km", "80")
    assert code == 0
    data = json.loads(out)
    assert data["found"] and data["destination"]["code"] == "HAN" and data["crossings"][-1]["code"] == "VNM"
    target = tmp_path / "route.geojson"
    code, _, _ = run(monkeypatch, capsys, "route", "putin", "VNM", "--on", "2024-06-24", "-f", "geojson", "-o", str(target), "--grid-km",
                     "80")
    assert code == 0
    collection = json.loads(target.read_text())
    assert collection["type"] == "FeatureCollection"
    assert {f["properties"]["kind"] for f in collection["features"]} >= {"leg", "origin", "destination"}
