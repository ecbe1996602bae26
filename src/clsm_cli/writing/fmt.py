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
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from ..kinds import KINDS, kind_of
from ..loader import MAX_FILE_BYTES, decode, parse, reading_reason
from ..loader.scalars import STR_TAG
from ..models.common import Choix
from ..models.publics import TrancheAge, est_tranche, ordre_tranches
from ..validation.expected import unwrap
from .atomic import write_bytes
from .commented import ends_in_block, put_trailing, take_trailing
from .readback import comments, not_the_same, typed
from .tabs import blank_tabs, unreadable
from .yaml_text import round_trip, trim_line_ends

FOLD = 80
"""Single-line text longer than this becomes a folded block (`>-`) wrapped at full width."""


@dataclass(frozen=True, slots=True)
class Formatted:
    """What formatting a file gives: its new text, or why it was left alone."""

    texte: str | None
    raison: str | None = None


class _Composer(Composer):
    """ruamel.yaml's composer, keeping the comment lines before a flow mapping or list.

    `# note` on its own line, then `- {…}  # autre`: ruamel.yaml replaces the comment
    the flow collection started with by the one after its end, and `# note` is lost.
    """

    def compose_mapping_node(self, anchor: Any) -> Any:
        before = self.parser.peek_event().comment
        return _keep_before(before, super().compose_mapping_node(anchor))

    def compose_sequence_node(self, anchor: Any) -> Any:
        before = self.parser.peek_event().comment
        return _keep_before(before, super().compose_sequence_node(anchor))


def _keep_before(before: Any, node: Any) -> Any:
    after = node.comment
    if before and len(before) > 1 and before[1] and after is not before and after:
        after = list(after)
        if after[1]:
            after[1] = [*before[1], *after[1]]
        else:
            after[1] = before[1]
        node.comment = after
    return node


def _yaml() -> YAML:
    yaml = round_trip()
    yaml.Composer = _Composer
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


def _canonical(
    node: Any, annotation: Any, lines: list[str], column: int = 0, in_list: bool = False
) -> Any:
    """Keys in the model's order, block style, long text in folded or literal blocks.

    `lines` is the source text, to tell a comment that ended a line from one on its own
    line; `column` is where this node's keys or dashes will be written; `in_list` says that
    the node is a list's item (its first line starts with the list's dash).
    """
    model, item = _model_of(annotation)
    if isinstance(node, CommentedMap):
        if node:  # an empty mapping stays `{}`: in block style it would not read back
            node.fa.set_block_style()
        order = list(model.model_fields) if model is not None else _key_order(annotation, node)
        if order:
            wanted = [k for k in order if k in node] + [k for k in node if k not in order]
            if list(node.keys()) != wanted:
                _reorder(node, wanted, column, column - 2 if in_list else column)
        for key in list(node.keys()):
            field = model.model_fields.get(key) if model is not None else None
            was_flow = _is_flow(node[key])
            node[key] = _canonical(
                node[key], field.annotation if field else None, lines, column + 2
            )
            slots = node.ca.items.get(key)
            if was_flow and slots and slots[2] is not None:
                slots[2].column = 0  # `key: {…}  # note` becomes `key: # note`
        return node
    if isinstance(node, CommentedSeq):
        if node:
            node.fa.set_block_style()
        for index, value in enumerate(node):
            was_flow = _is_flow(value)
            node[index] = _canonical(value, item, lines, column + 2, in_list=True)
            _item_comments(node, index, was_flow, lines, column)
        return node
    if isinstance(node, TaggedScalar) and str(node.tag) == STR_TAG:
        # `!!str 2024`: a text said by quotes, which the dumper adds where they are needed
        # (ruamel.yaml would write the tag back as `!!%20str`, which reads as another tag)
        node = str(node.value)
    if not isinstance(node, str) or isinstance(node, LiteralScalarString | FoldedScalarString):
        return node
    if "\n" in node.strip("\n"):
        return LiteralScalarString(node)
    if len(node) > FOLD and node == node.strip() and "  " not in node and "\t" not in node:
        return FoldedScalarString(node)
    return node


