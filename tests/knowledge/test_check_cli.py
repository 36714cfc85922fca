"""`haven data check` and `haven data seal` through the command line."""

import shutil

from typer.testing import CliRunner

from haven.cli.app import app
from haven.knowledge.schema import BUNDLED_DATA


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_a_truncated_table_fails_the_check_until_sealed(tmp_path):
    directory = shutil.copytree(BUNDLED_DATA, tmp_path / "kb")
    path = directory / "trade.csv"  # no other table refers to its rows
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    result = run("data", "check", "--data-dir", str(directory))
    assert result.exit_code == 1
    damage = [line for line in result.stdout.splitlines() if line.startswith("trade.csv:0: (file): ")]
    assert len(damage) == 1 and "rows declared in datapackage.json are missing" in damage[0]
    sealed = run("data", "seal", "--data-dir", str(directory))
    assert sealed.exit_code == 0 and sealed.stderr.startswith("sealed ")
    assert "trade.csv:0:" not in run("data", "check", "--data-dir", str(directory)).stdout


def test_a_clean_directory_passes_and_a_bom_is_named_once(world, tmp_path):
    world.add("warrants", id="w", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    directory = world.write(tmp_path / "kb")
    assert run("data", "seal", "--data-dir", str(directory)).exit_code == 0
    ok = run("data", "check", "--data-dir", str(directory))
    assert ok.exit_code == 0 and ok.stdout == ""
    path = directory / "countries.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    bad = run("data", "check", "--data-dir", str(directory))
    assert bad.exit_code == 1
    assert bad.stdout == "countries.csv:1: (file): starts with a UTF-8 byte-order mark; save without BOM\n"


def test_sealing_broken_data_is_refused(world, tmp_path):
    world.add("warrants", id="w", person="ghost", issuer="ICC", kind="warrant", start="2023-03-17")
    directory = world.write(tmp_path / "kb")
    result = run("data", "seal", "--data-dir", str(directory))
    assert result.exit_code == 1
    assert str(result.exception).startswith("not sealed: warrants.csv:2: person: unknown person 'ghost'")
    assert not (directory / "datapackage.json").exists()
