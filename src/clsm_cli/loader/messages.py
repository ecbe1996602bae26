"""libyaml's and PyYAML's errors in French: every message either library can give.

A syntax error becomes a located `Problem` with a stable code and a hint; a key glued to
its value (`date:2025-10-06`) is told as such (`glued_keys`), and a character YAML
forbids is named.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..french.agreement import compte
from ..problems import Problem
from .glued_keys import glued_key, missing_colon, previous_line

_QUOTE_HINT = "mettez le texte entre guillemets"

# libyaml's and PyYAML's messages, by the English fragment that names them; the first
# fragment found in "context problem" wins, so the narrower ones come first. Every message
# either library can give is covered (tests/test_loader.py lists them); whatever a future
# version adds falls back to a French message, never to English.
_ITEM_EXPECTED = "élément de liste « - » attendu : l'indentation est-elle juste ?"

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
    ("'-' indicator", "yaml-syntaxe", _ITEM_EXPECTED, None),
    ("while parsing a block collection", "yaml-syntaxe", _ITEM_EXPECTED, None),
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


def nesting_limit(exc: yaml.MarkedYAMLError) -> bool:
    """Whether libyaml stopped at its own nesting limit (worded differently by version)."""
    return "nest" in f"{exc.context or ''} {exc.problem or ''}".lower()


def syntax_french(context: str | None, problem: str | None) -> tuple[str, str, str | None]:
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


def syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    """A libyaml or PyYAML syntax error as a located French problem."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "while scanning a simple key" and exc.context_mark is not None:
        return missing_colon(exc.context_mark, file, text)
    if mark is not None and "mapping values are not allowed" in (exc.problem or ""):
        # `- date:2025-10-06` then `  titre: x`: the first line began a text, which
        # the second continues until its `:`
        previous = previous_line(text, mark.index)
        glued = None if previous is None else glued_key(text, previous, file)
        if glued is not None:
            return glued
        quoted = colon_in_text(text, mark.index, file)
        if quoted is not None:
            return quoted
        deeper = _over_indented(text, mark.line, file)
        if deeper is not None:
            return deeper
    code, message, hint = syntax_french(exc.context, exc.problem)
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        code, message = "yaml-syntaxe", "tabulation interdite"
        hint = _SYNTAX_HINTS[message]
    opened, found = exc.context_mark, exc.problem_mark
    if hint is None and opened is not None and found is not None and opened.line != found.line:
        hint = _indentation(text, exc.context, opened, found) or (
            f"ce qui a commencé à la ligne {opened.line + 1} n'est pas fermé"
        )
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return Problem(code, message, file, line, column, hint=hint)


def _indentation(text: str, context: str | None, opened: Any, found: Any) -> str | None:
    """`la ligne 36 commence en colonne 4 (3 espaces) ; les clés de l'élément commencé ligne
    35, en colonne 5`: a line out of line with the block libyaml was reading."""
    lines = text.splitlines()
    if max(opened.line, found.line) >= len(lines):
        return None
    line = lines[found.line]
    spaces = len(line) - len(line.lstrip(" "))
    if context == "while parsing a block mapping":
        expected, block = opened.column, "du bloc"
    elif context == "while parsing a block collection":
        item = lines[opened.line][opened.column :]
        if not item.startswith("-") or not item[1:].strip():
            return None
        expected = opened.column + 1 + len(item[1:]) - len(item[1:].lstrip(" "))
        block = "de l'élément"
    else:
        return None
    if spaces == expected:
        return None
    return (
        f"la ligne {found.line + 1} commence en colonne {spaces + 1} ({compte(spaces, 'espace')}) ;"
        f" les clés {block} commencé ligne {opened.line + 1}, en colonne {expected + 1}"
    )


_KEY = re.compile(r"[A-Za-z_][\w-]*")
"""What a key of clsm's files looks like (`date`, `public_cible`): one word."""


