"""haven: where can a wanted or sanctioned leader still travel, on a given date, and why."""


def _version() -> str:
    """The version declared in pyproject.toml: read from it when running from a source tree (fast, and right
    even before a reinstall), else from the installed package's metadata."""
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        if project.get("name") == "haven":
            return str(project["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("haven")
    except PackageNotFoundError:
        return "0+unknown"


def __getattr__(name: str) -> str:
    """`haven.__version__`, read on first use (importing haven reads no file)."""
    if name == "__version__":
        value = _version()
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'haven' has no attribute {name!r}")


def assess(person, on=None, kb=None):
    """Every state's verdict for `person` on `on` (default today): see haven.api.assess."""
    from haven.api import assess as _assess

    return _assess(person, on, kb)


def facts(kind, on=None, **options):
    """Fact rows of one kind held on `on`, filtered by column values: see haven.api.facts."""
    from haven.api import facts as _facts

    return _facts(kind, on, **options)


def forecast(person, country=None, on=None, by=None, event=None, **options):
    """The chance of an in-person visit to `country` after `on` and by `by`, or of attending `event`: see
    haven.forecasts.forecast."""
    from haven.forecasts import forecast as _forecast

    return _forecast(person, country, on, by, event, **options)


def events(person, start=None, end=None, on=None, **options):
    """The events between `start` and `end` public on `on`, with the chance the person attends: see haven.forecasts.events."""
    from haven.forecasts import events as _events

    return _events(person, start, end, on, **options)


def upcoming_events(person, on=None, horizon=365, **options):
    """The events ahead within `horizon` days that the person's state takes part in: see haven.forecasts.upcoming_events."""
    from haven.forecasts import upcoming_events as _upcoming

    return _upcoming(person, on, horizon, **options)
