"""The command line's own words in French: its mistakes, and the labels of its help pages.

typer reports mistakes (an unknown option, a missing argument…) through click's exceptions,
in English, and its copy of click has no translations. clsm runs the typer application
without its own error printing and says them here, in the same form as its other errors:
the usage line, `clsm : what is wrong`, `aide : what to do`. The exceptions are read by
their documented attributes (click's `NoSuchOption.option_name`, `BadParameter.param`…),
so that nothing here depends on where typer keeps its copy of click. Help pages are
written by typer, then their fixed English labels are replaced (`french_help`).
"""

import re
import sys
from typing import Any

_NOT_ONE_OF = re.compile(r"'(?P<value>[^']*)' is not one of (?P<choices>.+?)\.?$")
_NO_COMMAND = re.compile(r"No such command '(?P<name>.+?)'\.(?: Did you mean (?P<close>.+)\?)?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<extra>.*)\)")


_USAGE_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Usage:"), "Utilisation :"),
    (re.compile(r" COMMAND \[ARGS\]\.\.\."), " COMMANDE [ARGUMENTS]…"),
    # a list argument whose metavar already says `[ANNEE] [CHEMIN]...`: click brackets it
    # again (`[[ANNEE] [CHEMIN]...]...`)
    (re.compile(r"\[(\[[^\[\]]+\](?: \[[^\[\]]+\](?:\.\.\.)?)*)\]\.\.\."), r"\1"),
    # a required argument: click writes its metavar in braces (`{GRILLE}`), read as a choice
    (re.compile(r"\{([A-Z_]+)\}"), r"\1"),
    (re.compile(r"\.\.\."), "…"),
)
"""click's usage line (`Usage: clsm [OPTIONS] COMMAND [ARGS]...`) as a French user reads it
(`Utilisation : clsm [OPTIONS] COMMANDE [ARGUMENTS]…`)."""


def french_usage(line: str) -> str:
    """A usage line written by click, in French (`_USAGE_WORDS`)."""
    for pattern, replacement in _USAGE_WORDS:
        line = pattern.sub(replacement, line)
    return line


_USAGE_LINE = re.compile(r"^Usage: .*$", re.M)
_HELP_LABELS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (_USAGE_LINE, lambda found: french_usage(found.group())),
    # the argument's own line under « Arguments : », as the usage line writes it
    (re.compile(r"^  \{([A-Z_]+)\}( *)", re.M), r"  \1  \2"),
    (re.compile(r"^  (\[[A-Z_]+\](?: \[[A-Z_]+\])*)\.\.\.", re.M), r"  \1…  "),
    (re.compile(r"^(Arguments|Options):$", re.M), r"\1 :"),
    (re.compile(r"^Commands:$", re.M), "Commandes :"),
    # a narrow terminal wraps these labels over two lines: any blank may be a line break
    (re.compile(r"Show\s+this\s+message\s+and\s+exit\."), "Affiche cette aide et quitte."),
    (re.compile(r"\[default:\s+([^\]]*)\]"), r"[par défaut : \1]"),
    (re.compile(r"\[required\]"), "[obligatoire]"),
    # Python type names (<path>, <str>, <list[Path]>) mean nothing to a coordinator; blanks
    # keep the columns aligned. Choices (<text|json|github>) stay.
    (re.compile(r" <(?:path|str|int|list\[\w+\])>"), lambda found: " " * len(found.group())),
)


def french_help(text: str) -> str:
    """A help page written by typer, with its fixed English labels in French."""
    for pattern, replacement in _HELP_LABELS:
        text = pattern.sub(replacement, text)
    return text


def asks_for_help(args: list[str]) -> bool:
    """Whether the command line asks for a help page (`-h` or `--help` before any `--`)."""
    words = args[: args.index("--")] if "--" in args else args
    return "-h" in words or "--help" in words


def is_usage_error(exc: BaseException) -> bool:
    """Whether typer raised it about the command line (click's UsageError and kin)."""
    return any(kind.__name__ == "UsageError" for kind in type(exc).__mro__)


def french(exc: Any) -> tuple[str, str | None]:
    """(message, hint) for a usage error."""
    kind = type(exc).__name__
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    command = _command_path(exc)
    help_hint = f"« {command} --help » décrit la commande"
    if kind == "NoSuchOption":
        close = [p for p in getattr(exc, "possibilities", None) or [] if p]
        hint = f"vouliez-vous dire {_or(close)} ? " if close else ""
        return f"option inconnue : {exc.option_name}", hint + help_hint
    if kind == "BadOptionUsage":
        if "requires an argument" in message:
            return f"l'option {exc.option_name} attend une valeur", help_hint
        if "does not take a value" in message:
            return f"l'option {exc.option_name} ne prend pas de valeur", help_hint
    if kind == "MissingParameter":
        return f"il manque {_name(exc)}", help_hint
    if kind == "BadParameter":
        choice = _NOT_ONE_OF.search(message)
        if choice is not None:
            choices = ", ".join(c.strip(" '") for c in choice["choices"].split(","))
            return (
                f"valeur « {choice['value']} » invalide pour {_name(exc)}",
                f"les valeurs possibles sont : {choices}",
            )
        return f"valeur invalide pour {_name(exc)} : {message}", help_hint
    unknown = _NO_COMMAND.search(message)
    if unknown is not None:
        close = [c.strip(" '") for c in (unknown["close"] or "").split(",") if c.strip()]
        hint = f"vouliez-vous dire {_or(close)} ? " if close else ""
        return f"commande inconnue : « {unknown['name']} »", hint + "« clsm --help » les liste"
    extra = _EXTRA.search(message)
    if extra is not None:
        return f"argument en trop : {extra['extra']}", help_hint
    return f"ligne de commande invalide : {message}", help_hint


def usage_line(exc: Any) -> str | None:
    """`Utilisation : clsm validate [OPTIONS] [CHEMIN]…`, when typer knows the command."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return _usage_of(_command_path(exc))
    return french_usage(ctx.get_usage())


def _usage_of(command_path: str) -> str | None:
    """The usage line of `clsm NAME`, for a mistake click raised without its context."""
    import typer

    from .app import app

    words = command_path.split()
    group = typer.main.get_command(app)
    root = typer.Context(group, info_name=words[0])
    command = group.get_command(root, words[1]) if len(words) > 1 else group  # type: ignore[attr-defined]
    if command is None:
        return None
    ctx = typer.Context(command, info_name=words[-1], parent=root) if len(words) > 1 else root
    return french_usage(command.get_usage(ctx))


def _command_path(exc: Any) -> str:
    """`clsm report`: the command the mistake is about. click leaves `ctx` empty for an option
    given without its value (`clsm report -f`): the command is then the first word of the
    command line that is not an option (clsm's own options take no value)."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        return str(ctx.command_path)
    words = [word for word in sys.argv[1:] if not word.startswith("-")]
    return f"clsm {words[0]}" if words else "clsm"


def _name(exc: Any) -> str:
    param = getattr(exc, "param", None)
    if param is None:
        return "un paramètre"
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    if opts:
        return "l'option " + " / ".join(opts)
    return f"l'argument {getattr(param, 'metavar', None) or param.name.upper()}"


def _or(words: list[str]) -> str:
    quoted = [f"« {w} »" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]
