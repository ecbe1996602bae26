"""MkDocs hook: the guide's reference parts are written from the code at each build.

A page asks for them with a marker on a line of its own:

- `<!-- clsm:champs KIND -->`: every object of a file kind (`territoire`, `partenaires`,
  `plan`, `activite`) with every field, its value, whether it is required and its French
  description, read from the kind's JSON Schema (the one editors show);
- `<!-- clsm:listes KIND -->`: the closed lists of values of that kind, with their labels;
- `<!-- clsm:codes -->`: the problem codes of `problems.CATALOGUE`;
- `<!-- clsm:absents KIND -->`: the fields of that kind that no output shows, and why
  (`affichage.NON_MONTRES`, which `tests/test_shown.py` keeps true).

Nothing generated is committed, so the guide cannot drift from the models. An unknown
marker fails the build.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

_SRC = Path(__file__).resolve().parent.parent / "src"
if str(_SRC) not in sys.path:  # document the code beside this guide, installed or not
    sys.path.insert(0, str(_SRC))

from clsm_cli.affichage import NON_MONTRES  # noqa: E402
from clsm_cli.kinds import KINDS  # noqa: E402
from clsm_cli.problems import CATALOGUE  # noqa: E402
from clsm_cli.schema import schema_of  # noqa: E402

MARKER = re.compile(r"^<!-- clsm:(\w+)(?: (\w+))? -->$", re.MULTILINE)
VALEURS = "index.md"
"""The page (relative to the file pages) that explains identifiers, texts, dates…"""


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Expand the markers of a page."""
    return MARKER.sub(lambda m: expand(m.group(1), m.group(2), page.file.src_uri), markdown)


def expand(what: str, kind: str | None, where: str) -> str:
    """The Markdown a marker stands for."""
    if what == "codes" and kind is None:
        return codes()
    if what == "absents" and kind in KINDS:
        return absents(kind)
    if what in ("champs", "listes") and kind in KINDS:
        objects, enums = definitions(kind)
        return champs(kind, objects) if what == "champs" else listes(enums)
    raise ValueError(f"{where}: marqueur inconnu « clsm:{what} {kind or ''} »")


def definitions(kind: str) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, Any]]]:
    """The kind's objects (root first, then in the order its fields name them) and enums."""
    schema = schema_of(kind)
    defs: dict[str, Any] = schema.get("$defs", {})
    objects: list[tuple[str, dict[str, Any]]] = []
    enums: list[tuple[str, Any]] = []
    seen: set[str] = set()

    def visit(anchor: str, node: dict[str, Any]) -> None:
        objects.append((anchor, node))
        for ref in refs(node.get("properties", {})):
            if ref in seen:
                continue
            seen.add(ref)
            if "enum" in defs[ref]:
                enums.append((ref.lower(), defs[ref]))
            else:
                visit(ref.lower(), defs[ref])

    model_title = KINDS[kind].model.model_config.get("title") or schema["title"]
    visit(kind, {**schema, "title": model_title})
    return objects, enums


