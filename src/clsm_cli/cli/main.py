"""The `clsm` entry point, and `clsm validate`'s common forms without typer.

`clsm validate` runs on every save and in every pre-commit hook. Importing typer and
building its commands costs ~45 ms, a fifth of a run on a typical plan, so the everyday
forms

    clsm validate [CHEMIN]... [--strict] [--format|-f text|json|github]

are read here and run directly. Everything else — `--help`, other commands, any option
this reader does not know, a malformed line — goes to the typer application (cli.py),
which defines every command, its help and its usage errors. Both roads run the same
`run_validate`, and tests check that they print the same thing.

Like cli.py, this module talks to the terminal; the rest of clsm never prints.
"""

import contextlib
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..problems import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ClsmError

FORMATS = ("text", "json", "github")


PAR_DEFAUT = "plans/, sinon le territoire où l'on se trouve, sinon ceux du dossier courant"
"""What the commands take when no path is given, as their help says it (see `default_paths`)."""


def default_paths(paths: list[Path], command: str = "validate") -> list[Path]:
    """The paths given; else plans/; else the territory the current folder is in (a
    clsm.yaml here or above: `clsm validate` typed inside `activite/`); else the current
    folder when territories lie below it (a folder of territories may be named anything)."""
    if paths:
        return paths
    if Path("plans").is_dir():
        return [Path("plans")]
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "clsm.yaml").is_file():
            return [Path(os.path.relpath(folder))]
    from ..validation.dossier import IGNORED_DIRS

    below = (p for p in Path(".").rglob("clsm.yaml") if not IGNORED_DIRS.intersection(p.parts[:-1]))
    if next(below, None) is not None:
        return [Path(".")]
    raise ClsmError(
        "aucun territoire ici : ni fichier clsm.yaml dans ce dossier, au-dessus ou en dessous,"
        " ni dossier plans/",
        hint=f"indiquez le dossier du territoire : clsm {command} mon-territoire",
        exit_code=EXIT_USAGE,
    )


def run_validate(paths: list[Path], output_format: str, strict: bool) -> int:
    """Validate, print the report on stdout; the exit code."""
    from ..validation.pipeline import validate_paths
    from ..validation.reporters import REPORTERS

    validation = validate_paths(default_paths(paths), keep=False)
    color = output_format == "text" and sys.stdout.isatty()
    reporter = REPORTERS[output_format](sys.stdout, validation.line, color)
    reporter.report(validation.report, strict)
    return EXIT_OK if validation.report.valid(strict) else EXIT_PROBLEMS


def say_error(exc: ClsmError) -> None:
    """A ClsmError as the user reads it, on stderr."""
    print(f"clsm : {exc.message}", file=sys.stderr)
    if exc.hint:
        print(f"aide : {exc.hint}", file=sys.stderr)


def quick_validate(args: list[str]) -> tuple[list[Path], str, bool] | None:
    """`validate`'s arguments when they are of the everyday forms; None sends to typer."""
    if not args or args[0] != "validate":
        return None
    paths: list[Path] = []
    output_format, strict = "text", False
    tokens = iter(args[1:])
    for token in tokens:
        if token == "--strict":
            strict = True
        elif token in ("--format", "-f") or token.startswith("--format="):
            value = token.partition("=")[2] if "=" in token else next(tokens, "")
            if value not in FORMATS:
                return None
            output_format = value
        elif token.startswith("-") or not token:
            return None
        else:
            paths.append(Path(token))
    return paths, output_format, strict


def guarded(function: Callable[[], int]) -> int:
    """Run a command; a bug of clsm's own still ends in French and an exit code.

    CLSM_DEBUG=1 shows the traceback for whoever fixes it.
    """
    try:
        return function()
    except ClsmError as exc:
        say_error(exc)
        return exc.exit_code
    except BrokenPipeError:  # `clsm validate | head`: the reader has left, nothing to say
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except Exception as exc:  # last resort: typer has already handled usage errors
        if os.environ.get("CLSM_DEBUG"):
            raise
        print(f"clsm : erreur interne ({exc.__class__.__name__} : {exc})", file=sys.stderr)
        print(
            "aide : ce n'est pas dû à vos fichiers ; relancez avec CLSM_DEBUG=1 et signalez"
            " le message complet",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS


def main() -> None:
    """Entry point of the `clsm` script and of `python -m clsm_cli`."""
    # clsm's models use no pydantic plugin; looking for one scans every installed package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    quick = quick_validate(sys.argv[1:])
    if quick is not None:
        sys.exit(guarded(lambda: run_validate(*quick)))
    sys.exit(guarded(_typer_app))


def _typer_app() -> int:
    """The typer application, its command-line mistakes said in French (usage.py)."""
    import typer

    from .app import app
    from .usage import asks_for_help, french, french_help, is_usage_error, usage_line

    try:
        if asks_for_help(sys.argv[1:]):
            page = io.StringIO()
            with contextlib.redirect_stdout(page):
                code = app(standalone_mode=False)
            sys.stdout.write(french_help(page.getvalue()))
        else:
            code = app(standalone_mode=False)
    except typer.Abort:  # Ctrl-C or end of input at a prompt
        print("clsm : interrompu", file=sys.stderr)
        return EXIT_PROBLEMS
    except typer.TyperException as exc:
        if not is_usage_error(exc):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":  # `clsm` alone: the help, as click does
            print(french_help(exc.ctx.get_help()), file=sys.stderr)  # type: ignore[attr-defined]
            return EXIT_USAGE
        line = usage_line(exc)
        if line:
            print(line, file=sys.stderr)
        message, hint = french(exc)
        say_error(ClsmError(message, hint=hint))
        return EXIT_USAGE
    return code if isinstance(code, int) else EXIT_OK


def script() -> None:
    """The `clsm` script and `python -m clsm_cli`: `main`, then leave at once.

    Tearing the heap down object by object takes ~0.2 s after a report of 2,000 actions;
    like mypy, clsm flushes its output and ends the process without it.
    """
    try:
        main()
        code = EXIT_OK
    except SystemExit as exc:
        if isinstance(exc.code, int) or exc.code is None:
            code = exc.code or EXIT_OK
        else:
            print(exc.code, file=sys.stderr)
            code = EXIT_PROBLEMS
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to say
            stream.flush()
    os._exit(code)
