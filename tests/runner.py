"""Running `haven ARGS` in this process, as the CLI tests do: (exit code, stdout, stderr)."""

from __future__ import annotations

from collections.abc import Callable

from haven.cli import main


def cli_runner(capsys) -> Callable[..., tuple[int, str, str]]:
    def run(*args) -> tuple[int, str, str]:
        code = 0
        try:
            main([str(a) for a in args])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
