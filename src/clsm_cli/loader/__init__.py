"""YAML files → plain Python data plus a source map of every value's line and column.

libyaml (through PyYAML's C parser) produces the events; the values are built here with
YAML 1.2 core-schema rules, so `no` stays a string and `12:30` is not a number. The
builder is iterative and refuses what plan files never need and attackers love: anchors
and aliases (refused before anything is expanded), tags, several documents, deep nesting.
It never raises: everything wrong becomes a located `Problem`.
"""

from __future__ import annotations

import errno
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Gravite, Problem
from .encoding import decode

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest file clsm reads: ten times a 2,000-action plan."""

MAX_DEPTH = 64
"""Plan files nest about ten levels deep; anything past this is a mistake or an attack."""

Path_ = tuple[str | int, ...]
"""A position in a document: mapping keys and sequence indexes from the root."""


class YamlInt(int):
    """An integer that remembers how it was written."""

    raw: str


class YamlFloat(float):
    """A float that remembers how it was written."""

    raw: str


class EscapedControl(str):
    """A double-quoted scalar whose escapes produced a control character (`"\\x07"`)."""

    control_at: int


_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _quoted(value: str, style: str | None) -> str:
    """A quoted scalar's value; marked when a double-quoted escape produced a control."""
    if style == '"':
        bad = _ESCAPED_CONTROL.search(value)
        if bad is not None:
            marked = EscapedControl(value)
            marked.control_at = bad.start()
            return marked
    return value


class PlainDate(str):
    """An unquoted scalar that YAML 1.1 tools (and ruamel.yaml) would read as a date."""

    __slots__ = ()
    yaml_date = True


_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?")


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

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
        """1-based (line, column) of a path, or of its longest known prefix."""
        if self.pending is not None:
            positions = Document(file="")
            _Builder(positions).run(self.pending)
            self.values, self.keys = positions.source.values, positions.source.keys
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


