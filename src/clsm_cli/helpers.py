"""The helper processes clsm forks beside a command (the reader ahead, loader/ahead.py; the
chart worker, bilan/writers/charts.py; the copy that makes a long table,
bilan/writers/beside.py): what starting one safely takes; and what the `clsm` process, which
leaves with `os._exit` once its command is done, need not tidy up before it goes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

_kept: list[object] | None = None
"""What the `clsm` process keeps until it leaves (`keep_until_exit`); None in a process that
goes on after a command (`main` called in-process: the tests)."""


def forkable() -> bool:
    """Whether a helper can work beside the command: Linux (fork), and a second core."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2


@contextlib.contextmanager
def interruption_held() -> Iterator[None]:
    """Hold Ctrl-C while a helper is forked: the command then knows the helper before a
    Ctrl-C can interrupt it (and ends it, whatever happens), and the helper, which inherits
    the hold, sets its own handling before any Ctrl-C reaches it."""
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def leave_with_exit() -> None:
    """Say that this process ends with `os._exit` once its command is done (`cli.main.script`,
    after flushing its output): what it holds then goes with it, untidied."""
    global _kept
    if _kept is None:
        _kept = []


def keep_until_exit(value: object) -> None:
    """Keep a command's large data until the process leaves, when it leaves with `os._exit`:
    freed object by object as the command returns, the models of a 2,000-action plan took
    ~25 ms, for nothing. Elsewhere (the tests run many commands in one process) nothing is
    kept."""
    if _kept is not None:
        _kept.append(value)
