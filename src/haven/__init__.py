"""haven: where can a wanted or sanctioned leader still travel, on a given date, and why."""

__version__ = "0.1.0"


def assess(person, on=None, kb=None):
    """Every state's verdict for `person` on `on` (default today): see haven.api.assess."""
    from haven.api import assess as _assess

    return _assess(person, on, kb)
