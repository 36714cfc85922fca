"""The in-process runner of the CLI tests: `haven(*args)` on a small knowledge base."""

from __future__ import annotations

import pytest

from tests.maps.conftest import wanted_world
from tests.runner import cli_runner


@pytest.fixture(scope="session")
def small_kb(tmp_path_factory):
    """One small knowledge base for the whole session (no command writes into it)."""
    return wanted_world().write(tmp_path_factory.mktemp("cli") / "kb")


@pytest.fixture
def haven(small_kb, monkeypatch, capsys):
    """Run `haven ARGS` in this process on a small knowledge base; (exit code, stdout, stderr)."""
    monkeypatch.setenv("HAVEN_DATA_DIR", str(small_kb))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr("uvicorn.run", _no_server)
    return cli_runner(capsys)


def _no_server(*args, **kwargs):
    raise AssertionError("the server was started although the input was bad")