def format_path(path: Path_) -> str:
    """`axes[0].objectifs[1].actions[2].titre`, as a reader would name it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ---------------------------------------------------------------- scalars (YAML 1.2 core)

_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_MAYBE_SPECIAL = frozenset("0123456789+-.~nNtTfF")


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _MAYBE_SPECIAL:
        return text
    if text in _SPECIAL:
        return _SPECIAL[text]
    number: YamlInt | YamlFloat
    if _INT.fullmatch(text):
        number = YamlInt(text)
    elif _OCT.fullmatch(text):
        number = YamlInt(text[2:], 8)
    elif _HEX.fullmatch(text):
        number = YamlInt(text[2:], 16)
    elif _FLOAT.fullmatch(text):
        number = YamlFloat(text)
    elif text.lstrip("+-") in (".inf", ".Inf", ".INF"):
        number = YamlFloat("-inf" if text.startswith("-") else "inf")
    elif text in (".nan", ".NaN", ".NAN"):
        number = YamlFloat(math.nan)
    elif _DATE_LIKE.fullmatch(text):
        return PlainDate(text)
    else:
        return text
    number.raw = text
    return number


# ---------------------------------------------------------------- events → values

_QUOTE_HINT = "mettez le texte entre guillemets"

# libyaml's and PyYAML's messages, by the English fragment that names them; the first
# fragment found in "context problem" wins, so the narrower ones come first. Every message
# either library can give is covered (tests/test_loader.py lists them); whatever a future
# version adds falls back to a French message, never to English.
_SYNTAX_FR: tuple[tuple[str, str, str, str | None], ...] = (
    # (fragment, code, message, hint)
    ("unknown directive", "directive-interdite", "directive YAML inconnue", None),
    (
        "incompatible YAML document",
        "directive-interdite",
        "version de YAML non prise en charge",
        "supprimez la ligne « %YAML » : clsm lit le YAML 1.2",
    ),
    ("directive", "directive-interdite", "directive YAML mal écrite", "supprimez cette ligne"),
    (
        "duplicate tag handle",
        "directive-interdite",
        "directive YAML mal écrite",
        "supprimez cette ligne",
    ),
    (
        "while scanning an anchor",
        "yaml-syntaxe",
        "« & » en début de valeur : YAML y attend le nom d'une ancre",
        _QUOTE_HINT,
    ),
    (
        "while scanning an alias",
        "yaml-syntaxe",
        "« * » en début de valeur : YAML y attend le nom d'un alias",
        _QUOTE_HINT,
    ),
    ("tab character", "yaml-syntaxe", "tabulation interdite", None),
    ("'\\t'", "yaml-syntaxe", "tabulation interdite", None),
    (
        "tag",
        "yaml-syntaxe",
        "« ! » en début de valeur : YAML y attend une étiquette",
        _QUOTE_HINT,
    ),
    ("mapping values are not allowed", "yaml-syntaxe", "« : » inattendu à cet endroit", None),
    (
        "mapping keys are not allowed",
        "yaml-syntaxe",
        "« ? » inattendu à cet endroit",
        "un texte qui commence par « ? » se met entre guillemets",
    ),
    ("could not find expected ':'", "yaml-syntaxe", "« : » attendu après la clé", None),
    ("found unexpected ':'", "yaml-syntaxe", "« : » inattendu", None),
    (
        "',' or ']'",
        "yaml-syntaxe",
        "« , » ou « ] » attendu : crochet non fermé ?",
        "une valeur qui commence par « [ » se met entre guillemets",
    ),
    (
        "',' or '}'",
        "yaml-syntaxe",
        "« , » ou « } » attendu : accolade non fermée ?",
        "une valeur qui commence par « { » se met entre guillemets",
    ),
    (
        "end of stream",
        "yaml-syntaxe",
        "fin de fichier inattendue : guillemet non fermé ?",
        "fermez le guillemet ouvert plus haut",
    ),
    (
        "document indicator",
        "yaml-syntaxe",
        "« --- » ou « ... » en début de ligne dans un texte entre guillemets",
        "indentez cette ligne, ou fermez le guillemet ouvert plus haut",
    ),
    (
        "document separator",
        "yaml-syntaxe",
        "« --- » ou « ... » en début de ligne dans un texte entre guillemets",
        "indentez cette ligne, ou fermez le guillemet ouvert plus haut",
    ),
    (
        "unknown escape character",
        "yaml-syntaxe",
        "séquence d'échappement inconnue après « \\ »",
        "doublez la barre (« \\\\ ») ou mettez le texte entre apostrophes",
    ),
    (
        "hexadecimal number",
        "yaml-syntaxe",
        "séquence d'échappement « \\x », « \\u » ou « \\U » incomplète",
        "doublez la barre (« \\\\ ») ou mettez le texte entre apostrophes",
    ),
    (
        "hexdecimal number",
        "yaml-syntaxe",
        "séquence d'échappement « \\x », « \\u » ou « \\U » incomplète",
        "doublez la barre (« \\\\ ») ou mettez le texte entre apostrophes",
    ),
    (
        "invalid Unicode character escape",
        "yaml-syntaxe",
        "séquence d'échappement « \\u » qui ne désigne aucun caractère",
        None,
    ),
    ("control characters are not allowed", "yaml-syntaxe", "caractère de contrôle interdit", None),
    ("special characters are not allowed", "yaml-syntaxe", "caractère spécial interdit", None),
    ("unacceptable character", "yaml-syntaxe", "caractère interdit", None),
    (
        "sequence entries are not allowed",
        "yaml-syntaxe",
        "tiret « - » inattendu à cet endroit",
        None,
    ),
    (
        "cannot start any token",
        "yaml-syntaxe",
        "caractère qui ne peut pas commencer une valeur",
        "un texte qui commence par « @ », « ` » ou « % » se met entre guillemets",
    ),
    (
        "indentation indicator",
        "yaml-syntaxe",
        "après « | » ou « > », seuls « + », « - » ou un chiffre de 1 à 9 sont permis",
        "un texte qui commence par « | » ou « > » se met entre guillemets",
    ),
    (
        "while scanning a block scalar",
        "yaml-syntaxe",
        "après « | » ou « > », le texte commence à la ligne suivante",
        "un texte qui commence par « | » ou « > » se met entre guillemets",
    ),
    (
        "comment or a line break",
        "yaml-syntaxe",
        "fin de ligne attendue après la valeur",
        None,
    ),
    ("comment or line break", "yaml-syntaxe", "fin de ligne attendue après la valeur", None),
    ("undefined alias", "yaml-syntaxe", "alias non défini", None),
    ("duplicate anchor", "yaml-syntaxe", "ancre définie deux fois", None),
    ("document start", "yaml-syntaxe", "contenu inattendu après la fin du document", None),
    ("'-' indicator", "yaml-syntaxe", "élément de liste « - » attendu", None),
    ("while parsing a block collection", "yaml-syntaxe", "élément de liste « - » attendu", None),
    (
        "expected key",
        "yaml-syntaxe",
        "clé attendue : l'indentation est-elle juste ?",
        None,
    ),
    (
        "while parsing a block mapping",
        "yaml-syntaxe",
        "clé attendue : l'indentation est-elle juste ?",
        None,
    ),
    ("node content", "yaml-syntaxe", "valeur attendue", None),
    ("quoted scalar", "yaml-syntaxe", "texte entre guillemets non fermé", None),
)

_SYNTAX_HINTS = {
    "tabulation interdite": "YAML s'indente avec des espaces : remplacez les tabulations",
    "« : » inattendu à cet endroit": (
        "une valeur qui contient « : » se met entre guillemets, ou vérifiez l'indentation"
    ),
    "texte entre guillemets non fermé": "fermez le guillemet ouvert plus haut",
}


def _nesting_limit(exc: yaml.MarkedYAMLError) -> bool:
    """Whether libyaml stopped at its own nesting limit (worded differently by version)."""
    return "nest" in f"{exc.context or ''} {exc.problem or ''}".lower()


def _syntax_french(context: str | None, problem: str | None) -> tuple[str, str, str | None]:
    """(code, French message, hint) for a libyaml or PyYAML error's English words."""
    # PyYAML's own parser adds what it met (", but found '<block end>'"): not a clue
    original = f"{context or ''} {(problem or '').split(', but ')[0]}"
    for fragment, code, message, hint in _SYNTAX_FR:
        if fragment in original:
            return code, message, hint or _SYNTAX_HINTS.get(message)
    return (
        "yaml-syntaxe",
        "erreur de syntaxe YAML",
        "vérifiez l'indentation, les guillemets et les crochets à cet endroit",
    )


