"""A territory's files read ahead, in a second process, while this one imports what its
command needs.

A command spends its first ~0.25 s (a `validate`) to ~0.4 s (a report, an evaluation)
importing pydantic, and typer, Jinja or Babel, before it reads a file; then it parses its
files (~0.4 s for a 7 MB plan of 2,000 actions, ~15 ms for a typical plan). With two cores,
`start` forks a reader as soon as the process starts: it parses the territory files the
command line names (`quick.read_quickly`, the same values) and sends them back pickled;
`load_file` takes a file's values from it when the bytes it reads are those the reader read
(same digest), and parses the file itself otherwise.

A territory with `LARGE` files has only those read ahead: this process reads the small ones
meanwhile. Otherwise the reader reads every file, then their positions (`guarded.Builder`,
what `SourceMap.locate` would read), which this process takes only if a problem is to be
located; so it never imports PyYAML itself, and a `validate` of a typical plan ends ~8 %
sooner, with or without errors, for ~70 ms of the second core.

Only the `clsm` process does this (`cli/main.script`), on Linux with two cores or more;
`main` called in-process (the tests) and other systems read every file themselves.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, BinaryIO

_MOST = 32
"""At most this many files, the largest first: every file of a territory with twenty years
of activity; of a folder of territories, the largest (the rest is read here)."""
LARGE = 1024 * 1024
"""A file from this size up is read ahead alone, without its positions: a 40-action plan is
~130 KB; the positions of a 7 MB plan would cost the second core seconds."""

_VALUES, _POSITIONS = "values", "positions"
"""What the reader sends of a file: (what, key, digest, found)."""

_pipe: BinaryIO | None = None
_reader = 0
"""The reader's process id, while it may still send something."""
_awaited: set[tuple[str, str]] = set()
"""(what, key) the reader is to send and this process has not taken yet."""
_received: dict[tuple[str, str], tuple[bytes, Any]] = {}


def _digest(raw: bytes) -> bytes:
    import hashlib  # not on `clsm validate`'s road when nothing is read ahead

    return hashlib.blake2b(raw, digest_size=16).digest()


def _territory_files(root: Path) -> list[Path]:
    """A territory's files as `validation.dossier` reads them: its own and its activite/'s
    (an archive folder beside them is not read, so not read ahead)."""
    return [*root.glob("*.y*ml"), *(root / "activite").glob("*.y*ml")]


def _files(args: list[str]) -> list[tuple[Path, int]]:
    """The files of the territories a command line names, and their sizes: a territory's
    folder, a folder of territories (one level down) or a file; the largest first, none
    larger than the loader reads. When some are `LARGE`, only those: this process reads the
    others meanwhile, instead of waiting for the reader to parse them after the large ones."""
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
    readable = [(size, key) for size, key in sized if size <= MAX_FILE_BYTES]
    chosen = sorted([(size, key) for size, key in readable if size >= LARGE] or readable)
    return [(Path(key), size) for size, key in reversed(chosen[-_MOST:])]


def start(args: list[str]) -> None:
    """Fork a reader for the territory files the command line names, if there are any."""
    from ..helpers import forkable

    if _pipe is not None or not forkable():
        return
    try:
        sized = _files(args)
    except OSError:
        return
    if not sized:
        return
    files = [path for path, _ in sized]
    located = [path for path, size in sized if size < LARGE]
    from ..helpers import interruption_held

    with interruption_held():  # the clsm process knows the reader, to end it (`stop`)
        _fork(files, located)


def _fork(files: list[Path], located: list[Path]) -> None:
    """Start the reader of these files, and of the positions of those `located`; none when
    the system has no process or descriptor to spare (this process then reads every file)."""
    global _pipe, _reader
    import signal

    try:
        read, write = os.pipe()
    except OSError:
        return
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return
    if pid == 0:  # the reader, which never returns; nothing of the terminal's, so that no
        try:  # one waits for it; Ctrl-C is the parent's to handle
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            os.close(read)
            quiet = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(quiet, fd)
            _read_ahead(files, write)
        finally:
            os._exit(0)
    os.close(write)
    _pipe, _reader = os.fdopen(read, "rb"), pid
    _awaited.update((_VALUES, str(f)) for f in files)
    _awaited.update((_POSITIONS, str(f)) for f in located)


