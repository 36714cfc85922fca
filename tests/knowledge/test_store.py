from datetime import date

import pytest

from haven.cache import cache_dir
from haven.errors import DataError
from haven.knowledge import load


def test_held_respects_start_end_and_public_dates(world, tmp_path):
    world.add("persons", id="other", qid="Q2", name="Other", home="SYR")
    world.add("warrants", id="sealed", person="other", issuer="ICC", kind="warrant", start="2023-02-22", public="2023-03-17")
    world.add("warrants", id="ended", person="wanted", issuer="ICC", kind="warrant", start="2010", end="2011-06-27")
    kb = world.load(tmp_path / "kb")
    assert list(kb.held("warrants", date(2023, 3, 1))["id"]) == []
    assert list(kb.held("warrants", date(2023, 3, 17))["id"]) == ["sealed"]
    assert list(kb.known("warrants", date(2023, 3, 16))["id"]) == ["ended"]


def test_partial_dates_are_read_cautiously(world, tmp_path):
    world.add("memberships", id="m", organisation="EU", iso3="DEU", role="member", start="2024-06", end="2025")
    kb = world.load(tmp_path / "kb")
    assert kb.held("memberships", date(2024, 6, 29)).empty  # June 2024 may not have begun yet
    assert not kb.held("memberships", date(2024, 6, 30)).empty
    assert kb.held("memberships", date(2025, 1, 1)).empty  # ended some time in 2025: not counted from its first day


def test_visits_hold_through_their_last_day(world, tmp_path):
    world.add("visits", id="v", person="wanted", country="MNG", kind="visit", start="2024-09-02", end="2024-09-03")
    kb = world.load(tmp_path / "kb")
    assert not kb.held("visits", date(2024, 9, 3)).empty
    assert kb.held("visits", date(2024, 9, 4)).empty


def test_second_load_reads_the_cache_and_matches(world, tmp_path, monkeypatch):
    world.add("warrants", id="w", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    directory = world.write(tmp_path / "kb")
    first = load(directory)
    cached = list(cache_dir().glob("kb-*.pickle"))
    assert cached and all(p.name.startswith(f"kb-{first.version}-") for p in cached)
    second = load(directory)
    assert second.version == first.version
    assert list(second.held("warrants", date(2024, 1, 1))["id"]) == ["w"]


def test_editing_a_table_changes_the_version(world, tmp_path):
    directory = world.write(tmp_path / "kb")
    before = load(directory).version
    world.add("warrants", id="w", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    world.write(directory)
    assert load(directory).version != before


def test_invalid_data_is_refused_and_leaves_no_cache(world, tmp_path):
    world.add("warrants", id="w", person="nobody", issuer="ICC", kind="warrant", start="2023-03-17")
    with pytest.raises(DataError, match="unknown person 'nobody'"):
        world.load(tmp_path / "kb")
    assert not list(cache_dir().glob("*"))


def test_interrupted_cache_build_leaves_nothing(world, tmp_path, monkeypatch):
    from haven import cache

    def explode(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache.os, "replace", explode)
    with pytest.raises(KeyboardInterrupt):
        load(world.write(tmp_path / "kb"))
    assert not list(cache_dir().glob("*"))


def test_caches_of_other_versions_are_pruned_once_idle(tmp_path, monkeypatch):
    import os
    import time

    from haven.knowledge.store import prune_cache

    monkeypatch.setenv("HAVEN_CACHE_DIR", str(tmp_path))
    month_ago = time.time() - 31 * 86400
    stale = [tmp_path / "kb-aaaaaaaaaaaa.duckdb", tmp_path / "kb-aaaaaaaaaaaa-0123456789abcdef.pickle"]
    current = [tmp_path / "kb-bbbbbbbbbbbb.duckdb", tmp_path / "kb-bbbbbbbbbbbb-0123456789abcdef.pickle"]
    recent = tmp_path / "kb-cccccccccccc.duckdb"
    unrelated = tmp_path / "kb-notes.txt"
    for path in [*stale, *current, recent, unrelated]:
        path.write_bytes(b"x")
    for path in [*stale, *current, unrelated]:
        os.utime(path, (month_ago, month_ago))

    assert sorted(prune_cache(keep="bbbbbbbbbbbb")) == sorted(stale)
    assert all(p.exists() for p in [*current, recent, unrelated])