_GLUED_KEY = re.compile(r"[ \t]*(?:-[ \t]+)?([^\s:#\"'\[\]{},][^\s:]*):(?=[^\s:])")
"""The start of a line whose first word is a key glued to its value: `date:2025-10-06`."""


def _glued_key(text: str, index: int, file: str) -> Problem | None:
    """`date:2025-10-06` at `index`: read as text, not as a key (a space is missing)."""
    glued = _GLUED_KEY.match(text, index)
    if glued is None:
        return None
    colon = glued.end()
    end = text.find("\n", colon)
    value = text[colon : end if end >= 0 else len(text)].split(" #")[0].strip()
    shown = value if len(value) <= 40 else value[:39] + "…"
    key = glued.group(1)
    line = text.count("\n", 0, colon) + 1
    column = colon - (text.rfind("\n", 0, colon) + 1)
    return Problem(
        "yaml-syntaxe",
        f"il manque une espace après « : » : « {key}:{shown} » n'est pas lu comme une clé",
        file,
        line,
        column,
        hint=f"écrivez « {key}: {shown} » : une espace est nécessaire après les deux-points",
    )


def _previous_line(text: str, index: int) -> int | None:
    """Where the last non-blank, non-comment line before the one of `index` starts."""
    end = text.rfind("\n", 0, index)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        words = text[start:end].strip()
        if words and not words.startswith("#"):
            return start
        end = start - 1
    return None


