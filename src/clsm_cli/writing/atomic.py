"""Writes that never leave a half-written file: temp file in the same folder, fsync, rename.

On any failure (disk full, no permission, interruption) the target keeps its old content
and the temporary file is removed. A target the user made read-only is not replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from ..problems import ClsmError

_REASONS = {
    errno.ENOSPC: "le disque est plein",
    errno.EDQUOT: "le quota du disque est atteint",
    errno.EFBIG: "le fichier dépasse la taille permise",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
}


def _failure(path: Path, exc: OSError) -> ClsmError:
    reason = _REASONS.get(exc.errno or 0, exc.strerror or exc.__class__.__name__)
    return ClsmError(
        f"écriture impossible de {path} : {reason} ; le fichier existant n'a pas été modifié",
        hint="libérez de la place ou vérifiez les droits du dossier, puis relancez",
    )


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping its permissions if it exists."""
    folder = path.parent
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    no_write_bit = mode is not None and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    if mode is not None and (no_write_bit or not os.access(path, os.W_OK)):
        raise ClsmError(
            f"{path} est en lecture seule : il n'a pas été modifié",
            hint="retirez la protection en écriture si vous voulez le remplacer",
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _failure(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise _failure(path, exc) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_text(path: Path, text: str) -> None:
    """Replace `path` with UTF-8 `text` atomically."""
    write_bytes(path, text.encode("utf-8"))
