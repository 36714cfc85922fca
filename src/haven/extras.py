"""Optional parts of haven that need libraries the base install leaves out, declared once.

`followthemoney` (FtM export, the OpenSanctions importer) pulls PyICU, which exists only as source and needs
the ICU headers and a C++ compiler to build, so it is the extra `haven[ftm]`; `pip install .` never builds it.
A command that needs a missing extra stops with one line naming the extra to install (exit code 1).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from haven.errors import HavenError


class MissingExtra(HavenError):
    """A command needs a library that an optional extra of haven installs."""

    exit_code = 1


@dataclass(frozen=True)
class Extra:
    name: str  # pip install 'haven[name]'
    module: str  # what is imported
    library: str  # what a reader calls it
    needs: str  # what the library itself needs from the system, said in the message


EXTRAS = {
    "ftm": Extra("ftm", "followthemoney", "FollowTheMoney (followthemoney)",
                 "its PyICU dependency builds against the ICU headers: on Debian, apt-get install libicu-dev "
                 "pkg-config g++ first"),
}


def require(name: str, purpose: str) -> ModuleType:
    """The extra's main module, imported; MissingExtra naming `pip install 'haven[name]'` when it is absent."""
    extra = EXTRAS[name]
    try:
        return importlib.import_module(extra.module)
    except ImportError as exc:
        broken = "" if exc.name == extra.module else f" ({exc})"  # installed, but one of its own imports fails
        raise MissingExtra(f"{purpose} needs {extra.library}, which the base install leaves out{broken}: "
                           f"pip install 'haven[{extra.name}]' ({extra.needs})") from None


def available(name: str) -> bool:
    """Whether the extra's library can be imported (tests skip on it)."""
    try:
        require(name, "this")
    except MissingExtra:
        return False
    return True
