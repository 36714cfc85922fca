"""`haven serve`: the interactive travel map and its JSON API on a local port."""

from __future__ import annotations

from typing import Annotated

import typer

from haven.cli.common import DataDirOption, optional_day


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    data_dir: DataDirOption = None,
    today: Annotated[str | None, typer.Option("--today", help="Pretend today is this date (YYYY-MM-DD), for reproducible views.")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Processes to run (each keeps its own caches).")] = 1,
) -> None:
    """Serve the interactive travel map and its JSON API (read-only; docs at /docs)."""
    import uvicorn

    from haven.web import Settings, create_app

    settings = Settings.from_env(host=host, port=port, data_dir=data_dir, today=optional_day(today), workers=workers)
    if workers > 1:
        import os

        os.environ.update(settings.environment())  # the worker processes build the same app from these
        typer.echo(f"haven: serving http://{host}:{port}/ with {workers} processes (API docs at /docs; Ctrl+C to stop)", err=True)
        uvicorn.run("haven.web:create_app", factory=True, host=host, port=port, workers=workers, log_level="warning", access_log=False)
        return
    application = create_app(settings)
    typer.echo(f"haven: serving http://{host}:{port}/ (API docs at /docs; Ctrl+C to stop)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
