"""haven: where can a wanted or sanctioned leader still travel, on a given date, and why."""

__version__ = "0.1.0"
