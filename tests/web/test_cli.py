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


def test_serve_with_workers_hands_uvicorn_a_factory_and_the_settings_in_the_environment(tmp_path, monkeypatch):
    import os

    import uvicorn

    from haven.web import Settings, create_app

    calls = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.update(app=application, **kw))
    before = dict(os.environ)  # the command sets variables for its workers: put them back afterwards
    try:
        for name in ("HAVEN_DATA_DIR", "HAVEN_WEB_TODAY", "HAVEN_WEB_FIRST_DATE", "HAVEN_WEB_CACHE_SIZE"):
            os.environ.pop(name, None)
        directory = web_world().write(tmp_path / "kb")
        result = CliRunner().invoke(cli, ["serve", "--workers", "3", "--data-dir", str(directory), "--today", "2024-09-10"])
        assert result.exit_code == 0, result.output
        assert calls["app"] == "haven.web:create_app" and calls["factory"] is True and calls["workers"] == 3
        # each worker process rebuilds the same settings from the environment it inherits
        child = Settings.from_env()
        assert child.data_dir == directory and child.today == date(2024, 9, 10)
        assert create_app(child).state.settings.first_date == date(2000, 1, 1)
    finally:
        os.environ.clear()
        os.environ.update(before)


def test_serve_refuses_zero_workers():
    assert CliRunner().invoke(cli, ["serve", "--workers", "0"]).exit_code != 0
