"""The method version printed with every answer: `haven-rules-1+<hash>` of every number and every declaration.

It changes when a weight, the fitted coefficients, or any rule's or modifier's declaration (axis, effect, how it
combines, its cap) changes, and only then.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from haven.engine import weights as W
from haven.engine.rulebook import DISPUTES, MODIFIERS, RULEBOOK

METHOD_NAME = "haven-rules"


def _declarations() -> list:
    rules = [{"name": r.name, "axis": r.axis, "how": r.how, "cap": r.cap, "needs": r.needs,
              "effect": {k: v for k, v in asdict(r.effect).items() if v not in (None, 0.0, False)}} for r in RULEBOOK]
    return (rules + [{"modifier": m.name, "acts_on": list(m.acts_on)} for m in MODIFIERS]
            + [{"dispute": asdict(d)} for d in DISPUTES])


def fingerprint() -> str:
    numbers = {k: v for k, v in vars(W).items() if k.isupper()}
    text = json.dumps({"weights": numbers, "rules": _declarations()}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:8]


METHOD_VERSION = f"{METHOD_NAME}-1+{fingerprint()}"
