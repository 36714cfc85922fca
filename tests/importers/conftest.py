"""Shared pieces for the importer tests: snapshots from text, the real entry point in-process, copies of data."""

from __future__ import annotations

import hashlib
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from haven.importers.context import Context
from haven.importers.fetch import Snapshot
from haven.knowledge.schema import BUNDLED_DATA
from tests.factory import World

FIXTURES = Path(__file__).parent / "fixtures"
RETRIEVED = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def snap(text: str | bytes, location: str = "fixture.txt") -> Snapshot:
    return Snapshot(location, RETRIEVED, text.encode("utf-8") if isinstance(text, str) else text)


def fixture(name: str) -> Snapshot:
    return Snapshot(str(FIXTURES / name), RETRIEVED, (FIXTURES / name).read_bytes())


def fingerprint(directory: Path) -> dict[str, str]:
    """Every file under `directory` (relative path -> SHA-256): equal fingerprints mean nothing was written."""
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def haven(capsys, monkeypatch):
    """Run `haven ARGS` through the real entry point (haven.cli:main) in this process."""
    from haven.cli import main

    def call(*args: str, env: dict[str, str] | None = None) -> Result:
        monkeypatch.delenv("HAVEN_DATA_DIR", raising=False)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr(sys, "argv", ["haven", *args])
        capsys.readouterr()
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


@pytest.fixture
def bundled_copy(tmp_path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(BUNDLED_DATA, target)
    return target


@pytest.fixture
def tracked_world() -> World:
    """The test world with a second person who has no QID yet, and an ICC party that will leave."""
    world = World()
    world.add("countries", iso3="GBR", name="United Kingdom", kind="state", un_member_since="1945")
    world.add("persons", id="second", name="Second Person", home="RUS", title="Minister", aliases="PERSON, Second")
    world.add("organisations", id="UN", name="United Nations", kind="regional-organisation", arrest_duty="false",
              start="1945-10-24")
    world.add("memberships", id="icc-hun", organisation="ICC", iso3="HUN", role="party", start="2002-07-01")
    return world


def context_of(directory: Path) -> Context:
    return Context.read(directory)
