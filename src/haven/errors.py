"""One exception root, so every edge (CLI, web API) can turn failures into one clear line."""


class HavenError(Exception):
    """Base of every error haven reports to a user."""

    exit_code = 2


class UnknownPerson(HavenError):
    pass


class UnknownCountry(HavenError):
    pass


class BadDate(HavenError):
    pass


class DataError(HavenError):
    """The knowledge base or an input file is malformed."""

    exit_code = 1