def _key_order(annotation: Any, node: CommentedMap) -> list[Any]:
    """The keys of a breakdown in their list's order (`publics`, `sexes`), or age bands from
    the youngest (`ages`); nothing for other mappings, or bands not all valid."""
    for candidate in unwrap(annotation):
        if typing.get_origin(candidate) is not dict:
            continue
        keys = typing.get_args(candidate)[0]
        if isinstance(keys, type) and issubclass(keys, Choix):
            return [member.value for member in keys]
        if keys is TrancheAge:
            valid = [k for k in node if est_tranche(k)]
            return ordre_tranches(valid) if len(valid) == len(node) else []
    return []


def _reorder(node: CommentedMap, wanted: list[Any], keys_at: int, first_at: int) -> None:
    """Put a mapping's keys in the `wanted` order, each with the comment lines above it.

    ruamel.yaml keeps the lines above a key after the value before it: moved as they are,
    `# why` above `statut` would end up above whatever now follows the value before it.
    The lines after the last value (above what follows the mapping) stay at its end, as they
    were indented unless the new last value ends in a literal block, under which lines
    deeper than the keys (`keys_at`) would read as its text. The lines above a key are
    indented as the keys; those above the key that comes first go before the mapping
    (`first_at`).
    """
    keys = list(node)
    above = {
        key: _indented(take_trailing(node, before, keep_eol=True)[1], keys_at)
        for before, key in pairwise(keys)
    }
    after = take_trailing(node, keys[-1], keep_eol=True)[1]
    for key in wanted:
        node.move_to_end(key)
    for before, key in pairwise(wanted):
        put_trailing(node, before, above.get(key, ""))
    if ends_in_block(node, wanted[-1]):
        after = _indented(after, keys_at, deeper_only=True)
    put_trailing(node, wanted[-1], after)
    if above.get(wanted[0]):
        _put_first(node, above[wanted[0]], first_at)


def _indented(lines: str, column: int, deeper_only: bool = False) -> str:
    """Comment lines (and blank lines) re-indented at a column; with `deeper_only`, only
    those indented deeper than it."""

    def at(line: str) -> str:
        depth = len(line) - len(line.lstrip(" "))
        return " " * (min(depth, column) if deeper_only else column) + line.strip()

    return "\n".join(line.strip() and at(line) for line in lines.split("\n"))


def _put_first(node: CommentedMap, lines: str, column: int) -> None:
    """Comment lines (as ruamel.yaml keeps them, indented) before a mapping's first key."""
    text = _indented(lines, column)
    token = CommentToken(text.strip("\n ") + "\n", CommentMark(column))
    if node.ca.comment is None:
        node.ca.comment = [None, [token]]
    elif len(node.ca.comment) < 2 or node.ca.comment[1] is None:
        node.ca.comment = [node.ca.comment[0], [token]]
    else:
        node.ca.comment[1].append(token)


def _is_flow(node: Any) -> bool:
    """Whether a node is a non-empty mapping or list written `{…}` or `[…]`."""
    return isinstance(node, CommentedMap | CommentedSeq) and bool(node) and node.fa.flow_style()


def _item_comments(
    seq: CommentedSeq, index: int, was_flow: bool, lines: list[str], column: int
) -> None:
    """Put the comments ruamel.yaml attaches to a list item where block style keeps them.

    `- {action: 1.1.1, …}  # note` keeps its comment on the item's slot: in block style
    ruamel.yaml would write it alone after the dash, padded to its old column, and then
    not read it back there. So would it `-  # note` followed by the item's keys, and the
    comment after `[` of a list spread over lines. Such a comment ends the item's first
    line instead (after the one already there, if any); a comment on its own line before
    the item is aligned with the dash.
    """
    slots = seq.ca.items.get(index)
    if not slots:
        return
    item = seq[index]
    block = isinstance(item, CommentedMap | CommentedSeq) and bool(item)
    if slots[0] is not None and was_flow and block:
        _end_first_line(item, slots[0])
        slots[0] = None
    if slots[1]:
        kept = []
        for token in slots[1]:
            if not _ended_a_line(token, lines):
                token.column = column
                kept.append(token)
            elif block:
                _end_first_line(item, token)
            elif slots[0] is None:
                token.column = 0
                slots[0] = token
            else:
                _join(token, slots[0])
        slots[1] = kept or None


