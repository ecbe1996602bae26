"""The JSON Schemas speak French to the people who read them on hover in their editor."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import pytest

from clsm_cli import models
from clsm_cli.kinds import KINDS
from clsm_cli.models import (
    activite,
    common,
    evaluation,
    indicateurs,
    oscars,
    partenaires,
    plan,
    publics,
    realisations,
    territoire,
)
from clsm_cli.models.common import LISTES, Choix
from clsm_cli.schema import schema_of

ENGLISH = re.compile(
    r"\b(the|of|and|one|is|are|an|which|when|what|how|its|each|row|with|for|from|who|"
    r"whether|where|kind|thing|body|value|year|partner)\b",
    re.IGNORECASE,
)
"""Common English words that no French description uses ("a" is French: « il a »)."""


def english(text: str) -> bool:
    return bool(ENGLISH.search(text)) or text.startswith(("A ", "An ", "One "))


def texts(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every title, description and value label of a schema, with where it is."""
    if isinstance(node, dict):
        for key in ("title", "description"):
            if isinstance(node.get(key), str):
                yield f"{where}.{key}", node[key]
        for label in node.get("enumDescriptions", []):
            yield f"{where}.enumDescriptions", label
        for key, value in node.items():
            yield from texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{where}[{index}]")


@pytest.mark.parametrize("kind", KINDS)
def test_no_title_or_description_is_english(kind: str) -> None:
    found = [(where, text) for where, text in texts(schema_of(kind)) if english(text)]
    assert found == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_model_and_property_is_described(kind: str) -> None:
    schema = schema_of(kind)
    objects = {"(racine)": schema, **schema["$defs"]}
    for name, definition in objects.items():
        assert definition.get("title"), name
        assert definition.get("description"), name
        assert not re.search(r"[a-z][A-Z]", definition["title"]), name  # not a class name
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key} n'a pas de description"
            assert "title" not in prop, f"{name}.{key}: titre automatique {prop['title']!r}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_enum_value_has_a_french_label(kind: str) -> None:
    enums = [d for d in schema_of(kind)["$defs"].values() if "enum" in d]
    assert enums
    for definition in enums:
        labels = definition["enumDescriptions"]
        assert len(labels) == len(definition["enum"]), definition["title"]
        assert all(labels), definition["title"]


def test_every_enum_of_the_models_is_described() -> None:
    enums = {
        value
        for module in (
            common,
            partenaires,
            plan,
            indicateurs,
            publics,
            territoire,
            activite,
            realisations,
            oscars,
            evaluation,
        )
        for _, value in inspect.getmembers(module, inspect.isclass)
        if issubclass(value, StrEnum) and value not in (StrEnum, Choix)
    }
    assert all(issubclass(enum, Choix) for enum in enums)
    assert enums == set(LISTES)
    for enum, liste in LISTES.items():
        assert set(liste.libelles) == {member.value for member in enum}, enum.__name__


def test_the_developers_docstrings_stay_english() -> None:
    """The French texts are distinct from the code's docstrings, which stay English."""
    schema = schema_of("plan")
    assert models.Plan.__doc__ == "A multi-year action plan."
    assert schema["$defs"]["Action"]["description"] != plan.Action.__doc__
    assert schema["$defs"]["Statut"]["enumDescriptions"][1] == "En cours"
    partenaire = schema_of("partenaires")["$defs"]["Partenaire"]["properties"]
    assert partenaire["representant_usagers"]["description"].startswith("Représente")
