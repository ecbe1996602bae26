"""Coordinators' files exist: a file valid today stays valid, with the same figures.

tests/data/compat/ holds copies of the bundled examples as they were on 2026-11-30 and of a
territory a stranger wrote that day from the README and the guide (Lorient). They are never
rewritten: when the format grows, these old shapes must still validate, and the bilan must
still compute the same figures from them. `figures.json` is what the bilan computed that
day; change it only when a figure was wrong, and say so in the commit.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clsm_cli.bilan import annees_disponibles, build_bilan
from clsm_cli.validation.pipeline import validate_paths
from conftest import REPO, Result

Cli = Callable[..., Result]
COMPAT = REPO / "tests" / "data" / "compat"
TERRITORIES = sorted(p.parent.name for p in COMPAT.glob("*/clsm.yaml"))
EXPECTED = json.loads((COMPAT / "figures.json").read_text(encoding="utf-8"))


def figures(root: Path) -> dict[str, Any]:
    """The figures each year's bilan computes, keyed by year."""
    dossier = validate_paths([root]).dossiers[0]
    years: dict[str, Any] = {}
    for annee in annees_disponibles(dossier):
        bilan = build_bilan(dossier, annee)
        years[str(annee)] = {
            "personnes": bilan.personnes.valeur,
            "presences": bilan.presences.valeur,
            "partenaires_actifs": bilan.partenariat.nombre if bilan.partenariat else None,
            "saisines": bilan.cellule.nombre if bilan.cellule else None,
            "indicateurs": {
                f"{ligne.action.id} {ligne.indicateur.id}": ligne.valeur_num
                for ligne in bilan.indicateurs
            },
        }
    return years


@pytest.mark.parametrize("name", TERRITORIES)
def test_yesterdays_files_still_validate(cli: Cli, tmp_path: Path, name: str) -> None:
    copy = tmp_path / name
    shutil.copytree(COMPAT / name, copy)
    result = cli("validate", copy)
    assert result.code == 0, result.out
    assert "erreur" not in result.out


@pytest.mark.parametrize("name", TERRITORIES)
def test_yesterdays_files_give_the_same_figures(name: str) -> None:
    assert figures(COMPAT / name) == EXPECTED[name]


def test_every_copy_has_its_figures() -> None:
    assert sorted(EXPECTED) == TERRITORIES
