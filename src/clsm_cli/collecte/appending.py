"""New entries appended to the text of a year's file, without reading it into a tree again.

A form of a thousand new rows would cost ruamel.yaml seconds to write back into the file's
tree; when a form only adds entries at the end of the file's lists (no entry of the file
changed, no séance added to a réalisation already there), their text is written directly
(writing/yaml_text.py's `block_item`, or ruamel.yaml for an entry it cannot be sure of) and
put at the end of each list of the file's canonical text: before the comment lines that
end the list (as the tree would put it), or, for a list the file lacks, before the next key
in the models' order. The result is read back (libyaml, fast) and must hold exactly the
file's data with the entries appended: otherwise the tree is used.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..loader import parse
from ..models.activite import Activite
from ..writing.commented import commented, dump_tree
from ..writing.fmt import canonical_tree
from ..writing.yaml_text import block_item, prepare

_KEY = re.compile(r"^([A-Za-z_][\w]*):(.*)$")
ORDER = list(Activite.model_fields)


def appended(source: str, ajouts: list[tuple[str, dict[str, Any]]]) -> str | None:
    """The canonical text `source` with entries appended to their lists (list name, data in
    the model's order); None when the result would not read back as it should."""
    lines = source.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    by_list: dict[str, list[str]] = {}
    for liste, data in ajouts:
        by_list.setdefault(liste, []).append(_item(liste, data))
    for liste in sorted(by_list, key=ORDER.index, reverse=True):
        inserted = _insert(lines, liste, "".join(by_list[liste]))
        if inserted is None:
            return None
        lines = inserted
    result = "\n".join(lines) + "\n"
    return result if _reads_back(source, result, ajouts) else None


def _item(liste: str, data: dict[str, Any]) -> str:
    """An entry as an item of a top-level list, as `clsm fmt` writes it."""
    fast = block_item(prepare(data), 2)
    if fast is not None:
        return fast
    tree = CommentedMap({liste: commented([prepare(data)])})
    canonical_tree(tree, "activite", "")
    return dump_tree(tree).split("\n", 1)[1]


def _keys(lines: list[str]) -> dict[str, int]:
    """The top-level keys of a canonical text, and their lines."""
    return {m[1]: n for n, line in enumerate(lines) if (m := _KEY.match(line))}


def _insert(lines: list[str], liste: str, block: str) -> list[str] | None:
    keys = _keys(lines)
    new = block.rstrip("\n").split("\n")
    if liste in keys:
        at = keys[liste]
        rest = _KEY.match(lines[at])
        assert rest is not None
        value = rest[2].strip()
        if value.startswith("[]"):  # `realisations: []`, as clsm nouvelle-annee writes it
            comment = value[2:].strip()
            head = f"{liste}:" + (f" {comment}" if comment else "")
            return [*lines[:at], head, *new, *lines[at + 1 :]]
        if value and not value.startswith("#"):
            return None  # not a block list
        following = [n for n in keys.values() if n > at]
        end = _before_comments(lines, min(following, default=len(lines)))
        return [*lines[:end], *new, *lines[end:]]
    after = [keys[k] for k in ORDER[ORDER.index(liste) + 1 :] if k in keys]
    at = _before_comments(lines, min(after)) if after else len(lines)
    return [*lines[:at], f"{liste}:", *new, *lines[at:]]


def _before_comments(lines: list[str], end: int) -> int:
    """Where a list ends: before the blank and comment lines that precede line `end`."""
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _reads_back(source: str, result: str, ajouts: list[tuple[str, dict[str, Any]]]) -> bool:
    """Whether the result holds the source's data with the entries appended, and nothing else."""
    before, after = parse(source, "avant"), parse(result, "après")
    if before.problems or after.problems or not isinstance(before.data, dict):
        return False
    expected = dict(before.data)
    for liste, data in ajouts:
        expected[liste] = [*(expected.get(liste) or []), prepare(data)]
    return bool(after.data == expected)
