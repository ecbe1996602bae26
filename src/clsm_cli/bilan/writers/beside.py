"""A long part of a document computed in a second process while this one writes the others:
a block of a shipped template (HTML), a table (Word).

The evaluation of a 2,000-action plan spends half of its rendering in one block, the
tracking table of its thousands of indicators, while the second core waits. When the block
comes up, this process forks: the copy renders the block and sends its text through a pipe,
while this process writes a mark in its place and goes on with the blocks after it; the
text takes the place of the mark at the end. The Word writer does the same with the
tracking table's XML (`wordml.WordBody.later`). Only clsm's own templates are rendered so
(a user's template could share state between its blocks, a `namespace()`, that a copy would
not give back), only on Linux with two cores or more. If anything goes wrong — the block
fails, the copy dies — the whole document is rendered again in this process, where an error
shows as it is.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2

from ...helpers import forkable
from ...resources import SHIPPED

_MARK = "\x00clsm:bloc\x00"
"""Where the block goes: a character no file, hence no text of the document, may hold."""


def possible(template: jinja2.Template, block: str) -> bool:
    """Whether `block` of this template can be rendered beside: a shipped template that has
    it, where a copy can work (`forkable`)."""
    if block not in template.blocks or template.filename is None or not forkable():
        return False
    return Path(template.filename).parent == SHIPPED


def render(template: jinja2.Template, variables: dict[str, Any], block: str) -> str:
    """The template rendered, `block` in a forked copy of this process (see `possible`)."""
    copies: list[Copy] = []

    def block_beside(context: jinja2.runtime.Context) -> Iterator[str]:
        """Jinja's call of the block: the first time, the copy renders it and the mark stands
        here; again (a `self.bloc()`), the block itself."""
        stack = context.blocks[block]
        real = stack[stack.index(block_beside) + 1]
        if copies:
            return iter(real(context))
        copies.append(Copy(lambda: context.environment.concat(real(context))))
        return iter([_MARK])

    context = template.new_context(variables)
    context.blocks[block] = [block_beside, *context.blocks.get(block, [])]
    try:
        text = template.environment.concat(template.root_render_func(context))
        rendered = copies[0].text() if copies else None
    except Exception:  # noqa: BLE001 - rendered again below, where the error shows as it is
        rendered = None
    finally:
        for copy in copies:
            copy.end()
    if rendered is None or text.count(_MARK) != 1:
        return template.render(**variables)
    return text.replace(_MARK, rendered)


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
