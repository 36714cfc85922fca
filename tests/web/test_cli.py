"""`haven serve` builds the app from its options and hands it to uvicorn (patched here, so nothing listens)."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from haven.cli.app import app as cli
from tests.web.conftest import web_world


def test_serve_builds_the_app_and_runs_uvicorn(tmp_path, monkeypatch):
    import uvicorn

    calls = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.update(app=application, **kw))
    directory = web_world().write(tmp_path / "kb")
    result = CliRunner().invoke(cli, ["serve", "--port", "8123", "--data-dir", str(directory), "--today", "2024-09-10"])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8123
    settings = calls["app"].state.settings
    assert settings.data_dir == directory and settings.today == date(2024, 9, 10)


@pytest.mark.parametrize("args", [["--port", "0"], ["--port", "70000"]])
def test_serve_rejects_bad_ports(args):
    assert CliRunner().invoke(cli, ["serve", *args]).exit_code != 0
