"""Large files read ahead, in a second process, while this one imports what its command needs.

A command on a large plan (a 7 MB plan of 2,000 actions) spends ~0.4 s importing typer,
pydantic, Jinja and Babel before it reads a file, then ~0.4 s parsing the plan. With two
cores, `start` forks a reader as soon as the process starts: it parses the large YAML files
the command line names (`quick.read_quickly`, the same values) and sends them back pickled;
`load_file` takes a file's values from it when the bytes it reads are those the reader read
(same digest), and parses the file itself otherwise. Files under `LARGE` bytes (every
ordinary plan) are not worth a process: nothing is forked for them.

Only the `clsm` process does this (`cli/main.script`), on Linux with two cores or more;
`main` called in-process (the tests) and other systems read every file themselves.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import Any, BinaryIO

LARGE = 1024 * 1024
"""Files from this size up are read ahead (a 40-action plan is ~130 KB)."""
_MOST = 8
"""At most this many files, the largest first."""

_pipe: BinaryIO | None = None
_reader = 0
"""The reader's process id, while it may still send something."""
_awaited: set[str] = set()
_received: dict[str, tuple[bytes, Any]] = {}


def _digest(raw: bytes) -> bytes:
    import hashlib  # not on `clsm validate`'s road when nothing is read ahead

    return hashlib.blake2b(raw, digest_size=16).digest()


def _territory_files(root: Path) -> list[Path]:
    """A territory's files as `validation.dossier` reads them: its own and its activite/'s
    (an archive folder beside them is not read, so not read ahead)."""
    return [*root.glob("*.y*ml"), *(root / "activite").glob("*.y*ml")]


def _large_files(args: list[str]) -> list[Path]:
    """The large files of the territories a command line names: a territory's folder, a
    folder of territories (one level down) or a file; the largest first, none larger than
    the loader reads."""
    from . import MAX_FILE_BYTES

    found: dict[str, Path] = {}
    for arg in args:
        path = Path(arg)
        if arg.startswith("-") or not path.exists():
            continue
        if path.is_file():
            candidates = [path]
        elif (path / "clsm.yaml").is_file():
            candidates = _territory_files(path)
        else:
            roots = [sub for sub in path.iterdir() if (sub / "clsm.yaml").is_file()]
            candidates = [p for root in roots for p in _territory_files(root)]
        for p in candidates:
            if p.suffix.lower() in (".yaml", ".yml") and p.is_file():
                found.setdefault(str(p.resolve()), p)
    sized = [(p.stat().st_size, key) for key, p in found.items()]
    chosen = sorted((s, k) for s, k in sized if LARGE <= s <= MAX_FILE_BYTES)
    return [Path(key) for _, key in reversed(chosen[-_MOST:])]


def start(args: list[str]) -> None:
    """Fork a reader for the large files the command line names, if there are any."""
    global _pipe, _reader
    if _pipe is not None or not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2:
        return
    try:
        files = _large_files(args)
    except OSError:
        return
    if not files:
        return
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the reader: nothing of the terminal's, so that no one waits for it
        os.close(read)
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        _read_ahead(files, write)
    os.close(write)
    _pipe, _reader = os.fdopen(read, "rb"), pid
    _awaited.update(str(f) for f in files)


def _read_ahead(files: list[Path], write: int) -> None:
    """In the reader: parse each file and send (path, digest, values); then leave."""
    import pickle

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from .encoding import decode
    from .quick import read_quickly

    try:
        with os.fdopen(write, "wb") as out:
            for path in files:
                raw = path.read_bytes()
                text, _ = decode(raw, str(path))
                quick, root = read_quickly(text) if text is not None else (False, None)
                values = root if quick else None
                pickle.dump((str(path), _digest(raw), values), out, pickle.HIGHEST_PROTOCOL)
                out.flush()
    except BaseException:  # noqa: BLE001 - the parent reads the file itself
        pass
    os._exit(0)


def values(path: Path, raw: bytes) -> Any:
    """The values the reader found in these bytes of `path`; None to parse them here (not
    read ahead, read differently, changed since, or the reader is gone)."""
    global _pipe
    key = str(path.resolve()) if _awaited else ""
    if key not in _awaited:
        return None
    import pickle

    while key not in _received and _pipe is not None:
        try:
            name, digest, found = pickle.load(_pipe)  # our own reader's, through a pipe
        except Exception:  # noqa: BLE001 - the reader died or was cut short
            stop()
            return None
        _received[name] = (digest, found)
    _awaited.discard(key)
    digest, found = _received.pop(key, (b"", None))
    if not _awaited:
        stop()
    return found if found is not None and digest == _digest(raw) else None


def stop() -> None:
    """Forget the reader: close its pipe, end it if it is still reading (a command that did
    not ask for every file), collect its exit."""
    global _pipe, _reader
    if _pipe is not None:
        _pipe.close()
    if _reader:
        with contextlib.suppress(ProcessLookupError):
            os.kill(_reader, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(_reader, 0)
    _pipe, _reader = None, 0
    _awaited.clear()
    _received.clear()
