"""News feeds, RSS 2.0 and Atom 1.0, read strictly with a parser that refuses entity expansion tricks.

A feed must be one of the two formats, hold at least one item, and every item must have a title, a link and a
publication date (RSS `pubDate` in RFC 822 form; Atom `published`, else `updated`, in ISO 8601). Anything else
stops the import with the item that lacks it. Item text keeps no markup: descriptions are reduced to their words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from defusedxml import ElementTree  # type: ignore[import-untyped]
from defusedxml.common import DefusedXmlException  # type: ignore[import-untyped]

from haven.errors import DataError

ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    published: date
    summary: str
    guid: str

    @property
    def text(self) -> str:
        return f"{self.title}. {self.summary}"


@dataclass(frozen=True)
class Feed:
    title: str
    items: tuple[Item, ...]


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain(html: str) -> str:
    """The words of an HTML fragment, whitespace folded."""
    words = _Words()
    words.feed(html or "")
    words.close()
    return " ".join(" ".join(words.parts).split())


def read(text: str, where: str) -> Feed:
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise DataError(f"{where}: not a well-formed feed ({exc})") from None
    if root.tag == "rss" and root.find("channel") is not None:
        channel = root.find("channel")
        feed = Feed(_text(channel, "title"), tuple(_rss_item(i, n, where) for n, i in enumerate(channel.findall("item"), 1)))
    elif root.tag == f"{ATOM}feed":
        feed = Feed(_text(root, f"{ATOM}title"), tuple(_atom_entry(e, n, where) for n, e in enumerate(root.findall(f"{ATOM}entry"), 1)))
    else:
        raise DataError(f"{where}: not an RSS 2.0 or Atom feed (root element {root.tag!r})")
    if not feed.items:
        raise DataError(f"{where}: the feed has no items")
    return feed


def _text(node: Element, tag: str) -> str:
    found = node.find(tag)
    return " ".join((found.text or "").split()) if found is not None and found.text else ""


def _required(value: str, what: str, number: int, where: str) -> str:
    if not value:
        raise DataError(f"{where}: item {number} has no {what}")
    return value


def _rss_item(item: Element, number: int, where: str) -> Item:
    title = _required(_text(item, "title"), "title", number, where)
    link = _required(_text(item, "link") or _text(item, "guid"), "link", number, where)
    stamp = _required(_text(item, "pubDate"), "pubDate", number, where)
    try:
        published = _local_day(parsedate_to_datetime(stamp))
    except (TypeError, ValueError):
        raise DataError(f"{where}: item {number}: pubDate {stamp!r} is not an RFC 822 date") from None
    summary = plain(item.findtext("description") or "")
    return Item(title, link, published, summary, _text(item, "guid") or link)


def _atom_entry(entry: Element, number: int, where: str) -> Item:
    title = _required(_text(entry, f"{ATOM}title"), "title", number, where)
    links = entry.findall(f"{ATOM}link")
    alternate = [link.get("href", "") for link in links if link.get("rel", "alternate") == "alternate"]
    entry_id = _text(entry, f"{ATOM}id")
    link = _required(next(iter(alternate), "") or (entry_id if entry_id.startswith("http") else ""), "link", number, where)
    stamp = _required(_text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated"), "published date", number, where)
    try:
        published = _local_day(datetime.fromisoformat(stamp))
    except ValueError:
        raise DataError(f"{where}: entry {number}: {stamp!r} is not an ISO 8601 date") from None
    summary = plain(entry.findtext(f"{ATOM}summary") or entry.findtext(f"{ATOM}content") or "")
    return Item(title, link, published, summary, entry_id or link)


def _local_day(moment: datetime) -> date:
    """The calendar day of a time stamp where it was published (its own offset), not in the reader's zone."""
    return moment.date()