def _read_ahead(files: list[Path], write: int) -> None:
    """In the reader: parse each file and send its values; then the positions of those under
    `LARGE` bytes read quickly; then leave."""
    import pickle

    from .encoding import decode
    from .quick import read_quickly

    located: list[tuple[str, bytes, str]] = []
    try:
        with os.fdopen(write, "wb") as out:
            for path in files:
                raw = path.read_bytes()
                text, _ = decode(raw, str(path))
                quick, root = read_quickly(text) if text is not None else (False, None)
                found = (_VALUES, str(path), _digest(raw), root if quick else None)
                _tree_pickler(out).dump(found)
                out.flush()
                if quick and text is not None and len(raw) < LARGE:
                    located.append((str(path), found[2], text))
            from . import read_positions

            for key, digest, text in located:
                positions = read_positions(text)
                pickle.dump((_POSITIONS, key, digest, positions), out, pickle.HIGHEST_PROTOCOL)
                out.flush()
    except BaseException:  # noqa: BLE001 - the parent reads the file itself
        pass
    os._exit(0)


def _tree_pickler(out: BinaryIO) -> Any:
    """A pickler for a file's values: a tree of new objects (the quick reader refuses
    anchors and aliases), which nothing shares and nothing cycles through. So pickle's memo,
    which remembers every object to write a shared one once, is left out: a 7 MB plan is
    pickled in ~0.03 s instead of ~0.11 s, while the command waits for it (the values read
    back the same). `fast` is an old attribute of pickle's, documented as deprecated since
    Python 3.0 yet kept since: without it, the memo is used."""
    import pickle

    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(AttributeError):
        pickler.fast = True
    return pickler


def values(path: Path, raw: bytes) -> Any:
    """The values the reader found in these bytes of `path`; None to parse them here (not
    read ahead, read differently, changed since, or the reader is gone)."""
    found = _take(_VALUES, path)
    if found is None:
        return None
    digest, values = found
    if values is None or digest != _digest(raw):
        _awaited.discard((_POSITIONS, str(path.resolve())))  # those of other bytes
        return None
    return values


def positions(path: Path) -> Any:
    """The positions the reader found in `path`, whose values it gave (`values`); None to
    read them here (a large file, or the reader is gone)."""
    found = _take(_POSITIONS, path)
    return None if found is None else found[1]


def _take(what: str, path: Path) -> tuple[bytes, Any] | None:
    """(digest, found) as the reader sent them for `path`, waiting for them if need be;
    None if they are not to come."""
    global _pipe
    wanted = (what, str(path.resolve())) if _awaited else ("", "")
    if wanted not in _awaited:
        return None
    import pickle

    while wanted not in _received and _pipe is not None:
        try:
            sent, key, digest, found = pickle.load(_pipe)  # our own reader's, through a pipe
        except Exception:  # noqa: BLE001 - the reader died or was cut short
            stop()
            return None
        _received[sent, key] = (digest, found)
    _awaited.discard(wanted)
    taken = _received.pop(wanted, None)
    if not _awaited:
        stop()
    return taken


def stop() -> None:
    """Forget the reader: close its pipe, end it if it is still reading (a command that did
    not ask for every file), collect its exit."""
    global _pipe, _reader
    if _pipe is not None:
        _pipe.close()
    if _reader:
        import signal

        with contextlib.suppress(ProcessLookupError):
            os.kill(_reader, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(_reader, 0)
    _pipe, _reader = None, 0
    _awaited.clear()
    _received.clear()
