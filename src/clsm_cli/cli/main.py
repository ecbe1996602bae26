"""The `clsm` entry point, and `clsm validate`'s common forms without typer.

`clsm validate` runs on every save and in every pre-commit hook. Importing typer and
building its commands costs ~45 ms, a fifth of a run on a typical plan, so the everyday
forms

    clsm validate [CHEMIN]... [--strict] [--format|-f text|json|github]

are read here and run directly. Everything else — `--help`, other commands, any option
this reader does not know, a malformed line — goes to the typer application (app.py),
which defines every command, its help and its usage errors. Both roads read validate's
options from options.py and run the same `run.run_validate`; tests check that they print
the same thing.

Like app.py and run.py, this module talks to the terminal; the rest of clsm never prints.
"""

import contextlib
import gc
import io
import os
import sys
import types
from pathlib import Path

from ..formats import ProblemFormat
from ..helpers import leave_with_exit
from ..loader import ahead
from ..problems import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ClsmError
from .entry import interrupted
from .options import PROBLEM_FORMAT, STRICT
from .run import guarded, run_validate, say_error


def quick_validate(args: list[str]) -> tuple[list[Path], ProblemFormat, bool] | None:
    """`validate`'s arguments when they are of the everyday forms; None sends to typer.

    The options are those app_files.py declares, read from options.py."""
    if not args or args[0] != "validate":
        return None
    paths: list[Path] = []
    output_format, strict = ProblemFormat.TEXT, False
    tokens = iter(args[1:])
    for token in tokens:
        if token in STRICT.names:
            strict = True
        elif PROBLEM_FORMAT.matches(token):
            value = token.partition("=")[2] if "=" in token else next(tokens, "")
            if value not in {f.value for f in ProblemFormat}:
                return None
            output_format = ProblemFormat(value)
        elif token.startswith("-") or not token:
            return None
        else:
            paths.append(Path(token))
    return paths, output_format, strict


def main() -> None:
    """Entry point of the `clsm` script and of `python -m clsm_cli`."""
    # clsm's models use no pydantic plugin; looking for one scans every installed package.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _spare_plugin_loader()
    quick = quick_validate(sys.argv[1:])
    if quick is not None:
        sys.exit(guarded(lambda: run_validate(*quick)))
    sys.exit(guarded(_typer_app))


def _spare_plugin_loader() -> None:
    """Spare every command pydantic's plugin loader (~30 ms of a `validate` of a typical plan,
    ~25 ms of a report or an evaluation).

    Even with plugins disabled, building the first model imports it, and it imports
    importlib.metadata (email, socket, calendar…). Plugins being disabled above, a loader that
    finds none says the same; any other name pydantic asks of it is taken from the real module.
    """
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return

    def real(attribute: str) -> object:
        if attribute.startswith("__"):  # the import system asking what kind of module it is
            raise AttributeError(attribute)
        del sys.modules[name]
        import importlib

        return getattr(importlib.import_module(name), attribute)

    loader = types.ModuleType(name)
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # no plugin
    loader.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[name] = loader


def _typer_app() -> int:
    """The typer application, its command-line mistakes said in French (usage.py)."""
    import typer

    from .app import app
    from .usage import asks_for_help, french, french_help, is_usage_error, usage_line

    try:
        if asks_for_help(sys.argv[1:]):
            page = io.StringIO()
            with contextlib.redirect_stdout(page):
                code = app(standalone_mode=False, prog_name="clsm")
            sys.stdout.write(french_help(page.getvalue()))
        else:
            code = app(standalone_mode=False, prog_name="clsm")
    except typer.Abort:  # Ctrl-C or end of input at a prompt
        return interrupted()
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
    if code == _TYPER_INTERRUPTED:
        return interrupted()
    return code if isinstance(code, int) else EXIT_OK


_TYPER_INTERRUPTED = 130
"""What typer returns, saying nothing, for a Ctrl-C during a command (typer/core.py)."""


_READ_WHOLE_TERRITORIES = frozenset({"validate", "report", "evaluation", "export", "collecte"})
"""The commands that start by reading every file of their territories (`load_dossier`)."""


def script() -> None:
    """The `clsm` script and `python -m clsm_cli`: `main` without the cyclic garbage
    collector, then leave at once.

    clsm's commands are short and make almost no reference cycles, but allocate millions of
    objects, over which the collector kept walking: without it a bilan of 2,000 actions takes
    a third less time (3.4 → 2.2 s on a loaded machine), `validate` of a typical plan ~25 ms
    less, and the peak memory of every command measured (validate of 260 territories,
    report, evaluation, export, import, collecte, fmt) stays within a few megabytes. Only
    the process is concerned: `main` called in-process (the tests) keeps it.
    Tearing the heap down object by object takes ~0.2 s after a report of 2,000 actions;
    like mypy, clsm flushes its output and ends the process without it. The territory files
    named on the command line are read ahead in a second process (`loader.ahead`), which is
    ended before clsm leaves, also after a Ctrl-C (said in a word, without a traceback).
    """
    gc.disable()
    leave_with_exit()  # what the command holds goes with the process (os._exit below)
    sys.unraisablehook = _unraisable
    _open_closed_streams()
    try:
        if sys.argv[1:2] and sys.argv[1] in _READ_WHOLE_TERRITORIES:
            ahead.start(sys.argv[2:])  # files parsed beside the imports (loader/ahead.py)
        main()
        code = EXIT_OK
    except SystemExit as exc:
        if isinstance(exc.code, int) or exc.code is None:
            code = exc.code or EXIT_OK
        else:
            print(exc.code, file=sys.stderr)
            code = EXIT_PROBLEMS
    except KeyboardInterrupt:
        code = interrupted()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to say
            stream.flush()
    ahead.stop()  # a file read ahead that the command did not ask for
    os._exit(code)


def _unraisable(unraisable: "sys.UnraisableHookArgs") -> None:
    """A Ctrl-C where Python cannot raise it: in a callback of the import system's module
    locks, while a command imports. It printed « Exception ignored in … Traceback … » and
    was lost, the command going on. It is said in a word, the helpers are ended and the
    process leaves, as after any Ctrl-C; anything else goes to Python's own hook."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        ahead.stop()
        charts = sys.modules.get("clsm_cli.bilan.writers.charts")
        if charts is not None:
            charts.stop_drawing()
        os._exit(interrupted())
    sys.__unraisablehook__(unraisable)


def _open_closed_streams() -> None:
    """A standard stream its caller closed (`clsm validate >&-`) is None in Python: it is
    opened on the null device, so that what clsm says there goes nowhere instead of ending
    in an internal error, and so that no pipe of clsm's own takes its descriptor."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115
