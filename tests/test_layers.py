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


# Views read the engine's results and the knowledge layer's indexes (kb.countries, kb.note, coverage), never a
# fact table: a reading of the facts that a view makes for itself escapes the as-of rules the engine applies.
TABLE_READS = ("table", "records", "held", "known", "frames")
VIEW_PACKAGES = ("haven.briefs", "haven.maps", "haven.routes", "haven.backtest", "haven.outputs", "haven.web")


def _receiver(node: ast.expr) -> str:
    """The name a call or attribute hangs from: `kb` for `kb.table`, `self.kb.held`, `ctx.kb.records`."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _table_reads(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in TABLE_READS and _receiver(node.value) in ("kb", "knowledge"):
            found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_views_and_the_web_never_read_fact_tables():
    paths = [p for p in SRC.rglob("*.py") if _under(_module(p), VIEW_PACKAGES)]
    assert paths
    assert [read for p in paths for read in _table_reads(p.read_text(encoding="utf-8"), str(p.relative_to(SRC)))] == []


def test_the_table_read_check_sees_the_reads_it_forbids():
    sample = "def f(kb, self):\n    kb.table('visits')\n    self.kb.held('stances', day)\n    layer.table(scene)\n"
    assert [r.split(": ", 1)[1] for r in _table_reads(sample, "sample")] == ["kb.table", "self.kb.held"]


def _files_naming(names: set[str], paths: list[Path], root: Path = SRC) -> dict[str, list[str]]:
    """Files (relative to `root`) whose string literals name one of `names`, with the names they use."""
    found: dict[str, list[str]] = {}
    for path in paths:
        literals = {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                    if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        if used := sorted(names & literals):
            found[str(path.relative_to(root))] = used
    return found


def test_rule_names_stay_inside_the_engine():
    """A rule is declared once in the rulebook; views and edges learn of rules from its data, so at most two files
    outside the engine may spell a rule's name (an API example, say)."""
    from haven.engine.rulebook import MODIFIERS, RULEBOOK

    names = {item.name for item in (*RULEBOOK, *MODIFIERS)}
    outside = [p for p in SRC.rglob("*.py") if not _under(_module(p), ENGINE)]
    found = _files_naming(names, outside)
    assert len(found) <= 2, found


def test_the_rule_name_check_sees_a_name_in_a_literal(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("WHY = {'rule': 'icc_warrant', 'note': 'icc_warrant_x'}\n", encoding="utf-8")
    assert _files_naming({"icc_warrant", "ties"}, [sample], tmp_path) == {"sample.py": ["icc_warrant"]}
