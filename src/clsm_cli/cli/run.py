"""What both roads of the command line share: the default paths, running `validate`, saying
an error, refusing to write from invalid files, and the last-resort guard.

With main.py and app.py, this is where clsm talks to the terminal; the rest never prints.
"""

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..formats import ProblemFormat
from ..kinds import TERRITOIRE
from ..problems import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ClsmError, Report
from .options import PAR_DEFAUT

__all__ = ["PAR_DEFAUT", "default_paths", "guarded", "refuse_or_warn", "run_validate", "say_error"]


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
        if (folder / TERRITOIRE).is_file():
            return [Path(os.path.relpath(folder))]
    from ..validation.dossier import IGNORED_DIRS

    below = (p for p in Path(".").rglob(TERRITOIRE) if not IGNORED_DIRS.intersection(p.parts[:-1]))
    if next(below, None) is not None:
        return [Path(".")]
    raise ClsmError(
        "aucun territoire ici : ni fichier clsm.yaml dans ce dossier, au-dessus ou en dessous,"
        " ni dossier plans/",
        hint=f"indiquez le dossier du territoire : clsm {command} mon-territoire",
        exit_code=EXIT_USAGE,
    )


def run_validate(paths: list[Path], output_format: ProblemFormat, strict: bool) -> int:
    """Validate, print the report on stdout; the exit code."""
    from ..validation.pipeline import validate_paths
    from ..validation.reporters import reporter_for

    validation = validate_paths(default_paths(paths), keep=False)
    color = output_format is ProblemFormat.TEXT and sys.stdout.isatty()
    reporter = reporter_for(output_format, sys.stdout, validation.line, color)
    reporter.report(validation.report, strict)
    return EXIT_OK if validation.report.valid(strict) else EXIT_PROBLEMS


def say_error(exc: ClsmError) -> None:
    """A ClsmError as the user reads it, on stderr."""
    print(f"clsm : {exc.message}", file=sys.stderr)
    if exc.hint:
        print(f"aide : {exc.hint}", file=sys.stderr)


def refuse_or_warn(
    report: Report, line: Callable[[str, int], str], what: str, refuse: bool = False
) -> None:
    """Before writing from the files: refuse on errors; otherwise say the warnings, so that
    nothing the checks found (a comment eating a title…) goes unseen into the output."""
    from ..validation.reporters import TextReporter

    if report.valid() and not refuse:
        if report.warnings:
            TextReporter(sys.stderr, line).report(report, strict=False)
        return
    TextReporter(sys.stderr, line).report(report, strict=False)
    from ..french.agreement import accorde

    refused = accorde("refusé", what)
    raise ClsmError(f"{what} {refused}, corrigez d'abord ces erreurs.", exit_code=EXIT_PROBLEMS)


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
