"""The `clsm` script's first step (and `python -m clsm_cli`'s): import the command line, then
run it (`cli.main.script`).

A Ctrl-C while the command line is imported (its first ~0.1 s) is said in a word, like one
during the command, instead of a traceback of Python's import machinery.
"""

from __future__ import annotations

import gc
import os
import sys


def script() -> None:
    gc.disable()  # as `cli.main.script` says, from the first import on (~3 ms of collections)
    try:
        from .main import script as run
    except KeyboardInterrupt:
        os._exit(interrupted())
    run()


def interrupted() -> int:
    """Ctrl-C: said in a word, without a traceback; the exit code."""
    from ..problems import EXIT_PROBLEMS

    print("clsm : interrompu", file=sys.stderr, flush=True)
    return EXIT_PROBLEMS
