"""A knowledge-base cache file that fails to load is discarded and rebuilt, with a one-line notice."""

import os
from datetime import date

import pytest

from haven.knowledge import load
from haven.knowledge.store import cache_dir


def damage(path, how):
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(os.urandom(len(data)))
    else:  # the header kept, the pages after it scrambled
        path.write_bytes(data[:4096] + os.urandom(len(data) - 4096))


@pytest.fixture
def directory(world, tmp_path):
    world.add("warrants", id="w", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    return world.write(tmp_path / "kb")


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage", "scrambled"])
def test_a_broken_duckdb_cache_is_rebuilt_with_one_notice(directory, capsys, how):
    first = load(directory)
    [path] = cache_dir().glob("kb-*.duckdb")
    damage(path, how)
    capsys.readouterr()
    again = load(directory)
    notice = capsys.readouterr().err.splitlines()
    assert len(notice) == 1 and notice[0].startswith(f"notice: discarded unreadable cache {path.name} (")
    assert notice[0].endswith("; rebuilding it")
    assert list(again.held("warrants", date(2024, 1, 1))["id"]) == ["w"]
    assert again.version == first.version
    load(directory)  # the rebuilt file serves the next load without a word
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage"])
def test_a_broken_result_cache_is_rebuilt_with_one_notice(directory, capsys, how):
    kb = load(directory)
    calls = []

    def build():
        calls.append(1)
        return {"answer": 42}

    assert kb.cached("answer", build) == {"answer": 42}
    [path] = cache_dir().glob("kb-*.pickle")
    damage(path, how)
    capsys.readouterr()
    assert kb.cached("answer", build) == {"answer": 42}
    assert len(calls) == 2
    notice = capsys.readouterr().err.splitlines()
    assert len(notice) == 1 and notice[0].startswith(f"notice: discarded unreadable cache {path.name}")
    assert kb.cached("answer", build) == {"answer": 42} and len(calls) == 2  # stored again


def test_a_cache_that_cannot_be_deleted_still_gives_an_answer(directory, capsys):
    load(directory)
    [path] = cache_dir().glob("kb-*.duckdb")
    path.unlink()
    path.mkdir()  # something in the way that is not a file
    kb = load(directory)
    assert list(kb.held("warrants", date(2024, 1, 1))["id"]) == ["w"]
    assert "notice: discarded unreadable cache" in capsys.readouterr().err
