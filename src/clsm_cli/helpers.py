"""The helper processes clsm forks beside a command (the reader ahead, loader/ahead.py; the
chart worker, bilan/writers/charts.py; the copy that makes a long table,
bilan/writers/beside.py): what starting one safely takes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


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
