"""One exception root, so every edge (CLI, web API) can turn failures into one clear line.

The exit code says whose fault it was: 2 for the user's input (a usage error, a bad value, an unknown name),
1 for a failure while doing sound work (an output that cannot be written, no route, a broken data file).
"""


class HavenError(Exception):
    """Base of every error haven reports to a user; by default the input was wrong (exit code 2)."""

    exit_code = 2


class UsageError(HavenError):
    """A command was called in a way it does not accept (an option, a format, a contradiction)."""


class UnknownPerson(HavenError):
    pass


class UnknownCountry(HavenError):
    pass


class BadDate(HavenError):
    pass


class DataError(HavenError):
    """The knowledge base or an input file is malformed."""

    exit_code = 1


class OutputError(HavenError):
    """An output could not be written (missing folder, no permission, disk full); nothing was left behind."""

    exit_code = 1


class NoResult(HavenError):
    """The input was sound but there is no answer to give (no route between two places, say)."""

    exit_code = 1
