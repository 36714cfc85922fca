"""Writing an output file so that a failure leaves nothing behind.

The content goes to a temporary file in the target's own folder (same file system, so the final rename is
atomic) and replaces the target only once complete. The folder must exist: a mistyped path is reported,
not created. Every failure to write becomes one OutputError line (exit code 1).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from haven.errors import OutputError


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def check_target(path: Path) -> Path:
    """`path` if a file can be created there (a symbolic link: the file it points to); OutputError naming
    what is wrong otherwise."""
    path = Path(path)
    if _is_stream(path):
        return path
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    if not folder.exists():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: {folder} is not a folder")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"cannot write {path}: permission denied")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: permission denied on the folder {folder}")
    return path


def refuse_overwriting(output: Path | None, *inputs: Path | None) -> None:
    """UsageError when -o names one of the command's own input files (it would be replaced by the answer)."""
    from haven.errors import UsageError

    if output is None:
        return
    for given in inputs:
        if given is None or not Path(given).exists() or not Path(output).exists():
            continue
        if os.path.samefile(output, given):
            raise UsageError(f"-o {output} is the input file {given}: write the output to another file")


def _is_stream(path: Path) -> bool:
    """A device or a pipe (/dev/stdout, a named pipe): written in place, never replaced by a rename."""
    return path.exists() and not path.is_file() and not path.is_dir()


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(temp)` then move the temporary file to `path`; on any failure nothing is left."""
    path = check_target(Path(path))
    if _is_stream(path):
        try:
            write(path)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
        return path
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes files private; outputs are ordinary files
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _writer(data: bytes) -> Callable[[Path], None]:
    def write(target: Path) -> None:
        target.write_bytes(data)

    return write


def write_content(path: Path, content: str | bytes) -> Path:
    """Text as UTF-8, bytes as they are."""
    return atomic_write(path, _writer(_bytes(content)))


def write_text(path: Path, text: str) -> Path:
    return write_content(path, text)


def write_many(contents: dict[Path, str | bytes]) -> list[Path]:
    """Several files that belong together: all are written to temporary files first, then renamed, so a
    failure before the renames leaves none of them."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in contents.items():
            path = check_target(Path(path))
            temp = path.with_name(f".{path.name}.{os.getpid()}.part")
            atomic_write(temp, _writer(_bytes(content)))
            staged.append((temp, path))
        for temp, path in staged:
            os.replace(temp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return [path for _, path in staged]


SIDECAR = ".meta.json"


def sidecar_path(output: Path) -> Path:
    """Where a file's metadata goes when its format has no place for it: `x.csv` -> `x.csv.meta.json`."""
    return output.with_name(output.name + SIDECAR)


def sidecar_text(output: Path, fmt: str, meta: dict[str, Any]) -> str:
    return json.dumps({"file": output.name, "format": fmt, **meta}, indent=2, ensure_ascii=False, default=str) + "\n"


def deliver(content: str | bytes, output: Path | None, *, sidecar: tuple[str, dict[str, Any]] | None = None) -> None:
    """Write `content` to `output`, or to standard output when there is none (text only). `sidecar`, (format,
    metadata), is written beside a regular file as FILE.meta.json, both files or neither."""
    if output is not None and sidecar is not None and sidecar[1] and not _is_stream(Path(output)):
        path = Path(output)
        write_many({path: content, sidecar_path(path): sidecar_text(path, *sidecar)})
    elif output is not None:
        write_content(output, content)
    elif isinstance(content, bytes):
        raise OutputError("binary output needs a file (-o FILE)")
    else:
        sys.stdout.write(content)
        sys.stdout.flush()
