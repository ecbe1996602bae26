"""Users' YAML files edited in place: round-trip trees, and the comments attached to values.

ruamel.yaml keeps each comment in a slot of the node before it; a value added, moved or
removed must take its comments along, or they end up under another line. These helpers
write such trees, list their comments, and move the comment lines that follow a
value.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from .yaml_text import dated, round_trip


def dump_tree(tree: Any) -> str:
    """The YAML text of a round-trip tree, written as clsm writes."""
    buffer = io.StringIO()
    round_trip().dump(tree, buffer)
    return buffer.getvalue()


def comment_tokens(slot: Any) -> Iterator[CommentToken]:
    """The comment tokens in one of ruamel's comment slots (a token, or nested lists)."""
    if isinstance(slot, CommentToken):
        yield slot
    elif isinstance(slot, list):
        for item in slot:
            yield from comment_tokens(item)


def comment_lines(token_text: str) -> list[str]:
    """The comment lines of a token's text, stripped."""
    return [line.strip() for line in token_text.split("\n") if line.strip().startswith("#")]


def comments_of(node: Any) -> Counter[str]:
    """Every comment of a round-trip tree, as stripped lines (a multiset)."""
    found: Counter[str] = Counter()
    if isinstance(node, CommentedMap | CommentedSeq):
        ca = node.ca
        for token in comment_tokens([ca.comment, list(ca.items.values()), ca.end]):
            found.update(comment_lines(token.value))
        values = node.values() if isinstance(node, CommentedMap) else node
        for value in values:
            found.update(comments_of(value))
    return found


def _block(value: Any) -> bool:
    return isinstance(value, LiteralScalarString | FoldedScalarString)


def ends_in_block(container: Any, key: Any) -> bool:
    """Whether the value at `container[key]` ends with a literal or folded block: comment
    lines after it must be indented less than its text, or they read as part of it."""
    holder, where, _ = _last_slot(container, key)
    return _block(holder[where])


def _last_slot(container: Any, key: Any) -> tuple[Any, Any, int]:
    """Where ruamel keeps the comments that follow the value at `container[key]`."""
    value = container[key]
    if isinstance(value, CommentedMap | CommentedSeq) and len(value) > 0:
        last = next(reversed(value)) if isinstance(value, CommentedMap) else len(value) - 1
        return _last_slot(value, last)
    return container, key, 2 if isinstance(container, CommentedMap) else 0


def take_trailing(container: Any, key: Any, keep_eol: bool = False) -> tuple[str, str]:
    """Detach the comment after a value: (its end-of-line comment, the lines below it).

    With `keep_eol` the end-of-line comment stays where it is; only the lines below move.
    """
    holder, where, index = _last_slot(container, key)
    slot = holder.ca.items.get(where)
    if not slot or len(slot) <= index or not isinstance(slot[index], CommentToken):
        return "", ""
    token = slot[index]
    if _block(holder[where]):
        eol, rest = "", token.value
    else:
        eol, _, rest = token.value.partition("\n")
    if keep_eol and eol:
        token.value = eol + "\n"
    else:
        slot[index] = None
    return eol, rest


def put_trailing(container: Any, key: Any, rest: str) -> None:
    """Attach comment lines after the value at `container[key]` (after any already there)."""
    if not rest:
        return
    holder, where, index = _last_slot(container, key)
    slot = holder.ca.items.setdefault(where, [None, None, None, None])
    while len(slot) <= index:
        slot.append(None)
    token = slot[index]
    if isinstance(token, CommentToken):
        token.value = token.value + rest
        return
    text = rest if _block(holder[where]) else "\n" + rest
    slot[index] = CommentToken(text, CommentMark(0))


def commented(value: Any, key: object = None) -> Any:
    """Plain data as round-trip nodes, so that comments can be attached to it; a full date
    under a date's key is written unquoted (`yaml_text.is_day`)."""
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = commented(v, k)
        return node
    if isinstance(value, list):
        return CommentedSeq(commented(v, key) for v in value)
    return dated(value, key)
