"""The page and its files: served locally, no inline script, no HTML built from data, no path traversal."""

from __future__ import annotations

import re
import socket
from html.parser import HTMLParser

import pytest

from haven.web.app import STATIC
from haven.web.pages import render


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.inline: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open = tag

    def handle_data(self, data):
        if self._open in ("script", "style") and data.strip():
            self.inline.append(self._open)

    def handle_endtag(self, tag):
        self._open = None


@pytest.mark.parametrize("page", ["index", "docs", "embed", "how"])
def test_pages_have_no_inline_code_and_load_nothing_from_elsewhere(page):
    parser = Tags()
    parser.feed(render(page, "api").decode("utf-8"))  # as served, with the shared parts in place
    assert not parser.inline
    for tag, attrs in parser.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, tag
        if tag == "script":  # relative, so the same page works at a server's root and in a static site's folder
            assert attrs["src"].startswith("static/") and attrs.get("type") == "module"
        for name in ("src", "href"):
            value = attrs.get(name, "")
            assert not re.match(r"^(https?:)?//", value), value


@pytest.mark.parametrize("script", sorted(p.name for p in STATIC.glob("*.js")))
def test_scripts_never_write_html(script):
    text = (STATIC / script).read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in text, sink
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text)  # no URL of another host


def test_index_and_static_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="static/app.js"' in page.text and '<meta name="haven-mode" content="api">' in page.text
    for name, kind in (("app.js", "javascript"), ("data.js", "javascript"), ("style.css", "text/css"), ("print.css", "text/css"),
                       ("favicon.svg", "image/svg+xml")):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"], name
    for path in ("/docs", "/how", "/embed"):
        assert client.get(path).status_code == 200, path


TRAVERSALS = [
    "/static/../app.py",
    "/static/..%2fapp.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e%2f%2e%2e%2ferrors.py",
    "/static/..%5capp.py",
    "/static/....//app.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/../../../../etc/passwd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_static_serving_refuses_traversal_through_the_test_client(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "def create_app" not in response.text and "root:" not in response.text


def raw_get(port: int, path: str) -> tuple[int, bytes]:
    """Send the path exactly as written (an HTTP client would normalise the dots away)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


@pytest.mark.parametrize("path", TRAVERSALS)
def test_static_serving_refuses_raw_traversal_on_a_real_server(live_world, path):
    status, data = raw_get(live_world.port, path)
    assert status in (400, 404), (path, status)
    assert b"def create_app" not in data and b"root:" not in data and b"class HavenError" not in data
