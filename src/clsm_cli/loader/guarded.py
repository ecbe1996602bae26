"""The guarded builder: values with their positions, and every refusal located.

It reads libyaml's events iteratively and refuses what plan files never need and
attackers love: anchors and aliases (refused before anything is expanded), tags, several
documents, complex or duplicate keys, deep nesting. It runs when a position is wanted
(`SourceMap.locate`) or when the quick reader gave up on a file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from ..problems import Problem
from . import MAX_DEPTH
from .messages import character_problem, nesting_limit, syntax_problem
from .scalars import CONTAINER_TAGS, ESCAPED_CONTROL, STR_TAG, quoted, resolve_plain

if TYPE_CHECKING:
    from . import Document, Path_


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


class _Frame:
    __slots__ = ("container", "duplicate", "key", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path_) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.duplicate = False
        """Whether the pending key was already given: its value is then dropped."""


class _Abort(Exception):
    """Stops building after a problem that makes the rest meaningless."""


class Builder:
    """Builds values and positions from a stream of libyaml events."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.values = doc.source.values
        self.keys = doc.source.keys
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def fail(self, code: str, message: str, mark: Any, hint: str | None = None) -> None:
        self.doc.problems.append(
            Problem(code, message, self.doc.file, mark.line + 1, mark.column + 1, hint=hint)
        )

    def run(self, text: str, *, cut: bool = False) -> None:
        """Read a text's events; `cut` for a text cut short before a too deep nesting."""
        start = len(self.doc.problems)
        loader = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
        try:
            while loader.check_event():
                self.event(loader.get_event())
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if nesting_limit(exc) and mark is not None and not cut:
                loader.dispose()
                self.read_before_limit(text, mark, start)
            else:
                self.doc.problems.append(syntax_problem(exc, self.doc.file, text))
            self.root = None
        except yaml.YAMLError as exc:  # ReaderError and kin: no mark, a position at best
            position = getattr(exc, "position", 0)
            self.doc.problems.append(character_problem(text, position, self.doc.file))
            self.root = None
        except _Abort:
            self.root = None
        finally:
            loader.dispose()

    def read_before_limit(self, text: str, mark: Any, start: int) -> None:
        """Refuse a nesting that libyaml's own limit stopped, at clsm's limit if possible.

        Recent libyaml builds refuse deep nesting themselves (at about 1,000 levels), often
        before a single event reaches the builder: the text is read again up to that
        point, where clsm's lower limit then finds the level that went too deep.
        """
        del self.doc.problems[start:]
        self.stack.clear()
        self.root, self.documents = None, 0
        self.values.clear()
        self.keys.clear()
        self.run(text[: mark.index], cut=True)
        found = self.doc.problems[start:]
        if not any(p.code == "imbrication-trop-profonde" for p in found):
            # what the cut itself broke is not the file's fault; libyaml's place is kept
            found[:] = [p for p in found if p.code != "yaml-syntaxe"]
            self.doc.problems[start:] = found
            self.refuse_depth(mark)

    def refuse_depth(self, mark: Any) -> None:
        self.fail(
            "imbrication-trop-profonde",
            f"plus de {MAX_DEPTH} niveaux d'imbrication : le fichier n'est pas un plan clsm",
            mark,
        )

    def event(self, event: Any) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.scalar(event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self.start(event, {} if kind is yaml.MappingStartEvent else [])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            self.alias(event)
        elif kind is yaml.DocumentStartEvent:
            self.document(event)

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.fail(
                "plusieurs-documents",
                "un deuxième document YAML commence ici (« --- ») : un fichier n'en contient qu'un",
                event.start_mark,
                "séparez les documents en plusieurs fichiers",
            )
            raise _Abort
        if event.version is not None or event.tags:
            directive = f"%YAML {event.version[0]}.{event.version[1]}" if event.version else "%TAG"
            self.fail(
                "directive-interdite",
                f"la directive {directive} n'est pas acceptée : clsm lit le YAML 1.2",
                event.start_mark,
                "supprimez cette ligne",
            )

    def check_anchor(self, event: Any) -> None:
        if event.anchor is not None:
            self.fail(
                "alias-interdit",
                f"ancre « &{event.anchor} » : les ancres et alias ne sont pas acceptés",
                event.start_mark,
                "écrivez la valeur en entier à chaque endroit où elle sert",
            )

    def alias(self, event: Any) -> None:
        self.fail(
            "alias-interdit",
            f"alias « *{event.anchor} » : les ancres et alias ne sont pas acceptés",
            event.start_mark,
            "écrivez la valeur en entier à chaque endroit où elle sert",
        )
        self.place(None, event.start_mark)

    def scalar(self, event: Any) -> None:
        if event.anchor is not None:
            self.check_anchor(event)
        tag = event.tag
        if event.implicit[0]:
            value: Any = resolve_plain(event.value)
        elif tag is None or tag == "!" or tag == STR_TAG:
            value = quoted(event.value, event.style)
        else:
            self.fail(
                "tag-interdit",
                f"étiquette « {_tag_name(tag)} » non acceptée",
                event.start_mark,
                "supprimez l'étiquette ; mettez la valeur entre guillemets si c'est un texte",
            )
            value = event.value
        self.place(value, event.start_mark, scalar_text=event.value)

    def start(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        if event.anchor is not None:
            self.check_anchor(event)
        if event.tag not in CONTAINER_TAGS:
            self.fail(
                "tag-interdit",
                f"étiquette « {_tag_name(event.tag)} » non acceptée",
                event.start_mark,
                "supprimez l'étiquette",
            )
        if len(self.stack) >= MAX_DEPTH:
            self.refuse_depth(event.start_mark)
            raise _Abort
        path = self.place(container, event.start_mark, scalar_text=None)
        if path is None:  # a mapping or sequence used as a key: take_key has refused it
            raise _Abort
        self.stack.append(_Frame(container, path))

    def place(self, value: Any, mark: Any, scalar_text: str | None = None) -> Path_ | None:
        """Put a value in its parent; return its path (None for a mapping key)."""
        position = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
            self.values[()] = position
            return ()
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, list):
            path = (*frame.path, len(container))
            container.append(value)
            self.values[path] = position
            return path
        if frame.key is None:
            self.take_key(frame, value, scalar_text, mark)
            return None
        key, duplicate = frame.key, frame.duplicate
        frame.key, frame.duplicate = None, False
        path = (*frame.path, key)
        if duplicate:
            return path  # the second value of a duplicate key is dropped, detached
        container[key] = value
        self.values[path] = position
        return path

    def take_key(self, frame: _Frame, value: Any, text: str | None, mark: Any) -> None:
        container = frame.container
        assert isinstance(container, dict)
        if text is None:
            self.fail("cle-complexe", "une clé doit être un simple texte", mark)
            raise _Abort
        key = text
        path = (*frame.path, key)
        control = ESCAPED_CONTROL.search(key)
        if control is not None:
            self.fail(
                "caractere-interdit",
                f"caractère de contrôle invisible (U+{ord(control.group()):04X}) dans une clé",
                mark,
                "supprimez ce caractère (venu d'un copier-coller ou d'un échappement \\x…)",
            )
            raise _Abort
        if key in container:
            first = self.keys[path]
            self.fail(
                "cle-dupliquee",
                f"la clé « {key} » apparaît deux fois (déjà ligne {first[0]})",
                mark,
                "gardez une seule des deux : YAML ne garderait que l'une sans le dire",
            )
            frame.key, frame.duplicate = key, True
            return
        self.keys[path] = (mark.line + 1, mark.column + 1)
        frame.key = key
