"""`haven site build`: the web page with every answer precomputed, for any static host or CDN, no server.

Per person the site holds each state's verdict on every day from the slider's first date to the build's
"today", stored as changes (`verdicts.json`), the findings behind each state's verdict at every change
(`explain/ISO3.json`, loaded when a reader opens that state), the events of the year ahead with the chance of
attending on every day (`events.json`, as `/api/events` gives them), the trips, and the shared files (method,
persons, countries, boundaries). The page reads them through the same data layer as it reads the API
(static/data.js).

A day's verdicts are computed by the engine on each day where any number changes; each stretch between two
such days is then checked at its last day and split where the reasons differ, so the files answer like the
API on every day, not only on the sampled ones.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from haven.dates import latest
from haven.errors import BadDate, OutputError, UsageError
from haven.persons import Person
from haven.vocabulary import TIERS
from haven.web.answers import Answers, no_travel_day
from haven.web.catalogue import countries
from haven.web.pages import STATIC, render
from haven.web.payload import encode
from haven.web.preview import preview_png
from haven.web.service import Service
from haven.web.settings import Settings

MARKER = "site.json"  # data/site.json marks a folder written by this builder (safe to replace)
PAGES = {"index": "index.html", "embed": "embed.html", "how": "how.html"}
STATIC_FILES = ("app.js", "dom.js", "data.js",
                "exports.js", "map.js", "search.js", "how.js", "style.css", "print.css", "docs.css", "favicon.svg")
PER_STATE_KEYS = ("iso3", "country")
EVENT_KEYS = ("id", "start", "title", "city", "host", "tier", "arrest_risk", "probability", "at_home", "online_from",
              "outcome_known", "venue")  # what the page's "What is next" and its venue marks show of each event
STATUS_KEYS = ("status", "status_since", "status_text")  # the person's status on the day, in the assessment's meta


@dataclass(frozen=True)
class SiteReport:
    directory: Path
    persons: tuple[str, ...]
    files: int
    bytes: int
    first: date
    last: date


def _split(values: Callable[[int], list], rows: list[int], last: int) -> list[int]:
    """The sorted rows where `values(row)` changes: starting from the given rows, each stretch is checked at its
    last day and bisected where it differs from its first."""
    known = {row: values(row) for row in sorted(set(rows))}
    stack = sorted(known)
    ends = stack[1:] + [last + 1]
    work = list(zip(stack, ends, strict=True))
    while work:
        start, end = work.pop()
        if end - start <= 1:
            continue
        if values(end - 1) == known[start]:
            continue
        lo, hi = start, end - 1  # known[start] holds at lo; differs at hi
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if values(mid) == known[start]:
                lo = mid
            else:
                hi = mid
        known[hi] = values(hi)
        work.append((hi, end))
    return sorted(known)


class Builder:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.service = Service(settings)
        self.answers = Answers(self.service)
        self.first = settings.first_date
        self.last = settings.current_date()
        if self.last < self.first:
            raise BadDate(f"today ({self.last}) is before the first date ({self.first})")

    def day(self, row: int) -> date:
        return self.first + timedelta(days=row)

    def persons(self, wanted: Sequence[str]) -> list[Person]:
        if not wanted:
            return list(self.service.persons)
        chosen: list[Person] = []
        for text in wanted:
            person = self.service.person(text)
            if person not in chosen:
                chosen.append(person)
        return chosen

    def verdicts(self, person: Person) -> dict:
        """The person's verdicts file: each state's verdict from each row where it changes."""
        days = self.answers.evaluator.days(person, self.first, self.last, full=True)
        last = len(days.tier) - 1
        cache: dict[int, dict] = {}

        def assessed(row: int) -> dict:
            if row not in cache:
                cache[row] = self.service.assess_dict(person, self.day(row))
            return cache[row]

        def status(data: dict) -> dict:
            return {k: data[k] for k in STATUS_KEYS if k in data}

        def states(row: int) -> list:
            data = assessed(row)
            return [status(data), *({k: v for k, v in c.items() if k not in PER_STATE_KEYS} for c in data["countries"])]

        rows = _split(states, [int(r) for r in days.change_rows()], last)
        table: list[dict] = []
        index: dict[str, int] = {}
        countries_ = list(days.countries)
        position = {iso3: j for j, iso3 in enumerate(countries_)}
        names = {iso3: self.service.kb.countries.name(iso3) for iso3 in countries_}
        changes: list[list[int]] = [[] for _ in countries_]
        statuses: list = []
        for row in rows:
            data = assessed(row)
            if status(data) and (not statuses or statuses[-1] != status(data)):
                statuses += [row, status(data)]
            for country in data["countries"]:  # none while the person is in custody or dead
                j = position[country["iso3"]]
                verdict = {k: v for k, v in country.items() if k not in PER_STATE_KEYS}
                key = json.dumps(verdict, sort_keys=True, ensure_ascii=False)
                if key not in index:
                    index[key] = len(table)
                    table.append(verdict)
                if not changes[j] or changes[j][-1] != index[key]:
                    changes[j] += [row, index[key]]
        first = assessed(0)
        out = {"person": person.id, "name": person.name, "from": self.first.isoformat(), "to": self.last.isoformat(),
               "method_version": first["method_version"], "data_version": first["data_version"],
               "coverage": {k: v for k, v in first["coverage"].items() if k != "stale"},  # the page works out `stale`
               "tiers": list(TIERS),
               "countries": countries_, "names": names, "changes": days.tier_changes(),
               "verdicts": table, "verdict_changes": changes}
        if statuses:
            out["status_changes"] = statuses
        out["no_travel_day"] = no_travel_day(self.service.kb, person, self.first, self.last)
        return out

    def explanations(self, person: Person, verdicts: dict) -> dict[str, dict]:
        """Per state, the findings behind its verdict (with evidence, sources and notes) on each stretch of days
        where they stay the same. They are read where the state's tier, duty, arrest risk or reasons change
        (findings are what those are made of); a change of visit likelihood alone leaves them as they were."""
        last = (self.last - self.first).days
        files = {}
        for j, iso3 in enumerate(verdicts["countries"]):
            pairs = verdicts["verdict_changes"][j]
            rows: list[int] = []
            previous = None
            for row, index in zip(pairs[0::2], pairs[1::2], strict=False):
                verdict = verdicts["verdicts"][index]
                key = (verdict["tier"], verdict["obliged_to_arrest"], verdict["arrest_risk"], verdict["reasons"])
                if key != previous:
                    rows.append(row)
                    previous = key
            segments: list[list] = []
            for i, row in enumerate(rows):
                end = rows[i + 1] - 1 if i + 1 < len(rows) else last
                start = row
                while start <= end:
                    findings = self.findings(person, iso3, start)
                    # a source published within the stretch moves from "later" to the citations on that day
                    stop = min([d - 1 for d in self._publication_rows(findings) if start < d <= end], default=end)
                    if segments and segments[-1][2] == findings:
                        segments[-1][1] = stop
                    else:
                        segments.append([start, stop, findings])
                    start = stop + 1
            files[iso3] = {"person": person.id, "iso3": iso3, "from": self.first.isoformat(), "segments": segments}
        return files

    def events(self, person: Person, verdict_rows: Sequence[int]) -> dict:
        """The person's "What is next" on every day: the events of the year ahead that were public and that the
        person's state takes part in, with the chance of attending, on each stretch of days where they stay the
        same. Read where the calendar or any verdict changes, each stretch then checked at its end (`_split`)."""
        from haven.engine.calendar import calendar_of
        from haven.forecasts import event_body
        from haven.forecasts import events as ahead

        last = (self.last - self.first).days
        cache: dict[int, list] = {}

        def listed(row: int) -> list:
            if row not in cache:
                chances = ahead(person.id, on=self.day(row), scope="part", kb=self.service.kb)
                cache[row] = [{k: body[k] for k in EVENT_KEYS} for body in (event_body(c, self.service.kb) for c in chances)]
            return cache[row]

        days: set[date] = set()
        for e in calendar_of(self.service.kb, person):
            days |= {e.known, e.first_day - timedelta(days=365), e.start_last + timedelta(days=1)}
            days |= {d for span in e.part_spans() for d in span if d is not None}
            days |= {d for d in (e.online, e.early, e.outcome.known if e.outcome else None) if d is not None}
        rows = {0, *verdict_rows, *((d - self.first).days for d in days if self.first <= d <= self.last)}
        segments: list[list] = []
        for i, row in enumerate(found := _split(listed, sorted(rows), last)):
            end = found[i + 1] - 1 if i + 1 < len(found) else last
            if segments and segments[-1][2] == listed(row):
                segments[-1][1] = end
            else:
                segments.append([row, end, listed(row)])
        return {"person": person.id, "from": self.first.isoformat(), "segments": segments}

    def _publication_rows(self, findings: dict) -> set[int]:
        """Rows (days after the first) on which a source cited only as published later becomes timely."""
        days = {latest(source.get("published") or None) for finding in findings["findings"]
                for item in finding.get("evidence", []) for source in item.get("later_sources", [])}
        return {(day - self.first).days for day in days if day is not None}

    def findings(self, person: Person, iso3: str, row: int) -> dict:
        assessment = self.service.assessment(person, self.day(row))
        if assessment.no_travel:  # in custody or dead: no verdict, so nothing to explain
            return {"findings": []}
        explanation = self.service.explanation(assessment, iso3)
        return {"findings": explanation.get("findings", [])}

    def shared(self, persons: list[Person]) -> dict[str, bytes]:
        method = dict(self.service.method())
        method["first_date"], method["today"] = self.first.isoformat(), self.last.isoformat()
        persons_file = dict(self.service.persons_dict())
        ids = {p.id for p in persons}
        persons_file["persons"] = [p for p in persons_file["persons"] if p["id"] in ids]
        return {
            "data/method.json": encode(method),
            "data/persons.json": encode(persons_file),
            "data/countries.json": encode({"data_version": self.service.kb.version, "countries": countries(self.service.kb)}),
            "data/boundaries.json": self.service.boundaries_json(),
        }


def build(settings: Settings, out: Path, persons: Sequence[str] = (), *, preview: bool = True,
          progress: Callable[[str], None] = lambda _: None) -> SiteReport:
    """Write the static site to `out` (a new folder, or one this builder wrote before: it is replaced whole)."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / "data" / MARKER).exists())):
        raise UsageError(f"{out} exists and is not a site written by `haven site build`: choose a new or empty folder")
    builder = Builder(settings)
    chosen = builder.persons(persons)
    if not out.parent.exists():
        raise OutputError(f"the folder {out.parent} does not exist")
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"cannot write in {out.parent}: {exc.strerror or exc}") from None
    try:
        files = builder.shared(chosen)
        for person in chosen:
            progress(f"{person.id}: verdicts")
            verdicts = builder.verdicts(person)
            folder = f"data/persons/{person.id}"
            files[f"{folder}/verdicts.json"] = encode(verdicts)
            files[f"{folder}/visits.json"] = encode(builder.service.visits(person, None, builder.last))
            progress(f"{person.id}: events ahead")
            rows = sorted({row for pairs in verdicts["verdict_changes"] for row in pairs[0::2]})
            files[f"{folder}/events.json"] = encode(builder.events(person, rows))
            progress(f"{person.id}: explanations")
            for iso3, data in builder.explanations(person, verdicts).items():
                files[f"{folder}/explain/{iso3}.json"] = encode(data)
        for page, name in PAGES.items():
            files[name] = render(page, "static", settings.public_url)
        for name in STATIC_FILES:
            files[f"static/{name}"] = (STATIC / name).read_bytes()
        if preview and chosen:
            progress("preview image")
            files["preview.png"] = preview_png(chosen[0], builder.last, builder.service.kb)
        files[f"data/{MARKER}"] = encode({"persons": [p.id for p in chosen], "first_date": builder.first.isoformat(),
                                          "today": builder.last.isoformat(), "data_version": builder.service.kb.version})
        try:
            for name, content in files.items():
                path = staging / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
            if out.exists():
                shutil.rmtree(out)
            staging.rename(out)
        except OSError as exc:
            raise OutputError(f"could not write the site to {out}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return SiteReport(out, tuple(p.id for p in chosen), len(files), sum(len(d) for d in files.values()), builder.first, builder.last)
