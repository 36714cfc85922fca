"""The in-process runner of the CLI tests: `haven(*args)` on a small knowledge base."""

from __future__ import annotations

import pytest

from haven.cli import common, main
from tests.maps.conftest import wanted_world


@pytest.fixture
def haven(tmp_path, monkeypatch, capsys):
    """Run `haven ARGS` in this process on a small knowledge base; (exit code, stdout, stderr)."""
    directory = wanted_world().write(tmp_path / "kb")
    monkeypatch.setenv("HAVEN_DATA_DIR", str(directory))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr("uvicorn.run", _no_server)
    common._loaded.clear()

    def run(*args):
        code = 0
        try:
            main([str(a) for a in args])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run
    common._loaded.clear()


def _no_server(*args, **kwargs):
    raise AssertionError("the server was started although the input was bad")
