"""Layers point one way: knowledge -> engine -> views -> cli/web. Checked on the import statements themselves."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "haven"
KNOWLEDGE = ("haven.knowledge",)
ENGINE = ("haven.engine",)
VIEWS = ("haven.briefs", "haven.maps", "haven.routes", "haven.backtest", "haven.outputs", "haven.exports")
EDGES = ("haven.cli", "haven.web")


def _module(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("haven")}


def _under(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


MODULES = {_module(p): _imports(p) for p in SRC.rglob("*.py")}

# which layers a module in a layer must never import
FORBIDDEN = [
    (KNOWLEDGE, ENGINE + VIEWS + EDGES),
    (ENGINE, VIEWS + EDGES),
    (VIEWS, EDGES),
]


@pytest.mark.parametrize("layer, forbidden", FORBIDDEN, ids=["knowledge", "engine", "views"])
def test_no_layer_imports_a_layer_above_it(layer, forbidden):
    wrong = sorted(f"{module} imports {name}" for module, names in MODULES.items() if _under(module, layer)
                   for name in names if _under(name, forbidden))
    assert wrong == []
