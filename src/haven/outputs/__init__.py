"""Every output format haven writes, registered once, and the one way files are written.

A command never checks its own format list or opens its own file. It declares which formats it accepts, asks
the registry which one to write, and hands the payload over:

    from haven.outputs import choose, emit_table

    ACCEPTED = ("table", "csv", "json")
    fmt = choose(requested, output, ACCEPTED)     # -f value (or None), -o path (or None)
    emit_table(frame, fmt, output, title=..., caption=...)

`choose` follows the file's extension when -f is not given, and raises `haven.errors.UsageError` (one line,
exit code 2) for an unknown format, a format the command cannot write (naming those it can), -f contradicting
the extension, a terminal-only format with -o, or a binary one without. Writing goes through
`haven.outputs.files`: a temporary file in the target folder, renamed when complete; a missing folder or an
unwritable path is an `OutputError` (one line, exit code 1) and leaves nothing behind.

Payloads: `emit_table` (a DataFrame: table, csv, json, geojson, parquet), `emit_text` (a document the command
rendered itself: md, html, text, json), `emit_document` (a standalone HTML page, as html or typeset as pdf)
and `emit_figure` (a matplotlib Figure: png, svg, pdf).

To add a format, declare it once in `haven/outputs/builtin.py` (or call `register` from a plug-in module):

    register(Format("ftm", (".ftm",), "FollowTheMoney entities, one JSON object a line",
                    table="haven.exporters.ftm:entities"))

A table writer is `(frame, meta) -> str | bytes`, a figure writer `(fig, dpi, title, description) -> bytes`;
name it as "module:function" so that it is imported only when used. Then list the format among the accepted
ones of the commands that can produce it, and add a test that writes it.
"""

from haven.outputs import builtin
from haven.outputs.emit import emit_document, emit_figure, emit_table, emit_text
from haven.outputs.files import (
           atomic_write,
           check_target,
           refuse_overwriting,
           write_content,
           write_many,
           write_text,
)
from haven.outputs.registry import (
           FORMATS,
           Format,
           by_extension,
           choose,
           describe,
           get,
           register,
)

FIGURES = builtin.FIGURES

__all__ = ["FIGURES", "FORMATS", "Format", "atomic_write", "by_extension", "check_target", "choose", "describe",
           "emit_document", "emit_figure", "emit_table", "emit_text", "get", "refuse_overwriting", "register", "write_content",
           "write_many", "write_text"]
