"""`clsm fmt`: one canonical form for plan files, comments kept, meaning never changed.

ruamel.yaml's round-trip mode keeps comments and blank lines; keys are put in the models'
order, mappings and lists in block style, multi-line text in literal blocks, indentation
and line width fixed. Before anything is written the result is read back with clsm's own
loader and compared with the original: same data, same comments, same line endings —
otherwise nothing is written and the reason is given.
"""

from __future__ import annotations

import io
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from .atomic import write_bytes
from .encoding import decode
from .loader import MAX_FILE_BYTES, parse, reading_reason
from .models import Activite, Annuaire, Plan, Territoire
from .validation import unwrap
from .workspace import kind_of

WIDTH = 100
FOLD = 80
"""Single-line text longer than this becomes a folded block (`>-`), wrapped at WIDTH."""
MODELS: dict[str, type[BaseModel]] = {
    "territoire": Territoire,
    "partenaires": Annuaire,
    "plan": Plan,
    "activite": Activite,
}


@dataclass(frozen=True, slots=True)
class Resultat:
    """What formatting a file gives: its new text, or why it was left alone."""

    texte: str | None
    raison: str | None = None


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.preserve_quotes = False
    return yaml


def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, Any]:
    """The model a mapping follows, or the item type of a list, behind an annotation."""
    model, item = None, None
    for candidate in unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            model = candidate
        elif typing.get_origin(candidate) is list:
            item = typing.get_args(candidate)[0]
    return model, item


def _canonical(node: Any, annotation: Any) -> Any:
    """Keys in the model's order, block style, long text in folded or literal blocks."""
    model, item = _model_of(annotation)
    if isinstance(node, CommentedMap):
        node.fa.set_block_style()
        if model is not None:
            order = list(model.model_fields)
            wanted = [k for k in order if k in node] + [k for k in node if k not in order]
            if list(node.keys()) != wanted:
                for key in wanted:
                    node.move_to_end(key)
            for key in list(node.keys()):
                field = model.model_fields.get(key)
                node[key] = _canonical(node[key], field.annotation if field else None)
        return node
    if isinstance(node, CommentedSeq):
        node.fa.set_block_style()
        for index, value in enumerate(node):
            node[index] = _canonical(value, item)
        return node
    if not isinstance(node, str) or isinstance(node, LiteralScalarString | FoldedScalarString):
        return node
    if "\n" in node.strip("\n"):
        return LiteralScalarString(node)
    if len(node) > FOLD and node == node.strip() and "  " not in node and "\t" not in node:
        return FoldedScalarString(node)
    return node


def _comments(text: str) -> list[str]:
    """The full-line comments of a text, for checking none is lost."""
    return sorted(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))


def formater(text: str, kind: str) -> Resultat:
    """The canonical text of a plan file's text, or the reason it cannot be given."""
    before = parse(text, "avant")
    if any(p.is_error for p in before.problems):
        return Resultat(None, "le fichier a des erreurs : lancez d'abord clsm validate")
    crlf = "\r\n" in text
    if crlf and re.search(r"(?<!\r)\n", text):
        return Resultat(None, "fins de ligne mélangées (CRLF et LF) : uniformisez-les d'abord")
    source = text.replace("\r\n", "\n")
    yaml = _yaml()
    try:
        data = yaml.load(source)
    except YAMLError as exc:
        return Resultat(None, f"ruamel.yaml ne relit pas le fichier ({exc.__class__.__name__})")
    data = _canonical(data, MODELS[kind])
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    result = buffer.getvalue()
    tidy = "\n".join(line.rstrip() for line in result.split("\n"))
    if tidy != result and parse(tidy, "x").data == parse(result, "x").data:
        result = tidy
    if crlf:
        result = result.replace("\n", "\r\n")
    after = parse(result, "après")
    errors = any(p.is_error for p in after.problems)
    if errors or after.data != before.data or _typed(after.data) != _typed(before.data):
        return Resultat(None, "le résultat ne relit pas les mêmes valeurs : rien n'a été écrit")
    if _comments(result) != _comments(text) or result.count("#") != text.count("#"):
        return Resultat(None, "un commentaire serait perdu ou déplacé : rien n'a été écrit")
    return Resultat(result)


def _typed(value: Any) -> Any:
    """Data with each scalar's type and exact text, so that 1.10 and 1.1 differ."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, getattr(value, "raw", repr(value)))


@dataclass(frozen=True, slots=True)
class Issue:
    """The outcome for one file."""

    path: Path
    change: bool
    raison: str | None = None
    ignore: bool = False


def formater_fichier(path: Path, check: bool) -> Issue:
    """Format one file in place (atomically), or only tell whether it would change."""
    kind = kind_of(path)
    if kind is None:
        return Issue(path, False, ignore=True)
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError as exc:
        return Issue(path, False, f"lecture impossible : {reading_reason(exc)}")
    if raw is None:
        return Issue(path, False, "fichier trop gros")
    text, problems = decode(raw, str(path))
    if text is None or problems:
        return Issue(path, False, "fichier qui n'est pas en UTF-8 : réenregistrez-le en UTF-8")
    bom = raw.startswith(b"\xef\xbb\xbf")
    resultat = formater(text, kind)
    if resultat.texte is None:
        return Issue(path, False, resultat.raison)
    if resultat.texte == text:
        return Issue(path, False)
    if not check:
        write_bytes(path, (b"\xef\xbb\xbf" if bom else b"") + resultat.texte.encode("utf-8"))
    return Issue(path, True)
