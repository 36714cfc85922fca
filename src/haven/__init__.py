"""haven: where can a wanted or sanctioned leader still travel, on a given date, and why."""

__version__ = "0.1.0"


def assess(person, on=None, kb=None):
    """Every state's verdict for `person` on `on` (default today): see haven.api.assess."""
    from haven.api import assess as _assess

    return _assess(person, on, kb)


def facts(kind, on=None, **options):
    """Fact rows of one kind held on `on`, filtered by column values: see haven.api.facts."""
    from haven.api import facts as _facts

    return _facts(kind, on, **options)
