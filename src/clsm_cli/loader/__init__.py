"""YAML files → plain Python data plus a source map of every value's line and column.

libyaml (through PyYAML's C parser) produces the events; the values are built with
YAML 1.2 core-schema rules (`scalars`), so `no` stays a string and `12:30` is not a
number. An ordinary file is read quickly, without positions (`quick`); the guarded
builder (`guarded`) reads its positions when one is first wanted, and reads at once any
file the quick reader gives up on, refusing what plan files never need and attackers
love: anchors and aliases, tags, several documents, deep nesting. Nothing here raises:
everything wrong becomes a located `Problem`, in French (`messages`, `glued_keys`,
`comments`). This module holds what the rest of clsm uses: `Document`, `parse`,
`load_file`; `decode` (`encoding`) turns a file's bytes into text.
"""

from __future__ import annotations

import contextlib
import errno
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Gravite, Problem
from . import ahead
from .encoding import decode
from .scalars import EscapedControl, PlainDate, YamlFloat, YamlInt, resolve_plain

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Document",
    "EscapedControl",
    "Path_",
    "PlainDate",
    "SourceMap",
    "YamlFloat",
    "YamlInt",
    "decode",
    "format_path",
    "load_file",
    "parse",
    "reading_once",
    "reading_reason",
    "resolve_plain",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest file clsm reads: ten times a 2,000-action plan."""
MAX_DEPTH = 64
"""Plan files nest about ten levels deep; anything past this is a mistake or an attack."""

Path_ = tuple[str | int, ...]
"""A position in a document: mapping keys and sequence indexes from the root."""


@dataclass(slots=True)
class SourceMap:
    """Where each value (and each mapping key) of a document sits in its file.

    Files that load cleanly are read without positions (most runs never need one); the
    first `locate` reads them then, from the text kept in `pending`.
    """

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    pending: str | None = None
    """The text whose positions are still to be read."""
    read_ahead: Path | None = None
    """The file whose values came from the reader (`ahead`), which reads its positions too."""

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
        """1-based (line, column) of a path, or of its longest known prefix."""
        if self.pending is not None:
            found = ahead.positions(self.read_ahead) if self.read_ahead else None
            self.values, self.keys = found or read_positions(self.pending)
            self.pending = None
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None


@dataclass(slots=True)
class Document:
    """One file as read: its data (None when unreadable), positions and problems."""

    file: str
    data: Any = None
    source: SourceMap = field(default_factory=SourceMap)
    text: str = ""
    problems: list[Problem] = field(default_factory=list)

    def problem(
        self,
        code: str,
        message: str,
        path: Path_ = (),
        *,
        key: bool = False,
        hint: str | None = None,
        severity: Gravite = Gravite.ERREUR,
    ) -> Problem:
        """A problem located at a path of this document."""
        where = self.source.locate(path, key=key)
        line, column = where if where else (None, None)
        return Problem(
            code,
            message,
            self.file,
            line,
            column,
            format_path(path),
            hint,
            severity,
        )

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, for snippets."""
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def read_positions(
    text: str,
) -> tuple[dict[Path_, tuple[int, int]], dict[Path_, tuple[int, int]]]:
    """Where each value and each key of a text read without problems sits: (values, keys)."""
    from .guarded import Builder  # loaded when a position is first wanted

    positions = Document(file="")
    Builder(positions).run(text)
    return positions.source.values, positions.source.keys


def format_path(path: Path_) -> str:
    """`axes[0].objectifs[1].actions[2].titre`, as a reader would name it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# What YAML forbids in a stream (C0 controls but tab, LF and CR; DEL; C1 controls;
# surrogates; U+FFFE, U+FFFF), plus the YAML 1.1 line breaks NEL, LS and PS: libyaml
# would break lines there while editors and YAML 1.2 do not, shifting every position.
_FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
_ALLOWED_LATIN_1 = bytes(b for b in range(256) if not _FORBIDDEN_CHARACTER.match(chr(b)))


def _forbidden_character(text: str) -> re.Match[str] | None:
    """The first character YAML forbids in the text, if any.

    A text whose characters all fit in Latin-1 (most French texts without typographic
    apostrophes or dashes) is checked as bytes, ~6× quicker than the pattern on a large file;
    the pattern then only says where the character is."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return _FORBIDDEN_CHARACTER.search(text)
    if not raw.translate(None, _ALLOWED_LATIN_1):
        return None
    return _FORBIDDEN_CHARACTER.search(text)


