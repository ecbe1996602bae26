"""What `clsm init` and `clsm nouvelle-annee` write to be completed, left in a file: an
example text would be printed in the bilan, a meeting to complete counted as held."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ...loader import Path_
from ...problems import Problem
from ...resources import shipped
from .context import WARNING, Contexte

PLACEHOLDERS = shipped("init", "a-remplacer.txt")
"""The example texts `clsm init` writes, listed next to its templates."""


@functools.cache
def _texts_exemple() -> tuple[str, ...]:
    lines = PLACEHOLDERS.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def _placeholders() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(text) for text in _texts_exemple()))


def _texts(value: Any, path: Path_) -> Iterator[tuple[str, Path_]]:
    if isinstance(value, str):
        yield value, path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*path, i))


def placeholders(ctx: Contexte) -> Iterator[Problem]:
    """No example text of `clsm init` is left: it would be printed in the bilan as is."""
    pattern, exemples = _placeholders(), _texts_exemple()
    for doc in ctx.dossier.documents:
        # Most files: a few substring searches of the text, no walk (5× quicker than the
        # pattern on a 7 MB plan).
        if doc.data is None or not any(texte in doc.text for texte in exemples):
            continue
        for text, path in _texts(doc.data, ()):
            found = pattern.search(text)
            if found is not None:
                yield doc.problem(
                    "texte-exemple",
                    f"« {found.group()} » est un texte provisoire écrit par clsm (init ou import)",
                    path,
                    hint="remplacez-le par le vôtre : tel quel, il serait imprimé dans le bilan",
                    severity=WARNING,
                )


def meetings_to_complete(ctx: Contexte) -> Iterator[Problem]:
    """No meeting is left as `clsm nouvelle-annee` writes one for each body, to be completed
    or deleted (the year alone, nobody present, no agenda nor minutes): the bilan would
    count it as held (« 1 réunion en 2026 »)."""
    for doc, activite in ctx.dossier.activites:
        for i, reunion in enumerate(activite.reunions):
            dite = reunion.presents or reunion.ordre_du_jour or reunion.compte_rendu
            if len(reunion.date) != len("2026") or dite or reunion.participants is not None:
                continue
            yield doc.problem(
                "reunion-a-completer",
                f"réunion « {reunion.instance} » de {reunion.date} sans date précise, ni"
                " présents, ni ordre du jour : le bilan la compte comme tenue",
                ("reunions", i),
                hint=f"précisez sa date ({reunion.date}-04-15) et ses présents, ou supprimez-la"
                " si l'instance ne s'est pas réunie",
                severity=WARNING,
            )
