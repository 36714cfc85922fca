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
