"""Fixtures for the web app: a small world, apps over it and over the bundled data, and a live server."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from haven.web import Settings, create_app
from tests.factory import World

TODAY = date(2025, 1, 1)
XSS_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
XSS_PUBLISHER = "Wire & <b>Co</b>"


def web_world() -> World:
    """Two persons; an ICC warrant for one; ICC parties; a visit and an invitation sourced to a hostile title."""
    world = World()
    world.add("sources", id="src-xss", url="https://example.org/xss?a=1&b=<2>", publisher=XSS_PUBLISHER, source_type="press",
              title=XSS_TITLE, published="2024-09-01", accessed="2026-11-24")
    world.add("persons", id="other", qid="Q2", name="Other Person", home="BLR", title="President")
    # names readers type differently: search by alias and without accents
    world.add("countries", iso3="TUR", name="Türkiye", kind="state", un_member_since="1945", aliases="Turkey|Republic of Türkiye")
    world.add("countries", iso3="CIV", name="Côte d'Ivoire", kind="state", un_member_since="1960", aliases="Ivory Coast")
    world.add("countries", iso3="GBR", name="United Kingdom", kind="state", un_member_since="1945", aliases="UK|Britain")
    world.add("warrants", id="w-icc", person="wanted", issuer="ICC", kind="warrant", start="2023-02-22", public="2023-03-17")
    # a source published after some dates the tests ask about: cited from its day on, "published after" before it
    world.add("sources", id="src-later", url="https://example.org/later", publisher="Later Review", source_type="press",
              title="Twenty years in the Court", published="2024-12-01", accessed="2026-11-24")
    for iso3 in ("DEU", "FRA", "MNG", "ZAF", "BRA", "HUN", "TJK"):
        world.add("memberships", id=f"icc-{iso3.lower()}", organisation="ICC", iso3=iso3, role="party", start="2002-07-01",
                  source="src-test;src-later" if iso3 == "MNG" else "src-test")
    world.add("stances", id="st-mng", country="MNG", person="wanted", kind="invitation", by="President of Mongolia",
              summary="Invited the person.", start="2024-08-30", source="src-xss")
    world.add("visits", id="v-mng", person="wanted", country="MNG", kind="visit", place="Ulaanbaatar",
              event="State visit", start="2024-09-02", end="2024-09-03", source="src-xss",
              note="Curator: the visit was announced a week before.")
    world.add("visits", id="v-chn", person="wanted", country="CHN", kind="summit", place="Beijing; Harbin",
              event="Talks", start="2024-05-16", end="2024-05-17")
    world.add("visits", id="v-zaf", person="wanted", country="ZAF", kind="virtual", place="Johannesburg (Sandton)",
              event="Joined a summit by video", start="2023-08-22")
    world.add("treaties", id="t-prk", kind="defence-treaty", title="Mutual aid treaty", parties="RUS;PRK",
              signed="2020-01-01", start="2020-06-01", mutual_defence="true")
    # the engine's treaty rule fails on a person whose state has no treaty at all (reported); give BLR one
    world.add("treaties", id="t-blr", kind="defence-treaty", title="Union treaty", parties="BLR;RUS",
              signed="1999-12-08", start="2000-01-26", mutual_defence="true")
    # "What is next": a summit abroad and one at home, both public from March 2024
    world.add("organisations", id="BLOC", name="Test Bloc", kind="forum", arrest_duty="false", start="2001-06-15")
    for iso3 in ("RUS", "CHN"):
        world.add("memberships", organisation="BLOC", iso3=iso3, role="member", start="2001-06-15")
    world.add("events", id="bloc-chn-2024", kind="summit", organiser="BLOC", title="Bloc summit in China", host="CHN",
              city="Qingdao", start="2024-10-01", announced="2024-03-01")
    world.add("events", id="bloc-rus-2024", kind="summit", organiser="BLOC", title="Bloc summit at home", host="RUS",
              city="Kazan", start="2024-11-20", announced="2024-03-01")
    return world


def world_settings(directory: Path, **changes) -> Settings:
    return Settings(data_dir=web_world().write(directory), today=TODAY, first_date=date(2020, 1, 1), **changes)


@pytest.fixture
def app(tmp_path):
    return create_app(world_settings(tmp_path / "kb"))


@pytest.fixture
def client(app):
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def bundled_client(tmp_path_factory):
    """The app over the bundled knowledge base (loaded once per module, with its own cache directory)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAVEN_CACHE_DIR", str(tmp_path_factory.mktemp("bundled-cache")))
        patch.delenv("HAVEN_DATA_DIR", raising=False)
        application = create_app(Settings(today=date(2026, 11, 24)))
    with TestClient(application, raise_server_exceptions=False) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn serving an app in a thread on a free localhost port."""

    def __init__(self, application):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(application, host="127.0.0.1", port=self.port, log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def live_world(tmp_path_factory):
    """A live server over the fixture world (module-wide: the browser tests share it)."""
    directory = tmp_path_factory.mktemp("live-kb")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAVEN_CACHE_DIR", str(tmp_path_factory.mktemp("live-cache")))
        application = create_app(world_settings(directory / "kb"))
    with LiveServer(application) as server:
        yield server


class StaticServer:
    """`python -m http.server` serving a built static site: the plainest host there is."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.directory = directory
        self.process = None

    def __enter__(self) -> StaticServer:
        import subprocess
        import sys
        import urllib.request

        self.process = subprocess.Popen([sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
                                         "--directory", str(self.directory)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/data/site.json", timeout=2).read()
                return self
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.process.kill()
                    raise RuntimeError("the static file server did not start") from None
                time.sleep(0.05)

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """The fixture world built as a static site (haven site build), once per module."""
    from haven.web.site import build

    directory = tmp_path_factory.mktemp("site-kb")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAVEN_CACHE_DIR", str(tmp_path_factory.mktemp("site-cache")))
        report = build(world_settings(directory / "kb"), directory / "site")
    return report.directory


@pytest.fixture(scope="module")
def static_world(built_site):
    with StaticServer(built_site) as server:
        yield server