def _ended_a_line(token: Any, lines: list[str]) -> bool:
    """Whether a comment followed something on its line in the source text."""
    line = token.start_mark.line
    return 0 <= line < len(lines) and bool(lines[line][: token.column].strip())


def _end_first_line(item: CommentedMap | CommentedSeq, token: Any) -> None:
    """Make a comment end the first line of a block mapping or list."""
    if isinstance(item, CommentedMap):
        slots = item.ca.items.setdefault(next(iter(item)), [None, None, None, None])
        position = 2
    else:
        slots = item.ca.items.setdefault(0, [None, None, None, None])
        position = 0
    if slots[position] is None:
        token.column = 0
        slots[position] = token
    else:
        _join(token, slots[position])


def _join(token: Any, existing: Any) -> None:
    """Put a comment at the head of another: `# a  # b` ends the line.

    The way the file had it, alone after the dash, ruamel.yaml sometimes writes the
    item's next two keys on one line.
    """
    words = token.value.rstrip("\n")
    if existing.value.startswith("\n"):  # no comment on the line, only lines after it
        existing.value = words + existing.value
        existing.column = 0
    else:
        existing.value = f"{words}  {existing.value}"


def canonical_tree(tree: Any, kind: str, source: str) -> Any:
    """A round-trip tree put in canonical form, as `format_text` does before writing it:
    for a tree loaded from `source` (a text in canonical form) and changed in place, whose
    text then needs no second reading (an import merging a thousand entries)."""
    return _canonical(tree, KINDS[kind].model, source.split("\n"))


def format_text(text: str, kind: str) -> Formatted:
    """The canonical text of a plan file's text, or the reason it cannot be given."""
    before = parse(text, "avant")
    if any(p.is_error for p in before.problems):
        return Formatted(None, "le fichier a des erreurs : lancez d'abord clsm validate")
    crlf = "\r\n" in text
    if crlf and re.search(r"(?<!\r)\n", text):
        return Formatted(None, "fins de ligne mélangées (CRLF et LF) : uniformisez-les d'abord")
    source = text.replace("\r\n", "\n")
    if "\t" in source:
        source, refused = blank_tabs(source)
        if refused is not None:
            return Formatted(None, refused)
    yaml = _yaml()
    buffer = io.StringIO()
    try:
        data = yaml.load(source)
        data = _canonical(data, KINDS[kind].model, source.split("\n"))
        yaml.dump(data, buffer)
    except NotImplementedError:
        # ruamel.yaml before 0.18.14 gives up on some placements of comments ("overlap in
        # comment")
        return Formatted(
            None,
            "ruamel.yaml ne sait pas réécrire ce fichier : mettez les commentaires qui suivent"
            " un tiret ou une accolade sur leur propre ligne, puis relancez",
        )
    except YAMLError as exc:
        return Formatted(None, unreadable(exc, source))
    result = trim_line_ends(buffer.getvalue(), strict=False)
    if crlf:
        result = result.replace("\n", "\r\n")
    after = parse(result, "après")
    errors = any(p.is_error for p in after.problems)
    if errors or after.data != before.data or typed(after.data) != typed(before.data):
        return Formatted(None, not_the_same(before, typed(before.data), typed(after.data)))
    if comments(result) != comments(text) or result.count("#") != text.count("#"):
        return Formatted(None, "un commentaire serait perdu ou déplacé : rien n'a été écrit")
    return Formatted(result)


@dataclass(frozen=True, slots=True)
class Issue:
    """The outcome for one file."""

    path: Path
    change: bool
    raison: str | None = None
    ignore: bool = False


def format_file(path: Path, check: bool) -> Issue:
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
    resultat = format_text(text, kind)
    if resultat.texte is None:
        return Issue(path, False, resultat.raison)
    if resultat.texte == text:
        return Issue(path, False)
    if not check:
        write_bytes(path, (b"\xef\xbb\xbf" if bom else b"") + resultat.texte.encode("utf-8"))
    return Issue(path, True)