def refs(node: Any) -> list[str]:
    """The definitions a node names, in order."""
    if isinstance(node, dict):
        found = [node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else []
        return found + [r for value in node.values() for r in refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in refs(value)]
    return []


def champs(kind: str, objects: list[tuple[str, dict[str, Any]]]) -> str:
    """One section per object: its description, then a table of its fields."""
    defs = schema_of(kind).get("$defs", {})
    parts = []
    for anchor, node in objects:
        required = set(node.get("required", []))
        rows = [
            f"| `{key}` | {valeur(prop, defs)} | {obligatoire(key in required, prop)}"
            f" | {cell(prop['description'])} |"
            for key, prop in node["properties"].items()
        ]
        parts.append(
            f"### {node['title']} {{#{anchor}}}\n\n{node['description']}\n\n"
            "| clé | valeur | obligatoire | description |\n|---|---|---|---|\n" + "\n".join(rows)
        )
    return "\n\n".join(parts)


def listes(enums: list[tuple[str, Any]]) -> str:
    """One section per closed list: each value and what it means."""
    parts = []
    for anchor, node in enums:
        rows = [
            f"| `{value}` | {cell(label)} |"
            for value, label in zip(node["enum"], node["enumDescriptions"], strict=True)
        ]
        parts.append(
            f"### {node['title']} {{#{anchor}}}\n\n{node['description']}\n\n"
            "| valeur | signification |\n|---|---|\n" + "\n".join(rows)
        )
    return "\n\n".join(parts) if parts else "Ce fichier n'a pas de liste de valeurs."


def valeur(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    """What a field holds, in words, with links to the objects and lists it names."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        link = f"[{defs[name]['title'].lower()}](#{name.lower()})"
        return f"une valeur de la liste {link}" if "enum" in defs[name] else link
    options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        return valeur(options[0], defs)
    if options:
        patterns = [o.get("pattern", "") for o in options]
        if any(p.startswith("^[A-Za-z0-9]") for p in patterns):
            return f"[identifiant]({VALEURS}#identifiants)"
        if any(p.startswith("^\\d{4}") for p in patterns):
            return f"[date]({VALEURS}#dates)"
        return f"[texte]({VALEURS}#textes)"
    match prop.get("type"):
        case "object" if "$ref" in prop.get("propertyNames", {}):  # a breakdown by a list
            keys = valeur(prop["propertyNames"], defs).removeprefix("une ")
            return f"un [nombre entier]({VALEURS}#nombres) par {keys}"
        case "object" if "propertyNames" in prop:  # a breakdown by age band
            return f"un [nombre entier]({VALEURS}#nombres) par tranche d'âge (`18-25`)"
        case "string" if "tranche" in prop.get("description", ""):
            return "une tranche d'âge (`moins-de-18`, `18-25`, `60+`)"
        case "array":
            return liste_de(valeur(prop["items"], defs))
        case "boolean":
            return "`true` ou `false`"
        case "integer" if (prop.get("minimum"), prop.get("maximum")) == (1900, 2200):
            return f"[année]({VALEURS}#nombres)"
        case "integer":
            return f"[nombre entier]({VALEURS}#nombres){bornes(prop)}"
        case "number":
            return f"[nombre]({VALEURS}#nombres){bornes(prop)}"
    raise ValueError(f"valeur non décrite dans le guide : {prop}")


def liste_de(item: str) -> str:
    """`liste d'identifiants`, `liste de textes`, `liste (chaque élément : [action](#action))`."""
    plain = re.fullmatch(r"\[(\w+)\]\((.+)\)", item)
    if plain and plain.group(1) in ("identifiant", "texte", "date"):
        word, target = plain.groups()
        article = "d'" if word[0] == "i" else "de "
        return f"liste {article}[{word}s]({target})"
    return f"liste (chaque élément : {item})"


def bornes(prop: dict[str, Any]) -> str:
    """The bounds of a number, in words."""
    low, high = prop.get("minimum"), prop.get("maximum")
    if high is not None and high >= 1_000_000:  # a bound against absurd input, not a rule
        high = None
    strict_low = prop.get("exclusiveMinimum")
    if low is not None and high is not None:
        return f", de {nombre(low)} à {nombre(high)}"
    if strict_low is not None:
        return f", plus grand que {nombre(strict_low)}"
    if low is not None:
        return f", {nombre(low)} ou plus"
    return ""


def nombre(value: float) -> str:
    """A bound as a French reader writes it: `10 000 000`, `0,5`."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return str(value).replace(".", ",")


def obligatoire(required: bool, prop: dict[str, Any]) -> str:
    """`oui`, `non`, or `non (défaut : hausse)`."""
    if required:
        return "**oui**"
    default = prop.get("default")
    if default in (None, [], False):
        return "non"
    return f"non (par défaut : `{default}`)"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def codes() -> str:
    """The table of every problem code and what it means."""
    rows = [f'| <a id="{code}"></a>`{code}` | {cell(sens)} |' for code, sens in CATALOGUE.items()]
    return "| code | signification |\n|---|---|\n" + "\n".join(rows)


def absents(kind: str) -> str:
    """The fields of a kind that neither the bilan nor the grid shows, and why."""
    rows = [
        f"| `{path}` | {cell(raison)} |"
        for (which, path), raison in NON_MONTRES.items()
        if which == kind
    ]
    if not rows:
        return "Le bilan ou la grille montre chaque champ de ce fichier."
    return "| champ | pourquoi il n'est pas montré |\n|---|---|\n" + "\n".join(rows)
