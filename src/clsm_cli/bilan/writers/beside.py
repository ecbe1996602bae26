"""One block of a shipped template rendered in a second process while this one renders the
others.

The evaluation of a 2,000-action plan spends half of its rendering in one block, the
tracking table of its thousands of indicators, while the second core waits. When the block
comes up, this process forks: the copy renders the block and sends its text through a pipe,
while this process writes a mark in its place and goes on with the blocks after it; the
text takes the place of the mark at the end. Only clsm's own templates are rendered so
(a user's template could share state between its blocks, a `namespace()`, that a copy would
not give back), only on Linux with two cores or more. If anything goes wrong — the block
fails, the copy dies — the whole document is rendered again in this process, where an error
shows as it is.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2

from ...resources import SHIPPED

_MARK = "\x00clsm:bloc\x00"
"""Where the block goes: a character no file, hence no text of the document, may hold."""


def possible(template: jinja2.Template, block: str) -> bool:
    """Whether `block` of this template can be rendered beside: a shipped template that has
    it, on Linux, with a second core."""
    if block not in template.blocks or template.filename is None:
        return False
    if not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return False
    return Path(template.filename).parent == SHIPPED


def render(template: jinja2.Template, variables: dict[str, Any], block: str) -> str:
    """The template rendered, `block` in a forked copy of this process (see `possible`)."""
    copy = _Copy(block)
    context = template.new_context(variables)
    context.blocks[block] = [copy.block, *context.blocks.get(block, [])]
    try:
        text = template.environment.concat(template.root_render_func(context))
        rendered = copy.text()
    except Exception:  # noqa: BLE001 - rendered again below, where the error shows as it is
        rendered = None
    finally:
        copy.end()
    if rendered is None or text.count(_MARK) != 1:
        return template.render(**variables)
    return text.replace(_MARK, rendered)


class _Copy:
    """The forked copy that renders one block, and its pipe."""

    def __init__(self, block: str) -> None:
        self.name = block
        self.pid: int | None = None
        self.pipe: int | None = None
        self.started = False

    def block(self, context: jinja2.runtime.Context) -> Iterator[str]:
        """Jinja's call of the block: the first time, fork, and the mark here; again (a
        `self.bloc()`), the block itself."""
        stack = context.blocks[self.name]
        real = stack[stack.index(self.block) + 1]
        if self.started:
            return iter(real(context))
        self.started = True
        from ...helpers import interruption_held

        read, write = os.pipe()
        with interruption_held():  # known, to be ended (`end`)
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the copy, which leaves by os._exit
            os.close(read)
            try:
                payload = b"1" + context.environment.concat(real(context)).encode()
            except BaseException:  # noqa: BLE001 - the parent renders it again
                payload = b"0"
            try:
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(0)
        os.close(write)
        self.pid, self.pipe = pid, read
        return iter([_MARK])

    def text(self) -> str | None:
        """The block as the copy rendered it; None if it failed or died."""
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
