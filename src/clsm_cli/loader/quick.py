"""The quick reader: an ordinary file's values, without positions, from libyaml's events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from . import MAX_DEPTH
from .scalars import (
    CONTAINER_TAGS,
    MAYBE_SPECIAL,
    STR_TAG,
    EscapedControl,
    quoted,
    resolve_plain,
)

_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_SCALAR, _ENDS = yaml.ScalarEvent, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_DOCUMENT_START, _STREAM_END = yaml.DocumentStartEvent, yaml.StreamEndEvent


class _Bail(Exception):
    """The quick reader met something only the guarded builder may judge."""


def read_quickly(text: str) -> tuple[bool, Any]:
    """Values from libyaml's events, without positions: (True, root) for an ordinary file.

    (False, None) for anything out of the ordinary — a syntax error, an anchor, an alias,
    a tag, a directive, a second document, a duplicate or complex key, deep nesting —
    which `Builder` then reads again, guarded and with positions, to say what is wrong.
    Twice as fast as libyaml's own composer, which also builds a node per value.

    Longer than a function should be, on purpose: it is one loop over the events, the
    hottest of `clsm validate`, and a helper per kind of event would cost a call per value
    (the state — the open containers and the pending key — would have to travel with it).
    """
    parser = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
    get_event: Callable[[], Any] = parser.get_event
    containers: list[Any] = []
    pending_keys: list[str | None] = []
    container: Any = None
    key: str | None = None
    root: Any = None
    value: Any = None
    documents = 0
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor is not None:
                    raise _Bail
                if event.implicit[0]:
                    value = event.value  # most plain scalars are text: no call for them
                    if not value or value[0] in MAYBE_SPECIAL:
                        value = resolve_plain(value)
                elif event.tag is None or event.tag == "!" or event.tag == STR_TAG:
                    value = quoted(event.value, event.style)
                else:
                    raise _Bail
                if container is None:
                    root = value
                elif type(container) is list:
                    container.append(value)
                elif key is None:
                    key = event.value
                    if key in container or type(value) is EscapedControl:
                        raise _Bail
                else:
                    container[key] = value
                    key = None
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None or event.tag not in CONTAINER_TAGS:
                    raise _Bail
                if len(containers) >= MAX_DEPTH:
                    raise _Bail
                new: Any = {} if kind is _MAPPING_START else []
                if container is None:
                    root = new
                elif type(container) is list:
                    container.append(new)
                elif key is None:
                    raise _Bail
                else:
                    container[key] = new
                    key = None
                containers.append(container)
                pending_keys.append(key)
                container, key = new, None
            elif kind in _ENDS:
                container, key = containers.pop(), pending_keys.pop()
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1 or event.version is not None or event.tags:
                    raise _Bail
            elif kind is _STREAM_END:
                return True, root
            elif kind is not yaml.StreamStartEvent and kind is not yaml.DocumentEndEvent:
                raise _Bail  # an alias
    except (_Bail, yaml.YAMLError):
        return False, None
    finally:
        parser.dispose()
