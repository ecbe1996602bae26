"""Bytes of a user's file → text: UTF-8 (with or without BOM), else a located problem.

A Windows-1252 file (accents typed on a French Windows machine) and a UTF-16 file with a
byte-order mark are read with a warning that names the first offending character; binary
files and UTF-16 without a mark are refused.
"""

from __future__ import annotations

from ..problems import Gravite, Problem


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes → text: UTF-8 (BOM or not), else UTF-16 with BOM or Windows-1252, with a warning."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            return None, [_enc(file, "encodage-inconnu", "UTF-16 illisible : le fichier est abîmé")]
        warn = _enc(
            file,
            "encodage-utf16",
            "le fichier est en UTF-16 : il est lu, mais enregistrez-le en UTF-8",
            Gravite.AVERTISSEMENT,
        )
        return text, [warn]
    if b"\x00" in raw:
        sample = raw[:4096]
        if sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4:
            message = "le fichier semble être en UTF-16 sans marque d'ordre (BOM)"
            return None, [_enc(file, "encodage-inconnu", message)]
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        message = "le fichier contient des octets nuls : ce n'est pas un fichier texte"
        return None, [Problem("fichier-binaire", message, file, line, None, hint=_UTF8_HINT)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        message = "le fichier n'est ni en UTF-8 ni en Windows-1252"
        return None, [Problem("encodage-inconnu", message, file, line, column, hint=_UTF8_HINT)]
    message = (
        "le fichier n'est pas en UTF-8 ; il est lu comme du Windows-1252"
        " (accents d'un poste Windows)"
    )
    warn = Problem(
        "encodage-windows-1252",
        message,
        file,
        line,
        column,
        hint=_UTF8_HINT,
        severity=Gravite.AVERTISSEMENT,
    )
    return text, [warn]


_UTF8_HINT = "enregistrez le fichier en UTF-8 (dans VS Code : « Enregistrer avec l'encodage »)"


def _enc(file: str, code: str, message: str, severity: Gravite = Gravite.ERREUR) -> Problem:
    return Problem(code, message, file, hint=_UTF8_HINT, severity=severity)