_read_once: dict[str, Any] | None = None
"""While `reading_once` is in force: the values of each ordinary text read, by text."""


@contextlib.contextmanager
def reading_once() -> Iterator[None]:
    """Within this block, a text read again (the same text, under any name) takes the values
    read the first time instead of being parsed again.

    For a command that reads one text several times on its way (an import checks the file
    it would write, compares it with the file there and validates the territory with it),
    and whose code only reads the values: they are shared, not copied."""
    global _read_once
    outer = _read_once
    _read_once = {} if outer is None else outer
    try:
        yield
    finally:
        _read_once = outer


def parse(text: str, file: str, values: Any = None) -> Document:
    """Text → Document: values, positions and every problem met. `values` are the text's,
    already read by `quick.read_quickly` (`ahead`)."""
    doc = Document(file=file, text=text)
    root: Any = None
    bad = _forbidden_character(text)
    if bad is not None:
        from .messages import character_problem  # loaded for a broken file only

        doc.problems.append(character_problem(text, bad.start(), file))
    else:
        known = values
        if known is None and _read_once is not None:
            known = _read_once.get(text)
        if known is None:
            from .quick import read_quickly  # PyYAML: not needed for values read ahead

        quick, root = (True, known) if known is not None else read_quickly(text)
        if quick and known is None and _read_once is not None:
            _read_once[text] = root
        if quick:
            doc.source.pending = text
        else:
            from .guarded import Builder  # loaded for an unusual file only

            builder = Builder(doc)
            builder.run(text)
            root = builder.root
        if root is not None and "#" in text:
            from .comments import glued_comments

            doc.problems.extend(glued_comments(text, file))
    if root is None and not doc.problems:
        doc.problems.append(
            Problem("fichier-vide", "le fichier ne contient aucune donnée", file, 1, 1)
        )
    elif root is not None and not isinstance(root, dict):
        what = "une liste" if isinstance(root, list) else "une valeur seule"
        doc.problems.append(
            Problem(
                "racine-invalide",
                f"le fichier contient {what} : il doit commencer par des clés (nom: …)",
                file,
                1,
                1,
            )
        )
        root = None
    doc.data = root
    return doc


def load_file(path: Path, file: str | None = None) -> Document:
    """Read and parse one file; never raises for what the file contains."""
    name = file or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _unreadable(
                name,
                "fichier-trop-gros",
                f"le fichier fait {size / 1024 / 1024:.0f} Mo ; clsm lit au plus"
                f" {MAX_FILE_BYTES // 1024 // 1024} Mo par fichier",
                "découpez-le, ou vérifiez qu'il s'agit bien d'un fichier du plan",
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        return _unreadable(name, "fichier-illisible", "c'est un dossier, pas un fichier")
    except OSError as exc:
        return _unreadable(name, "fichier-illisible", f"lecture impossible : {reading_reason(exc)}")
    text, problems = decode(raw, name)
    if text is None:
        return Document(file=name, problems=problems)
    known = ahead.values(path, raw)
    doc = parse(text, name, known)
    if known is not None:
        doc.source.read_ahead = path
    doc.problems[:0] = problems
    return doc


_READING_REASONS = {
    errno.ENOENT: "fichier introuvable (lien cassé ?)",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ELOOP: "lien symbolique qui boucle sur lui-même",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EIO: "erreur d'entrée-sortie du disque",
}


def reading_reason(exc: OSError) -> str:
    """Why a file could not be read, in French (the system's own words are English)."""
    code = exc.errno or 0
    known = _READING_REASONS.get(code)
    if known is not None:
        return known
    return f"erreur du système ({errno.errorcode.get(code, code)})"


def _unreadable(file: str, code: str, message: str, hint: str | None = None) -> Document:
    return Document(file=file, problems=[Problem(code, message, file, hint=hint)])
