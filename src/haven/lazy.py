"""Modules imported on first use, so a new process pays only for what its command needs.

`pd = lazy("pandas")` reads like `import pandas as pd`, but pandas is imported the first time an attribute of
`pd` is used. Modules declare the real import under `TYPE_CHECKING`, so type checkers see the module itself.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _Lazy(ModuleType):
    def __init__(self, name: str):
        super().__init__(name)
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self._name)
        return getattr(module, attribute)


def lazy(name: str) -> Any:
    """A stand-in for module `name` that imports it when first used."""
    return _Lazy(name)
