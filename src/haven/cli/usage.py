"""Usage errors from the command-line framework, rewritten as one line: what was wrong and what is accepted.

The framework (Typer, with its vendored copy of Click) raises its own exception classes; they are recognised
here by class name, so the same code reads Click's own classes too.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")
NO_SUCH_COMMAND = re.compile(r"No such command '(.*)'")
REQUIRES_VALUE = re.compile(r"Option '(.*)' requires an argument")


def kinds(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def is_usage_error(exc: BaseException) -> bool:
    return "UsageError" in kinds(exc)


def is_help_request(exc: BaseException) -> bool:
    """A group or command called with nothing to do: its help is shown instead."""
    return "NoArgsIsHelpError" in kinds(exc)


def _names(param: Any) -> str:
    opts = [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]
    if getattr(param, "param_type_name", "") == "argument" or not opts:
        return str(getattr(param, "metavar", None) or param.name).upper()
    return "/".join(sorted(opts, key=len))


def _help(param: Any) -> str:
    text = (getattr(param, "help", None) or "").strip()
    return f" ({_end(text)})" if text else ""


def _end(text: str) -> str:
    """Without its closing full stop (an ellipsis stays)."""
    return text[:-1] if text.endswith(".") and not text.endswith("...") else text


def _options(command: Any) -> list[Any]:
    return [p for p in command.params if getattr(p, "param_type_name", "") == "option" and not p.hidden]


def _arguments(command: Any) -> list[Any]:
    return [p for p in command.params if getattr(p, "param_type_name", "") == "argument"]


def _accepted_options(ctx: Any) -> str:
    names = [_names(p) for p in _options(ctx.command)] + ["/".join(ctx.help_option_names)]
    return "options: " + ", ".join(names)


def _usage(ctx: Any) -> str:
    arguments = " ".join(_names(p) for p in _arguments(ctx.command))
    return f"usage: {ctx.command_path}{' ' + arguments if arguments else ''} [OPTIONS]"


def _flag_before(ctx: Any, value: str, argv: list[str]) -> str | None:
    """The flag option that `value` was probably meant for (`--reach true`), if any."""
    flags = {opt: p for p in _options(ctx.command) if getattr(p, "is_flag", False)
             for opt in [*p.opts, *p.secondary_opts]}
    for before, token in pairwise(argv):
        if token == value and before in flags:
            return before
    return None


def one_line(exc: BaseException, argv: list[str]) -> str:
    """The framework's usage error `exc` for the command line `argv`, as one line without 'error: '."""
    ctx = getattr(exc, "ctx", None)
    where = f"{ctx.command_path}: " if ctx is not None else ""
    message = str(getattr(exc, "message", "") or exc)
    found = kinds(exc)
    match = REQUIRES_VALUE.search(message)
    if match:
        return f"{where}option {match.group(1)} needs a value"
    if ctx is None:
        return _end(message)
    if "MissingParameter" in found and getattr(exc, "param", None) is not None:
        param = exc.param  # type: ignore[attr-defined]
        what = "argument" if param.param_type_name == "argument" else "option"
        return f"{where}missing {what} {_names(param)}{_help(param)}; {_usage(ctx)}"
    if "NoSuchOption" in found:
        option = getattr(exc, "option_name", "")
        return f"{where}unknown option {option}; {_accepted_options(ctx)}"
    if "BadParameter" in found and getattr(exc, "param", None) is not None:
        param = exc.param  # type: ignore[attr-defined]
        return f"{where}bad value for {_names(param)}: {_end(message)}"
    match = NO_SUCH_COMMAND.search(message)
    if match:
        commands = ", ".join(sorted(ctx.command.list_commands(ctx)))
        return f"{where}unknown command {match.group(1)!r}; commands: {commands}"
    match = EXTRA_ARGUMENTS.search(message)
    if match:
        extra = match.group(1)
        flag = _flag_before(ctx, extra.split(" ")[0], argv)
        if flag is not None:
            return f"{where}{flag} is a switch and takes no value, but {extra!r} follows it; write {flag} alone"
        return f"{where}unexpected argument {extra!r}; {_usage(ctx)}"
    return f"{where}{_end(message)}"
