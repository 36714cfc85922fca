"""The registry of output formats: each declared once with its file extensions and its writer.

A format's writer turns a payload into the file's content (str or bytes); `haven.outputs.files` writes it.
Payload kinds: a table (a pandas DataFrame), a figure (a matplotlib Figure), a document the command has
already rendered as text (Markdown, HTML, plain text, JSON), which needs no writer, or such an HTML document
typeset by a document writer (PDF).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from haven.errors import UsageError

Writer = Callable[..., "str | bytes"]


@dataclass(frozen=True)
class Format:
    """One output format. `table`, `figure` and `document` name a writer as "module:function" (imported only
    when used, so that declaring PNG costs no matplotlib import) or give the callable itself.

    A command's metadata (person, date, versions, `coverage`) goes into the file where the format has a place
    for it (GeoJSON `haven:` members, Parquet schema metadata) and, for a `sidecar` format written to a file,
    into FILE.meta.json beside it (haven.outputs.files.deliver).

    table writer: (frame: DataFrame, meta: dict) -> str | bytes
    figure writer: (fig: Figure, dpi: float, title: str, description: str) -> bytes
    document writer: (html: str, meta: dict) -> bytes (a standalone HTML page typeset as the format)
    """

    name: str
    extensions: tuple[str, ...]
    description: str
    binary: bool = False  # bytes: written to a file only, never to the terminal
    terminal: bool = False  # shown on the terminal only, never written to a file
    sidecar: bool = False  # no place in the file for metadata: it goes beside it, as FILE.meta.json
    table: str | Writer | None = None
    figure: str | Writer | None = None
    document: str | Writer | None = None

    def writer(self, kind: str) -> Writer:
        target = getattr(self, kind)
        if target is None:
            raise UsageError(f"the {self.name} format cannot hold a {kind}")
        if callable(target):
            return target
        module, _, name = target.partition(":")
        return getattr(importlib.import_module(module), name)

    @property
    def files(self) -> str:
        """'csv (.csv)', for messages."""
        return f"{self.name} ({', '.join(self.extensions)})" if self.extensions else self.name


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format; its name and each extension may belong to one format only."""
    if fmt.name in FORMATS:
        raise ValueError(f"format {fmt.name!r} is already registered")
    taken = {ext: other.name for other in FORMATS.values() for ext in other.extensions}
    for ext in fmt.extensions:
        if not ext.startswith(".") or ext != ext.lower():
            raise ValueError(f"extension {ext!r} of {fmt.name!r}: write it lower-case with its dot, e.g. '.csv'")
        if ext in taken:
            raise ValueError(f"extension {ext} of {fmt.name!r} already belongs to {taken[ext]!r}")
    FORMATS[fmt.name] = fmt
    return fmt


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}: known formats are {', '.join(FORMATS)}") from None


def by_extension(path: Path | str) -> Format | None:
    """The format a file name's extension declares (.tar.gz-style double extensions are not used)."""
    suffix = Path(path).suffix.lower()
    if not suffix:
        return None
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)


def _listing(items: Sequence[str], word: str = "or") -> str:
    return ", ".join(items[:-1]) + f" {word} {items[-1]}" if len(items) > 1 else items[0]


def choose(requested: str | None, output: Path | str | None, accepted: Sequence[str], *,
           default: str | None = None, option: str | None = "-f") -> str:
    """The format to write: `requested` (the -f value) or, when it is None, the one `output`'s extension
    declares, else `default` (the first accepted format). Raises UsageError for an unknown format, one this
    command cannot write, a contradiction between -f and the extension, a terminal-only format with a file,
    or a binary format without one; OutputError when `output` cannot be written (its folder is missing, say).
    `option` is how the command spells its format option (None: it has none).
    """
    accepted = tuple(accepted)
    if output is not None and Path(output) == Path("."):
        raise UsageError("-o needs a file name")
    if output is not None and str(output).strip() == "-":
        raise UsageError("-o - is not a file name: to print to the terminal leave -o out")
    unknown = [name for name in accepted if name not in FORMATS]
    if unknown:
        raise ValueError(f"accepted formats {unknown} are not registered")
    for_files = [f for f in accepted if not FORMATS[f].terminal]
    name = Path(output).name if output is not None else ""
    by_file = by_extension(output) if output is not None else None
    if requested is not None:
        chosen = requested.strip().lower()
        if chosen not in accepted:
            what = "unknown format" if chosen not in FORMATS else "this command cannot write"
            raise UsageError(f"{what} {requested!r}: accepted formats: {', '.join(accepted)}")
        if output is not None and FORMATS[chosen].terminal:
            raise UsageError(f"{option} {chosen} prints to the terminal: to write {name!r} choose "
                             f"{_listing(for_files)}" if for_files else f"{option} {chosen} prints to the terminal only")
        if by_file is not None and by_file.name != chosen:
            own = FORMATS[chosen].extensions
            rename = f" or name the file {_listing(own)}" if own else ""
            raise UsageError(f"{option} {chosen} contradicts the file name {name!r} ({by_file.name}): "
                             f"drop {option}{rename}")
    elif output is None:
        chosen = default or accepted[0]
    elif by_file is None:
        endings = [ext for f in for_files for ext in FORMATS[f].extensions]
        give = f", or give {option} {'|'.join(for_files)}" if option else ""
        raise UsageError(f"cannot tell the format of {name!r} from its extension: name the file "
                         f"{_listing(endings)}{give}")
    elif by_file.name not in accepted:
        raise UsageError(f"cannot write {name!r}: this command writes "
                         f"{_listing([FORMATS[f].files for f in for_files])}, not {by_file.name}")
    else:
        chosen = by_file.name
    if FORMATS[chosen].binary and output is None:
        raise UsageError(f"{option + ' ' if option else ''}{chosen} needs an output file (-o FILE)")
    if output is not None:
        from haven.outputs.files import check_target

        check_target(Path(output))  # fail before the work, not after it (checked again when writing)
    return chosen


def describe(accepted: Sequence[str], default: str | None = None) -> str:
    """Help text for a -f option: the accepted formats and how the default is found."""
    default = default or accepted[0]
    return f"{', '.join(accepted)} (default: from the -o file's extension, else {default})."
