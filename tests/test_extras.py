"""The base install works without the optional parts: a command that needs a missing one says, in one line and
with exit code 1, what to install, and writes nothing. Run everywhere by hiding the part from this process."""

from __future__ import annotations

import importlib.abc
import os
import subprocess
import sys

import pytest

from haven.extras import MissingExtra, available, require
from tests.briefs.fixture import brief_world
from tests.cli.conftest import haven, small_kb  # noqa: F401 - fixtures
from tests.extras import needs_ftm


@pytest.fixture
def without(monkeypatch):
    """Hide modules from this process: `without("followthemoney")`, then importing it fails as if not installed."""

    def hide(*names: str, error: type[Exception] = ImportError, stdout: str = "") -> None:
        for loaded in [m for m in sys.modules if m.split(".")[0] in names]:
            monkeypatch.delitem(sys.modules, loaded)
        monkeypatch.setattr(sys, "meta_path", [Blocker(names, error, stdout), *sys.meta_path])

    return hide


class Blocker(importlib.abc.MetaPathFinder):
    def __init__(self, names: tuple[str, ...], error: type[Exception], stdout: str):
        self.names, self.error, self.stdout = names, error, stdout

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] not in self.names:
            return  # not ours: the next finder looks
        if self.stdout:
            print(self.stdout)  # as WeasyPrint does before it fails to load a library
        if self.error is ImportError:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        raise self.error("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")


def test_a_missing_extra_names_the_extra_to_install(without):
    without("followthemoney")
    assert not available("ftm")
    with pytest.raises(MissingExtra, match=r"pip install 'haven\[ftm\]'") as raised:
        require("ftm", "haven export ftm")
    assert raised.value.exit_code == 1 and "\n" not in str(raised.value)


@needs_ftm
def test_a_broken_dependency_of_an_extra_is_named():
    """followthemoney installed but PyICU's native module missing: the extra is named, and so is the cause.
    Run in a fresh interpreter so the half-imported library never meets the other tests."""
    script = ("import sys, importlib.abc\n"
              "class Block(importlib.abc.MetaPathFinder):\n"
              "    def find_spec(self, name, path=None, target=None):\n"
              "        if name.split('.')[0] == 'icu':\n"
              "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
              "sys.meta_path.insert(0, Block())\n"
              "from haven.extras import MissingExtra, require\n"
              "try:\n"
              "    require('ftm', 'haven export ftm')\n"
              "except MissingExtra as exc:\n"
              "    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    assert "pip install 'haven[ftm]'" in done.stdout and "No module named 'icu'" in done.stdout


def test_export_ftm_without_followthemoney_is_one_line_and_exit_1(haven, without, tmp_path):  # noqa: F811
    without("followthemoney")
    code, out, err = haven("export", "ftm", "-o", tmp_path / "x.ftm.json")
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and "pip install 'haven[ftm]'" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_the_opensanctions_import_without_followthemoney_stops_before_fetching(haven, without, tmp_path):  # noqa: F811
    without("followthemoney")
    code, _, err = haven("import", "opensanctions", "http://127.0.0.1:9/entities.ftm.json", "--dry-run")
    assert code == 1
    assert err.strip().count("\n") == 0 and "haven import opensanctions needs" in err and "haven[ftm]" in err
    assert "cannot download" not in err  # the extra is checked before anything is fetched


def test_a_pdf_brief_without_pango_is_one_line_exit_1_and_nothing_written(haven, without, tmp_path, monkeypatch):  # noqa: F811
    directory = brief_world().write(tmp_path / "kb")
    monkeypatch.setenv("HAVEN_DATA_DIR", str(directory))
    monkeypatch.setattr("haven.cli.common._loaded", {})
    without("weasyprint", error=OSError, stdout="\n-----\n\nWeasyPrint could not import some external libraries.\n")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = haven("brief", "wanted", "--on", "2024-06-24", "-o", out_dir / "b.pdf")
    assert code == 1 and out == ""  # the library's advice must not leak into the output
    assert err.strip().count("\n") == 0 and "cannot write a PDF" in err and "libpango-1.0-0" in err
    assert list(out_dir.iterdir()) == []
    code, _, _ = haven("brief", "wanted", "--on", "2024-06-24", "-o", out_dir / "b.html")
    assert code == 0  # HTML needs no Pango
