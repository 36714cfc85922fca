"""A small world with a calendar: SCO summits (one past, attended; one ahead in India), a CSTO council ahead."""

from __future__ import annotations

import pytest

from haven.cli import common
from tests.engine.conftest import wanted_world
from tests.runner import cli_runner


def calendar_world():
    world = wanted_world.__wrapped__()
    world.add("organisations", id="SCO", name="Shanghai Cooperation Organisation", kind="regional-organisation",
              arrest_duty="false", start="2001-06-15")
    for iso3 in ("RUS", "CHN", "IND"):
        world.add("memberships", organisation="SCO", iso3=iso3, role="member", start="2001-06-15")
    world.add("memberships", organisation="CSTO", iso3="RUS", role="member", start="2002-10-07")
    world.add("memberships", organisation="CSTO", iso3="BLR", role="member", start="2002-10-07")
    world.add("visits", person="wanted", country="CHN", kind="summit", start="2023-09-10")
    world.add("events", id="sco-chn-2023", kind="summit", organiser="SCO", title="SCO summit", host="CHN", city="Beijing",
              start="2023-09-10", announced="2023-01-10")
    world.add("event_outcomes", event="sco-chn-2023", person="wanted", outcome="in-person")
    world.add("events", id="sco-ind-2024", kind="summit", organiser="SCO", title="SCO summit", host="IND", city="New Delhi",
              start="2024-09-10", end="2024-09-11", announced="2024-03-01")
    world.add("events", id="csto-blr-2024", kind="council", organiser="CSTO", title="CSTO council", host="BLR", city="Minsk",
              start="2024-11-20", announced="2024-05-01")
    world.add("events", id="g7-fra-2024", kind="summit", organiser="FRA", title="A summit Russia is not part of", host="FRA",
              start="2024-10-01", announced="2024-02-01")
    return world


@pytest.fixture(scope="session")
def calendar_kb(tmp_path_factory):
    return calendar_world().write(tmp_path_factory.mktemp("forecast") / "kb")


@pytest.fixture
def haven(calendar_kb, monkeypatch, capsys):
    """Run `haven ARGS` in this process on the calendar world; (exit code, stdout, stderr)."""
    monkeypatch.setenv("HAVEN_DATA_DIR", str(calendar_kb))
    monkeypatch.setenv("COLUMNS", "200")
    common._loaded.clear()

    yield cli_runner(capsys)
    common._loaded.clear()
