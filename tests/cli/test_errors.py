"""Every command and sub-command, driven with bad input through the real entry point (`haven.cli.main`):
one line on stderr, exit code 2 for a usage error or bad value, 1 for a failure, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from haven.cli.app import app
from tests.maps.conftest import wanted_world

ROOT = typer.main.get_command(app)


def _walk(command, path=()):
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in subcommands.items():
            yield from _walk(sub, (*path, name))
    else:
        yield path, command


COMMANDS = dict(_walk(ROOT))
GROUPS = [("data",), ("import",), ("model",), ("export",)]


def _params(command, kind):
    return [p for p in command.params if p.param_type_name == kind]


def _option(command, name):
    return next((p for p in _params(command, "option") if p.name == name), None)


def _date_options(command):
    return [p for p in _params(command, "option") if "YYYY-MM-DD" in (p.help or "")]


# a valid value for each required parameter, so that the one bad input under test is what fails
VALID = {"person": "wanted", "country": "MNG", "destination": "MNG", "kind": "memberships", "dates": "2024-01-01",
         "match": "x", "concerns": "RUS", "location": "votes.csv", "votes": "votes.csv", "roll_calls": "calls.csv",
         "directory": "kb-copy", "locations": "entities.json"}
# the file name each command's -o can take (a folder for backtest)
OUTPUT_NAME = {("map",): "out.png", ("atlas",): "out.png", ("timeline",): "out.png", ("brief",): "out.md",
               ("explain",): "out.txt", ("route",): "out.json", ("model", "fit"): "out.json", ("backtest",): "out",
               ("export", "ftm"): "out.json"}


def required_args(path, command, tmp_path, skip=()):
    args = []
    for param in _params(command, "argument"):
        if param.required and param.name not in skip:
            args.append(VALID[param.name])
    for param in _params(command, "option"):
        if param.required and param.name not in skip:
            value = str(tmp_path / OUTPUT_NAME.get(path, "out.csv")) if param.name == "output" else VALID[param.name]
            args += [param.opts[0], value]
    return args


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


def test_every_command_is_covered():
    assert len(COMMANDS) >= 20
    assert {("assess",), ("map",), ("route",), ("data", "facts"), ("model", "fit"), ("import", "unvotes")} <= set(COMMANDS)
    assert {p.name for c in COMMANDS.values() for p in _date_options(c)} >= {"on", "start", "end", "since", "today", "dates"}


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_an_unknown_option_names_the_accepted_ones(haven, path):
    code, _, err = haven(*path, "--no-such-option")
    line = one_line(err)
    assert code == 2
    assert f"haven {' '.join(path)}: unknown option --no-such-option; options:" in line and "--help" in line


@pytest.mark.parametrize("path", sorted(p for p, c in COMMANDS.items() if any(x.required for x in c.params)), ids=" ".join)
def test_a_missing_argument_is_named_with_the_usage(haven, path, tmp_path):
    command = COMMANDS[path]
    first = next(p for p in command.params if p.required)
    code, _, err = haven(*path, *required_args(path, command, tmp_path, skip={first.name}))
    line = one_line(err)
    assert code == 2 and "missing" in line and f"usage: haven {' '.join(path)}" in line


@pytest.mark.parametrize("path", sorted(p for p, c in COMMANDS.items() if _params(c, "argument")), ids=" ".join)
def test_a_surplus_argument_is_refused(haven, path, tmp_path):
    command = COMMANDS[path]
    if any(p.nargs == -1 or not p.required for p in _params(command, "argument")):
        pytest.skip("an optional or repeatable argument takes any further value")
    code, _, err = haven(*path, *required_args(path, command, tmp_path), "surplus")
    line = one_line(err)
    assert code == 2 and "unexpected argument 'surplus'" in line


@pytest.mark.parametrize("path", sorted(p for p, c in COMMANDS.items() if p[0] != "import" and _date_options(c)),
                         ids=" ".join)
@pytest.mark.parametrize("value, message", [("1800-01-01", "out of range"), ("2999-01-01", "out of range"),
                                            ("2024-02-30", "bad date"), ("24/06/2024", "bad date")])
def test_every_date_option_refuses_bad_and_out_of_range_dates(haven, path, tmp_path, value, message):
    command = COMMANDS[path]
    for option in _date_options(command):
        code, _, err = haven(*path, *required_args(path, command, tmp_path, skip={option.name}), option.opts[0], value)
        line = one_line(err)
        assert code == 2 and message in line, (option.opts, line)
        if message == "out of range":
            assert "1900-01-01 to 2100-12-31" in line


@pytest.mark.parametrize("path", sorted(p for p, c in COMMANDS.items() if p[0] != "import" and _date_options(c)), ids=" ".join)
def test_every_date_option_refuses_an_empty_date_rather_than_guessing_today(haven, path, tmp_path):
    command = COMMANDS[path]
    for option in _date_options(command):
        if option.name == "dates":
            continue  # atlas: "--dates needs at least one date"
        code, _, err = haven(*path, *required_args(path, command, tmp_path, skip={option.name}), option.opts[0], "")
        assert code == 2 and "empty date" in one_line(err), (option.opts, err)


@pytest.mark.parametrize("args", [("assess", "wanted", "--on", "2024-01-01" + "9" * 100_000),
                                  ("assess", "x" * 100_000), ("explain", "wanted", "y" * 100_000)])
def test_a_huge_input_is_cut_in_the_error_line(haven, args):
    code, _, err = haven(*args)
    line = one_line(err)
    assert code == 2 and len(line) < 2000 and "(100" in line and "characters)" in line


def test_control_and_invisible_characters_are_shown_as_escapes(haven):
    code, _, err = haven("assess", "wan\x00ted\u200b")
    line = one_line(err)
    assert code == 2 and "\\x00" in line and "\\u200b" in line and "\x00" not in line


@pytest.mark.parametrize("path", sorted(p for p, c in COMMANDS.items() if any(x.name == "person" for x in _params(c, "argument"))),
                         ids=" ".join)
@pytest.mark.parametrize("person, message", [("nobody", "unknown person 'nobody'"), ("", "a person is required"),
                                             ("   ", "a person is required")])
def test_every_person_argument_refuses_unknown_and_blank_names(haven, path, tmp_path, person, message):
    command = COMMANDS[path]
    code, _, err = haven(*path, person, *required_args(path, command, tmp_path, skip={"person"}))
    line = one_line(err)
    assert code == 2 and message in line


@pytest.mark.parametrize("path", sorted(p for p, c in COMMANDS.items() if _option(c, "fmt")), ids=" ".join)
def test_every_format_option_refuses_an_unknown_format_listing_the_accepted_ones(haven, path, tmp_path):
    command = COMMANDS[path]
    code, _, err = haven(*path, *required_args(path, command, tmp_path), "-f", "xml")
    line = one_line(err)
    assert code == 2 and "unknown format 'xml': accepted formats:" in line


@pytest.mark.parametrize("path", sorted(p for p, c in COMMANDS.items() if _option(c, "output")), ids=" ".join)
def test_every_output_into_a_missing_folder_fails_with_one_line_and_leaves_nothing(haven, path, tmp_path):
    command = COMMANDS[path]
    target = tmp_path / "missing" / OUTPUT_NAME.get(path, "out.csv")
    args = [a if a != str(tmp_path / OUTPUT_NAME.get(path, "out.csv")) else str(target)
            for a in required_args(path, command, tmp_path)]
    if not _option(command, "output").required:
        args += ["-o", str(target)]
    code, _, err = haven(*path, *args)
    line = one_line(err)
    assert code == 1 and f"the folder {target.parent} does not exist" in line
    assert not target.parent.exists()


@pytest.mark.parametrize("path",
                         sorted(p for p, c in COMMANDS.items() if _option(c, "output") and p not in (("backtest",), ("site", "build"))),
                         ids=" ".join)
def test_every_output_that_is_a_folder_fails_with_one_line(haven, path, tmp_path):
    command = COMMANDS[path]
    folder = tmp_path / OUTPUT_NAME.get(path, "out.csv")
    folder.mkdir()
    args = required_args(path, command, tmp_path)
    if not _option(command, "output").required:
        args += ["-o", str(folder)]
    code, _, err = haven(*path, *args)
    line = one_line(err)
    assert code == 1 and "it is a folder" in line


def test_a_file_where_a_folder_should_be_is_one_line(haven, tmp_path):
    (tmp_path / "plain").write_text("x")
    code, _, err = haven("persons", "-o", tmp_path / "plain" / "p.csv")
    assert code == 1 and "is not a folder" in one_line(err)


@pytest.mark.parametrize("args, message", [
    (("assess", "wanted", "-f", "csv", "-o", "{tmp}/x.json"), "-f csv contradicts the file name 'x.json' (json)"),
    (("assess", "wanted", "-o", "{tmp}/x.txt"), "cannot write 'x.txt': this command writes csv (.csv), json (.json)"),
    (("assess", "wanted", "-o", "{tmp}/x"), "cannot tell the format of 'x' from its extension"),
    (("assess", "wanted", "-f", "table", "-o", "{tmp}/x.csv"), "-f table prints to the terminal"),
    (("assess", "wanted", "-f", "parquet"), "-f parquet needs an output file"),
    (("brief", "wanted", "-o", "{tmp}/b.txt"), "this command writes md (.md, .markdown), html (.html, .htm) or pdf (.pdf), not text"),
    (("brief", "wanted", "-f", "pdf"), "-f pdf needs an output file (-o FILE)"),
    (("map", "wanted", "-o", "{tmp}/m.gif"), "name the file .png, .svg or .pdf"),
    (("map", "wanted", "-o", "{tmp}/m.csv"), "this command writes png (.png), svg (.svg) or pdf (.pdf), not csv"),
    (("timeline", "wanted", "-o", "{tmp}/t.json"), "this command writes csv (.csv), png (.png), svg (.svg) or pdf (.pdf), not json"),
    (("model", "fit", "-o", "{tmp}/fit.csv"), "this command writes json (.json), not csv"),
    (("route", "wanted", "MNG", "-f", "geojson", "-o", "{tmp}/r.json"), "-f geojson contradicts the file name 'r.json'"),
    (("map", "wanted", "-o", "{tmp}/m.png", "--reach", "true"), "--reach is a switch and takes no value"),
    (("assess", "wanted", "--on"), "option --on needs a value"),
    (("serve", "--port", "0"), "bad value for --port"),
    (("visits", "wanted", "--from", "2024-05-01", "--to", "2024-01-01"), "--from 2024-05-01 is after --to 2024-01-01"),
    (("backtest", "--every", "0d"), "bad period '0d'"),
    (("nonsense",), "haven: unknown command 'nonsense'; commands: assess, atlas, backtest"),
    (("data", "nonsense"), "haven data: unknown command 'nonsense'; commands: check, coverage, facts"),
    (("data", "stats", "--by", "colour"), "--by 'colour': use kind or person"),
    (("assess", "wanted", "--on", ""), "empty date: give one as YYYY-MM-DD"),
    (("visits", "wanted", "--to", " "), "empty date: give one as YYYY-MM-DD"),
    (("assess", "wanted", "-o", "-"), "-o - is not a file name: to print to the terminal leave -o out"),
    (("export", "ftm", "-o", "{tmp}/x.foo"), "cannot tell the format of 'x.foo' from its extension: name the file .jsonl"),
    (("export", "ftm", "-o", "{tmp}/x.csv"), "cannot write 'x.csv': this command writes jsonl"),
    (("forecast", "wanted", "MNG", "--by", "2024-12-31", "--event", " "), "an empty event id"),
    (("backtest", "-o", "-"), "-o - is not a folder name"),
])
def test_usage_mistakes_are_one_line_naming_what_is_accepted(haven, tmp_path, args, message):
    code, out, err = haven(*(a.format(tmp=tmp_path) for a in args))
    line = one_line(err)
    assert code == 2 and message in line, line
    assert out == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("group", GROUPS, ids=" ".join)
def test_a_group_without_a_command_shows_its_help_and_exits_2(haven, group):
    code, out, err = haven(*group)
    assert code == 2 and f"Usage: haven {group[0]}" in out + err and "Traceback" not in err


def test_help_and_version_exit_0(haven):
    for flag in ("-h", "--help"):
        code, out, err = haven(flag)
        assert code == 0 and "Usage: haven" in out and "--debug" in out and err == ""
    code, out, _ = haven("assess", "-h")
    assert code == 0 and "Usage: haven assess" in out


def test_debug_shows_the_traceback_anywhere_on_the_line(haven):
    code, _, err = haven("assess", "nobody", "--debug")
    assert code == 2 and "Traceback" in err and err.strip().endswith("error: unknown person 'nobody': known persons are wanted")
    code, _, err = haven("--debug", "assess", "wanted", "--bogus")
    assert code == 2 and "Traceback" in err


def test_an_unexpected_failure_is_one_line_exit_1(haven, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("haven.cli.engine.method_frame", broken)
    code, _, err = haven("method")
    assert code == 1 and "internal error, KeyError" in one_line(err)


ISSUE_CASES = [  # issue 14: each of these printed a traceback
    ([], 2, None),
    (["-h"], 0, None),
    (["assess"], 2, "missing argument PERSON"),
    (["assess", "wanted", "--bogus"], 2, "unknown option --bogus"),
    (["map", "wanted"], 2, "missing option -o/--output"),
    (["map", "wanted", "-o", "m.png", "--reach", "true"], 2, "--reach is a switch"),
    (["assess", ""], 2, "a person is required"),
    (["assess", "wanted", "--on", "1800-01-01"], 2, "out of range"),
]


@pytest.mark.parametrize("args, code, message", ISSUE_CASES)
def test_the_installed_entry_point(tmp_path, args, code, message):
    directory = wanted_world().write(tmp_path / "kb")
    env = {**os.environ, "HAVEN_DATA_DIR": str(directory)}
    result = subprocess.run([sys.executable, "-m", "haven", *args], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120, check=False)
    assert result.returncode == code and "Traceback" not in result.stderr
    if message is None:
        assert "Usage: haven" in result.stdout + result.stderr
    else:
        assert message in one_line(result.stderr)
    assert not (Path(tmp_path) / "m.png").exists()
