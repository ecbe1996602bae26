"""A long part of a document computed in a second process while this one writes the others.

The DOCX evaluation of a 2,000-action plan spent more than half of its writing on one
table, the tracking table of its thousands of indicators (14 MB of XML), while the second
core waited. A forked copy of the process (`Copy`) now makes that table's XML and sends it
through a pipe, while this process writes the other parts; the table takes its place when
the document is saved (`wordml.WordBody.later`). Only on Linux with two cores or more
(`helpers.forkable`); if the copy fails or no process can be had, the table is made here.

The same was tried for the HTML's tracking table block (a copy rendering a Jinja block):
faster in one process (0.43 → 0.32 s), nothing gained for the whole command, and 0.25 s
more of processor, the second core being busy importing matplotlib then (benchmarks/README).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable


def _compute_and_leave(compute: Callable[[], str], read: int, write: int) -> None:
    """In the copy, Ctrl-C still held: ignore it (the parent handles it, and ends the copy),
    let go of the terminal (nobody waits on a copy whose parent is gone; nothing written
    twice), compute, send, leave."""
    import signal

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.close(read)
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - not the parent's (nor its locks), open until os._exit
        try:
            payload = b"1" + compute().encode()
        except BaseException:  # noqa: BLE001 - the parent computes it again
            payload = b"0"
        with os.fdopen(write, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)


class Copy:
    """A forked copy of this process computing one text, and the pipe it sends it through.

    What `compute` changes in the copy stays there: it must only read, and write its text."""

    def __init__(self, compute: Callable[[], str]) -> None:
        from ...helpers import interruption_held

        read, write = os.pipe()
        try:
            with interruption_held():  # known, to be ended (`end`)
                pid = os.fork()
                if pid == 0:  # pragma: no cover - the copy, which leaves by os._exit
                    _compute_and_leave(compute, read, write)
        except OSError:  # no process to spare: the caller computes it
            os.close(read)
            os.close(write)
            raise
        os.close(write)
        self.pid: int | None = pid
        self.pipe: int | None = read

    def text(self) -> str | None:
        """The text as the copy computed it; None if it failed or died."""
        if self.pipe is None:
            return None
        with os.fdopen(self.pipe, "rb") as pipe:
            self.pipe = None
            payload = pipe.read()
        return payload[1:].decode() if payload[:1] == b"1" else None

    def end(self) -> None:
        """Close the pipe, end the copy if it still runs (an error, a Ctrl-C), collect it."""
        if self.pipe is not None:
            os.close(self.pipe)
            self.pipe = None
        if self.pid is not None:
            import signal

            with contextlib.suppress(ProcessLookupError):  # already gone
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
