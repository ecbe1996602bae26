"""Whether clsm may replace a file: decided here for every command that writes an output.

An output of clsm's own (in the `out/` folder, or carrying clsm's mark and untouched since)
is replaced freely: it is rebuilt from the files. Anything else — a file the coordinator
wrote, or a bilan they edited in Word after clsm produced it — is replaced only with
--force, so that no one's work is lost to a mistyped `-o`.

clsm's mark: the HTML's `generator` meta, the Markdown's title line (a bilan's, an
evaluation's), the Office files' creator (and no one's save since), the PDF's file
identifier (`PDF_IDENTIFIER`, written by WeasyPrint in the trailer, the one part of its PDF
it does not compress).
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from ..problems import ClsmError

_HEAD = 4096
_TAIL = 65536
PDF_IDENTIFIER = b"clsm-bilan"
"""The first half of a clsm PDF's /ID (WeasyPrint's `pdf_identifier`), its mark."""
_PDF_MARK = b"/ID [(" + PDF_IDENTIFIER + b") ("
_MD_TITLES = (b"Bilan d'activit", "Évaluation du plan d'action".encode())
"""The titles of clsm's Markdown documents (the bilan, the evaluation), on their first line."""
_CREATOR = re.compile(rb"<dc:creator>\s*clsm\s*</dc:creator>")
_MODIFIER = re.compile(rb"<cp:lastModifiedBy>\s*([^<]*?)\s*</cp:lastModifiedBy>")
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)<")
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>([^<]*)<")


OUT = "out"
"""The folder of clsm's outputs, rebuilt from the files (and left out of git by `clsm init`)."""


def output_folder(territory: Path) -> Path:
    """Where a command writes when no -o is given.

    Typed inside a territory (its folder or one below, like `activite/`), into the
    territory's `out/`; anywhere else (a repository's root, for several territories), into
    `out/` of the current folder.
    """
    here, root = Path.cwd().resolve(), territory.resolve()
    if here == root or root in here.parents:
        return Path(os.path.relpath(root / OUT))
    return Path(OUT)


def check_replace(target: Path, force: bool, shown: str | None = None) -> None:
    """Refuse to replace a file that is not an untouched output of clsm, unless forced."""
    if not target.exists() or force or is_ours(target):
        return
    raise ClsmError(
        f"{shown or target} existe déjà et n'a pas été produit par clsm (ou a été modifié depuis)",
        hint="choisissez un autre nom avec -o, ou ajoutez --force pour le remplacer",
    )


def is_ours(path: Path) -> bool:
    """Whether replacing a file loses nothing: it is in clsm's out/ folder, or carries its mark
    (and, for Word and Excel files, was not saved by anyone since)."""
    if path.parent.name == OUT:
        return True
    suffix = path.suffix.lower()
    try:
        if suffix in (".docx", ".xlsx"):
            return _office_ours(path)
        if suffix == ".pdf":
            return _pdf_ours(path)
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    if suffix == ".html":
        return b'<meta name="generator" content="clsm">' in head
    if suffix == ".md":
        title = head.split(b"\n", 1)[0]
        return head.startswith(b"# ") and any(mark in title for mark in _MD_TITLES)
    return False


def _pdf_ours(path: Path) -> bool:
    """clsm's identifier in the PDF's last trailer, with no revision appended since (a PDF
    annotated and saved in a reader gets a second `%%EOF`)."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - _TAIL))
        tail = handle.read()
    mark = tail.rfind(_PDF_MARK)
    return mark >= 0 and tail.count(b"%%EOF", mark) == 1 and tail.rstrip().endswith(b"%%EOF")


def _office_ours(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml")
    if not _CREATOR.search(core):
        return False
    modifier = _MODIFIER.search(core)
    if modifier is not None and modifier.group(1) not in (b"", b"clsm"):
        return False  # saved by someone in Word, Excel or LibreOffice
    created, modified = _CREATED.search(core), _MODIFIED.search(core)
    return created is None or modified is None or created.group(1) == modified.group(1)