def _over_indented(text: str, line: int, file: str) -> Problem | None:
    """`    titre: x` then `     date: y`: a key indented deeper than the key above it,
    which YAML reads as more of that key's text until its `:`. Located at the line's start,
    with both columns."""
    lines = text.splitlines()
    above = line - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    if above < 0 or line >= len(lines):
        return None
    here, previous = lines[line], lines[above]
    spaces = len(here) - len(here.lstrip(" "))
    key = len(previous) - len(previous.lstrip(" "))
    if previous.lstrip().startswith("- "):
        key += 2 + len(previous.lstrip()[2:]) - len(previous.lstrip()[2:].lstrip(" "))
    word = here.strip().partition(":")[0]
    if spaces <= key or ":" not in previous[key:] or not _KEY.fullmatch(word):
        return None  # `  qui continue: ici`, words: more of a text, which wants quotes
    return Problem(
        "yaml-syntaxe",
        "« : » inattendu : l'indentation est-elle juste ?",
        file,
        line + 1,
        spaces + 1,
        hint=f"la ligne {line + 1} commence en colonne {spaces + 1} ({compte(spaces, 'espace')})"
        f" ; la clé de la ligne {above + 1}, en colonne {key + 1}",
    )


# The YAML 1.1 line breaks, named; the other characters a stream forbids (the package's
# `_FORBIDDEN_CHARACTER`) are named by their code point.
_LINE_BREAKS_1_1 = {
    "\x85": "U+0085 (NEL) : souvent des points de suspension « … » mal convertis",
    "\u2028": "U+2028 (séparateur de ligne)",
    "\u2029": "U+2029 (séparateur de paragraphe)",
}


def character_problem(text: str, index: int, file: str) -> Problem:
    """The character at `index`, which YAML forbids, as a located French problem."""
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


# `titre: Sensibiliser : le grand public`: the key, then a plain text that holds « : ».
_KEY_AND_TEXT = re.compile(
    r"^(?P<lead>[ \t]*(?:-[ \t]+)?[^\s\"'#\[{|>-][^:#]*?:[ \t]+)"
    r"(?P<text>[^\s\"'\[{|>&*!%@`].*?)(?P<comment>[ \t]+#.*)?[ \t]*$"
)


def quote(text: str) -> str:
    """A text between double quotes as YAML reads it back (between apostrophes when it holds
    a double quote or a backslash)."""
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def colon_in_text(text: str, index: int, file: str) -> Problem | None:
    """« : » followed by a space inside an unquoted text (`titre: Texte : suite`): YAML reads
    a second key there. The problem shows the line as it should be written."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    line = text[start : len(text) if end < 0 else end].rstrip("\r")
    found = _KEY_AND_TEXT.match(line)
    if found is None or start + len(found["lead"]) > index:
        return None
    fixed = found["lead"] + quote(found["text"]) + (found["comment"] or "")
    return Problem(
        "yaml-syntaxe",
        "« : » suivi d'une espace dans un texte sans guillemets : YAML y lit une nouvelle clé",
        file,
        text.count("\n", 0, index) + 1,
        index - start + 1,
        hint=f"mettez le texte entre guillemets, comme ceci : {fixed.strip()}",
    )


_ITEM_WITH_COLON = re.compile(r"^(?P<lead>[ \t]*-[ \t]+)(?P<text>[^\s\"'\[{].*?: .*?)[ \t]*$")


def quoted_item(line: str) -> str | None:
    """`- "Taux : 60 %"` for `- Taux : 60 %`, a list's text that YAML read as a key and
    its value; None when the line is not such an item."""
    found = _ITEM_WITH_COLON.match(line)
    if found is None or "#" in found["text"]:
        return None
    return (found["lead"] + quote(found["text"])).strip()


INVISIBLES = {
    "\u00a0": "une espace insécable (U+00A0)",
    "\u202f": "une espace fine insécable (U+202F)",
    "\u2007": "une espace insécable (U+2007)",
    "\u200b": "une espace de largeur nulle (U+200B)",
    "\u2060": "un gluon de mots (U+2060)",
    "\ufeff": "une marque d'ordre des octets (U+FEFF)",
}
"""The invisible characters word processors type, that a key may end up holding: Word and
macOS put a no-break space before « : » in French."""


def invisible_in(word: str) -> tuple[int, str] | None:
    """The index and the name of the first invisible character in a word, if any."""
    for index, char in enumerate(word):
        if char in INVISIBLES:
            return index, INVISIBLES[char]
    return None


def without_invisibles(word: str) -> str:
    """The word without its invisible characters (`territoire\u00a0` → `territoire`)."""
    return "".join(char for char in word if char not in INVISIBLES).strip()
