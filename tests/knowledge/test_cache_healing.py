"""Every knowledge-base cache file that fails to load (a table, a reference table's records, a derived result)
is discarded and rebuilt, with one notice line per file."""

import os
from datetime import date

import pytest

from haven.cache import cache_dir
from haven.knowledge import load

NOTICE = "haven: discarded an unreadable cache file {}; rebuilding it"


def damage(path, how):
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(os.urandom(max(len(data), 64)))


@pytest.fixture
def directory(world, tmp_path):
    world.add("warrants", id="w", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    return world.write(tmp_path / "kb")


def entries():
    return sorted(cache_dir().glob("kb-*.pickle"))


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage"])
def test_every_damaged_table_file_is_rebuilt_with_one_notice_each(directory, capsys, how):
    first = load(directory)
    expected = list(first.held("warrants", date(2024, 1, 1))["id"])
    files = entries()
    assert len(files) >= 20  # one per table, and the reference tables' records
    for path in files:
        damage(path, how)
    capsys.readouterr()
    again = load(directory)
    for table in ("warrants", "sources", "memberships", "visits"):
        again.table(table)
    assert list(again.held("warrants", date(2024, 1, 1))["id"]) == expected == ["w"]
    notices = capsys.readouterr().err.splitlines()
    assert notices and len(notices) == len(set(notices))
    assert all(line in {NOTICE.format(p.name) for p in files} for line in notices)
    fresh = load(directory)
    assert list(fresh.held("warrants", date(2024, 1, 1))["id"]) == ["w"]
    assert capsys.readouterr().err == ""  # rebuilt files serve the next load without a word


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage"])
def test_a_damaged_derived_result_is_rebuilt_with_one_notice(directory, capsys, how):
    kb = load(directory)
    calls = []

    def build():
        calls.append(1)
        return {"answer": 42}

    before = set(entries())
    assert kb.cached("answer", build) == {"answer": 42}
    [path] = set(entries()) - before
    damage(path, how)
    capsys.readouterr()
    assert load(directory).cached("answer", build) == {"answer": 42}
    assert len(calls) == 2
    assert capsys.readouterr().err.splitlines() == [NOTICE.format(path.name)]
    assert load(directory).cached("answer", build) == {"answer": 42} and len(calls) == 2


def test_a_cache_entry_that_cannot_be_replaced_still_gives_an_answer(directory):
    load(directory)
    for path in entries():
        path.unlink()
        path.mkdir()  # something in the way that is not a file
    kb = load(directory)
    assert list(kb.held("warrants", date(2024, 1, 1))["id"]) == ["w"]
