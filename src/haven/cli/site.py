"""`haven site build`: the travel map as a static site (every answer precomputed), for any web host or CDN."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from haven.cli.common import DataDirOption, optional_day

app = typer.Typer(help="Build the web page as a static site: no server, no outside asset.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="site")


@app.command("build")
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write (new, empty, or a site built before).")],
    person: Annotated[list[str] | None, typer.Option("--person", "-p", help="Person to include (repeat; default: everyone).")] = None,
    data_dir: DataDirOption = None,
    today: Annotated[str | None, typer.Option("--today", help="Last date the site covers, YYYY-MM-DD (default: today).")] = None,
    first: Annotated[str | None, typer.Option("--first", help="First date the site covers, YYYY-MM-DD (default: 2000-01-01).")] = None,
    public_url: Annotated[str | None,
                          typer.Option("--public-url", help="Where the site will live (https://...), for link previews.")] = None,
    preview: Annotated[bool, typer.Option("--preview/--no-preview", help="Draw the link-preview image (preview.png).")] = True,
) -> None:
    """Write the page and its precomputed data to a folder; serve it from any static host."""
    from haven.errors import UsageError
    from haven.web import Settings
    from haven.web.site import build as build_site

    if public_url and not public_url.startswith(("https://", "http://")):
        raise UsageError(f"--public-url must start with https:// or http://, not {public_url!r}")
    settings = Settings.from_env(data_dir=data_dir, today=optional_day(today), first_date=optional_day(first), public_url=public_url)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a stopped build cleans up its staging folder
    report = build_site(settings, output, person or (), preview=preview, progress=lambda text: typer.echo(f"haven site: {text}", err=True))
    typer.echo(f"{report.directory}: {len(report.persons)} person(s), {report.first} to {report.last}, "
               f"{report.files} files, {report.bytes / 1e6:.1f} MB")