def _missing_colon(mark: Any, file: str, text: str) -> Problem:
    """A key without its `:` (libyaml says so where it gave up: at the next line).

    The place is the would-be key's own line; `date:2025-10-06`, where the colon is
    there but glued to the value, gets its own message at the colon.
    """
    glued = _glued_key(text, mark.index - mark.column, file)
    if glued is not None:
        return glued
    return Problem(
        "yaml-syntaxe",
        "« : » attendu après la clé",
        file,
        mark.line + 1,
        mark.column + 1,
        hint="une clé s'écrit « clé: valeur » ; un texte qui continue s'indente sous sa clé",
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "while scanning a simple key" and exc.context_mark is not None:
        return _missing_colon(exc.context_mark, file, text)
    if mark is not None and "mapping values are not allowed" in (exc.problem or ""):
        # `- date:2025-10-06` then `  titre: x`: the first line began a text, which
        # the second continues until its `:`
        previous = _previous_line(text, mark.index)
        glued = None if previous is None else _glued_key(text, previous, file)
        if glued is not None:
            return glued
    code, message, hint = _syntax_french(exc.context, exc.problem)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        code, message = "yaml-syntaxe", "tabulation interdite"
        hint = _SYNTAX_HINTS[message]
    opened, found = exc.context_mark, exc.problem_mark
    if hint is None and opened is not None and found is not None and opened.line != found.line:
        hint = f"ce qui a commencé à la ligne {opened.line + 1} n'est pas fermé"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(code, message, file, line, column, hint=hint)


# What YAML forbids in a stream (C0 controls but tab, LF and CR; DEL; C1 controls;
# surrogates; U+FFFE, U+FFFF), plus the YAML 1.1 line breaks NEL, LS and PS: libyaml
# would break lines there while editors and YAML 1.2 do not, shifting every position.
_FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
_LINE_BREAKS_1_1 = {
    "\x85": "U+0085 (NEL) : souvent des points de suspension « … » mal convertis",
    "\u2028": "U+2028 (séparateur de ligne)",
    "\u2029": "U+2029 (séparateur de paragraphe)",
}


def _character_problem(text: str, index: int, file: str) -> Problem:
    index = min(max(index, 0), len(text))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    char = text[index] if index < len(text) else ""
    what = _LINE_BREAKS_1_1.get(char) or (f"U+{ord(char):04X}" if char else "?")
    return Problem(
        "yaml-syntaxe",
        f"caractère de contrôle interdit ({what})",
        file,
        line,
        column,
        hint="supprimez ce caractère invisible (souvent venu d'un copier-coller)",
    )


_STR_TAG = "tag:yaml.org,2002:str"


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


_CONTAINER_TAGS = (None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


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


class _Builder:
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
            if _nesting_limit(exc) and mark is not None and not cut:
                loader.dispose()
                self.read_before_limit(text, mark, start)
            else:
                self.doc.problems.append(_syntax_problem(exc, self.doc.file, text))
            self.root = None
        except yaml.YAMLError as exc:  # ReaderError and kin: no mark, a position at best
            position = getattr(exc, "position", 0)
            self.doc.problems.append(_character_problem(text, position, self.doc.file))
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
        elif tag is None or tag == "!" or tag == _STR_TAG:
            value = _quoted(event.value, event.style)
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
        if event.tag not in _CONTAINER_TAGS:
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
        control = _ESCAPED_CONTROL.search(key)
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


_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_SCALAR, _ENDS = yaml.ScalarEvent, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_DOCUMENT_START, _STREAM_END = yaml.DocumentStartEvent, yaml.StreamEndEvent


class _Bail(Exception):
    """The quick reader met something only the guarded builder may judge."""


def _read_quickly(text: str) -> tuple[bool, Any]:
    """Values from libyaml's events, without positions: (True, root) for an ordinary file.

    (False, None) for anything out of the ordinary — a syntax error, an anchor, an alias,
    a tag, a directive, a second document, a duplicate or complex key, deep nesting —
    which `_Builder` then reads again, guarded and with positions, to say what is wrong.
    Twice as fast as libyaml's own composer, which also builds a node per value.
    """
    parser = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
    get_event: Callable[[], Any] = parser.get_event
    containers: list[Any] = []
    pending_keys: list[str | None] = []
    container: Any = None
    key: str | None = None
    root: Any = None
    documents = 0
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor is not None:
                    raise _Bail
                if event.implicit[0]:
                    value: Any = resolve_plain(event.value)
                elif event.tag is None or event.tag == "!" or event.tag == _STR_TAG:
                    value = _quoted(event.value, event.style)
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
                if event.anchor is not None or event.tag not in _CONTAINER_TAGS:
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


# ---------------------------------------------------------------- comments eating a value

_GLUED_HASH = re.compile(r"#\S")
_COMMENT_AFTER = re.compile(r"[ \t]+(#\S[^\r\n]*)")
_QUOTED_VALUE = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[^\s\"'#][^\r\n]*?:[ \t]+)?[\"']")
"""A line whose value opens with a quote: its `#` is inside the quotes or after them."""


def _glued_comment_lines(text: str) -> list[int]:
    """0-based lines where a space, then `#` glued to a word, follow some text.

    Cheap (a search for a literal `#`), and a superset of the lines where a comment such
    as `#1` ends a value without quotes: comments (`# voir #2`, `  #---`) and lines whose
    value is quoted are left out here; quoted text spanning lines and block text are left
    to `_glued_comments`, which reads the events.
    """
    lines: list[int] = []
    line, counted = 0, 0
    for match in _GLUED_HASH.finditer(text):
        at = match.start()
        if at == 0 or text[at - 1] not in " \t":
            continue
        start = text.rfind("\n", 0, at) + 1
        before = text[start:at]
        if before.isspace() or " #" in before or "\t#" in before:
            continue
        if _QUOTED_VALUE.match(before):
            continue
        line += text.count("\n", counted, at)
        counted = at
        lines.append(line)
    return lines


def _glued_comments(text: str, file: str) -> list[Problem]:
    """Warnings for comments like `#1` that YAML cut from the end of an unquoted value.

    `titre: Formation PSSM #1` reads "Formation PSSM": a space then `#` starts a comment.
    An ordinary comment has a space after its `#` (`nature: clsm  # clsm, cls, ptsm`) and
    is left alone; `#` glued to what follows, right after a value without quotes on the
    same line, was most likely meant as part of the value. Only the lines the raw text
    points at are checked, reading events no further than the last of them.
    """
    lines = _glued_comment_lines(text)
    if not lines:
        return []
    wanted, last = set(lines), lines[-1]
    found: list[Problem] = []
    parser = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
    get_event: Callable[[], Any] = parser.get_event
    try:
        while parser.check_event():
            event = get_event()
            end = event.end_mark
            if type(event) is _SCALAR and not event.style and end.line in wanted:
                comment = _COMMENT_AFTER.match(text, end.index)
                if comment is not None:
                    found.append(_glued_comment(file, event.value, comment))
            elif event.start_mark.line > last:
                break
    except yaml.YAMLError:  # pragma: no cover - the file has just been read without error
        pass
    finally:
        parser.dispose()
    return found


def _glued_comment(file: str, value: str, comment: re.Match[str]) -> Problem:
    words = comment.group(1).rstrip()
    shown = words if len(words) <= 40 else words[:39] + "…"
    whole = f"{value}{comment.group(0)}".strip()
    quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
    cut = f"la valeur s'arrête à « {value} »" if value else "la valeur est vide"
    at = comment.start(1)
    line = comment.string.count("\n", 0, at) + 1
    column = at - (comment.string.rfind("\n", 0, at) + 1) + 1
    return Problem(
        "commentaire-dans-valeur",
        f"« {shown} » est lu comme un commentaire : {cut}",
        file,
        line,
        column,
        hint=(
            f"mettez la valeur entre guillemets ({quoted}) ; si c'est bien un commentaire,"
            " mettez une espace après « # »"
        ),
        severity=Gravite.AVERTISSEMENT,
    )


def parse(text: str, file: str) -> Document:
    """Text → Document: values, positions and every problem met."""
    doc = Document(file=file, text=text)
    builder = _Builder(doc)
    bad = _FORBIDDEN_CHARACTER.search(text)
    if bad is not None:
        doc.problems.append(_character_problem(text, bad.start(), file))
    else:
        quick, root = _read_quickly(text)
        if quick:
            builder.root = root
            doc.source.pending = text
        else:
            builder.run(text)
        if builder.root is not None and "#" in text:
            doc.problems.extend(_glued_comments(text, file))
    if builder.root is None and not doc.problems:
        doc.problems.append(
            Problem("fichier-vide", "le fichier ne contient aucune donnée", file, 1, 1)
        )
    elif builder.root is not None and not isinstance(builder.root, dict):
        what = "une liste" if isinstance(builder.root, list) else "une valeur seule"
        doc.problems.append(
            Problem(
                "racine-invalide",
                f"le fichier contient {what} : il doit commencer par des clés (nom: …)",
                file,
                1,
                1,
            )
        )
        builder.root = None
    doc.data = builder.root
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
    doc = parse(text, name)
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
