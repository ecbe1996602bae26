"""Checks on a workbook file before openpyxl reads it: the file is untrusted.

Refused with a French message: Excel lock files, legacy .xls, binary .xlsb,
password-protected workbooks, CSV or text renamed .xlsx, truncated files, zips that are not
workbooks, and zip bombs. openpyxl itself parses XML with defusedxml, which refuses entity
expansion and external entities.

A workbook with macros (.xlsm, .xltm, or one renamed .xlsx: what counts is the
`xl/vbaProject.bin` part inside, not the name) passes the same checks; its data is read and
its macros are never run nor kept, which `check_workbook` returns as a warning.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..problems import ClsmError, UsageError

MAX_FILE = 50 * 1024 * 1024
MAX_UNPACKED = 300 * 1024 * 1024
MAX_PART = 100 * 1024 * 1024
MAX_SHEET = 30 * 1024 * 1024
MAX_RATIO = 200
MAX_PROLOG = 64 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
READABLE = (".xlsx", ".xlsm", ".xltx", ".xltm")
"""The names openpyxl opens (it checks the extension)."""
SAVE_AS = "ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format .xlsx"
REOPEN = "ouvrez-le dans Excel ou LibreOffice et enregistrez une copie"


def check_workbook(path: Path) -> list[str]:
    """Raise ClsmError unless the file looks like a sane workbook; return its warnings."""
    _refuse_lock_or_missing(path)
    _refuse_other_formats(path)
    members = _archive_members(path)
    _refuse_oversized(path.name, members)
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise ClsmError(
            f"{path.name} est un classeur Excel, mais son nom ne finit pas par .xlsx ou .xlsm",
            hint=f"renommez-le en {path.stem}.xlsx",
        )
    if any(m.filename == "xl/vbaProject.bin" for m in members):
        renamed = (
            "" if suffix in (".xlsm", ".xltm") else f" (bien que son nom finisse par {suffix})"
        )
        return [
            f"le classeur contient des macros{renamed} : elles sont ignorées, jamais exécutées"
            " ni recopiées ; seules les données des feuilles sont importées"
        ]
    return []


def _refuse_lock_or_missing(path: Path) -> None:
    """Excel's lock file, a path that is no file, a file too large to be a grid."""
    name = path.name
    if name.startswith("~$"):
        raise ClsmError(
            f"{name} est le fichier de verrouillage d'Excel, pas un classeur",
            hint=f"importez le vrai fichier : {name[2:]}",
        )
    if not path.is_file():
        raise UsageError(f"{path} : ce fichier n'existe pas")
    size = path.stat().st_size
    if size > MAX_FILE:
        raise ClsmError(
            f"{name} fait {size // 1024 // 1024} Mo ; clsm importe des grilles de"
            f" {MAX_FILE // 1024 // 1024} Mo au plus"
        )


def _refuse_other_formats(path: Path) -> None:
    """What the first bytes tell: .xls, a protected workbook, .xlsb, text, not a zip."""
    name = path.name
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    if head.startswith(OLE_MAGIC):
        if ENCRYPTED in head or "EncryptedPackage".encode("utf-16-le") in head:
            raise ClsmError(
                f"{name} est protégé par un mot de passe",
                hint="retirez la protection (Fichier › Informations › Protéger le classeur)"
                " puis enregistrez une copie sans mot de passe",
            )
        raise ClsmError(f"{name} est au format Excel 97-2003 (.xls)", hint=SAVE_AS)
    if path.suffix.lower() == ".xlsb":
        raise ClsmError(f"{name} est au format binaire Excel (.xlsb)", hint=SAVE_AS)
    if not head.startswith(b"PK"):
        what = "du texte (un CSV ?)" if _looks_like_text(head) else "un format inconnu"
        raise ClsmError(f"{name} n'est pas un classeur .xlsx : c'est {what}", hint=SAVE_AS)


def _archive_members(path: Path) -> list[zipfile.ZipInfo]:
    """The zip's parts, once it is known to be a whole workbook without XML declarations."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            missing = _missing_parts(archive, names) if "xl/workbook.xml" in names else []
            doctype = [
                m.filename
                for m in members
                if m.filename.endswith((".xml", ".rels")) and _declares_doctype(archive, m)
            ]
    except (zipfile.BadZipFile, OSError, ValueError, SyntaxError):
        raise ClsmError(
            f"{name} est tronqué ou abîmé (archive illisible)",
            hint="demandez à nouveau le fichier, ou ouvrez-le et réenregistrez-le",
        ) from None
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise ClsmError(f"{name} est une archive zip, mais pas un classeur Excel", hint=SAVE_AS)
    if doctype:
        raise ClsmError(
            f"{name} contient des déclarations XML interdites (DOCTYPE dans {doctype[0]}) :"
            " entités ou références externes, refusées par sécurité",
            hint=REOPEN,
        )
    if missing:
        raise ClsmError(f"{name} est incomplet : il y manque {', '.join(missing)}", hint=REOPEN)
    return members


def _refuse_oversized(name: str, members: list[zipfile.ZipInfo]) -> None:
    """A sheet of hundreds of thousands of rows, or a zip bomb."""
    total = 0
    for member in members:
        total += member.file_size
        if member.filename.startswith("xl/worksheets/") and member.file_size > MAX_SHEET:
            raise ClsmError(
                f"{name} : la feuille {member.filename.rsplit('/', 1)[-1]} fait"
                f" {member.file_size // 1024 // 1024} Mo de données (des centaines de milliers de"
                " lignes ?) ; une grille de plan n'en a pas tant",
                hint="supprimez les lignes inutiles ou importez une copie réduite à la grille",
            )
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > MAX_PART or (
            member.file_size > 10 * 1024 * 1024 and ratio > MAX_RATIO
        ):
            raise ClsmError(
                f"{name} : la partie {member.filename} ferait {member.file_size // 1024 // 1024} Mo"
                " une fois décompressée ; refusée (bombe zip ?)"
            )
    if total > MAX_UNPACKED:
        raise ClsmError(
            f"{name} ferait plus de {MAX_UNPACKED // 1024 // 1024} Mo décompressé ; refusé"
        )


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\n\r" for c in text)


def _declares_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether an XML part's prolog has a DOCTYPE (the only place entities can be declared)."""
    with archive.open(member) as handle:
        prolog = handle.read(MAX_PROLOG)
    index = 0
    while True:
        start = prolog.find(b"<", index)
        if start < 0 or start + 1 >= len(prolog):
            return len(prolog) >= MAX_PROLOG
        following = prolog[start + 1 : start + 2]
        if prolog.startswith(b"<!--", start):
            end = prolog.find(b"-->", start + 4)
            index = end + 3 if end >= 0 else len(prolog)
        elif following == b"?":
            end = prolog.find(b"?>", start + 2)
            index = end + 2 if end >= 0 else len(prolog)
        else:
            return following == b"!"


def _missing_parts(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """Parts the workbook's relationships point at but the archive lacks."""
    from defusedxml import ElementTree

    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return ["xl/_rels/workbook.xml.rels"]
    missing = []
    for rel in rels:
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if part not in names:
            missing.append(part)
    return missing
