"""A new process pays only for what it uses: `haven assess ... -f csv` with warm caches must not import the heavy
libraries (the startup target of issue 15 is measured by benchmarks/startup.py; this guards it in CI)."""

import subprocess
import sys

HEAVY = ("pandas", "duckdb", "rich", "pycountry", "matplotlib", "scipy", "shapely", "followthemoney", "sklearn")
CODE = """
import contextlib, io, sys
sys.argv = ["haven", "assess", "putin", "--on", "2024-06-24", "-f", "csv"]
from haven.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print(",".join(m for m in {heavy!r} if m in sys.modules))
"""


def test_assess_as_csv_imports_no_heavy_library_once_the_caches_are_warm():
    code = CODE.format(heavy=HEAVY)
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # warms the caches
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert loaded == ""
