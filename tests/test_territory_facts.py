"""The territory's standing facts (communes, population, QPV, sectors, CLS, PTSM, contact)
are written in clsm.yaml and stated in the bilan's preamble, in every format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import MINIMAL, Result, bilans_sources

Cli = Callable[..., Result]

FACTS = """\
date_creation: 2016-06
communes: [Lorient, Lanester, Ploemeur]
population: 116500
population_source: INSEE, population légale 2021
typologie: urbain
quartiers_prioritaires: [Bois du Château, Kervénanec]
contrat_de_ville: true
secteurs_psychiatriques: [56G05, 56G06]
contrat_local_de_sante: CLS du pays de Lorient 2023–2027
ptsm: PTSM du Morbihan
contact:
  nom: Anne Le Goff
  fonction: coordinatrice
  courriel: clsm@example.org
"""

EXPECTED = (
    "juin 2016",
    "Lorient, Lanester et Ploemeur",
    "116\u202f500 habitants (INSEE, population légale 2021)",
    "Urbain",
    "Contrat de ville ; quartiers prioritaires : Bois du Château et Kervénanec",
    "56G05 et 56G06",
    "CLS du pays de Lorient 2023–2027",
    "PTSM du Morbihan",
    "Anne Le Goff, coordinatrice — clsm@example.org",
)


def test_the_preamble_states_the_territory(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory(clsm_yaml=MINIMAL["clsm.yaml"] + FACTS)
    assert cli("validate", root).code == 0
    outputs = bilans_sources(cli, root, tmp_path, ("md", "html", "docx"))
    assert "### Le territoire" in outputs["md"]
    for fact in EXPECTED:
        assert f"** : {fact}" in outputs["md"], fact
        assert fact in outputs["html"].replace("&#39;", "'"), fact
        assert fact in outputs["docx"], fact


def test_a_territory_without_these_facts_has_no_such_part(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "bilan.md"
    assert cli("report", "2022", territory(), "-o", target).code == 0
    assert "Le territoire" not in target.read_text(encoding="utf-8")


def test_a_wrong_typology_is_located(cli: Cli, territory: Callable[..., Path]) -> None:
    text = MINIMAL["clsm.yaml"] + "typologie: periurbain\n"
    result = cli("validate", territory(clsm_yaml=text), "-f", "json")
    problems = [p for p in result.json()["problems"] if p["severity"] != "info"]
    assert [(p["code"], p["line"]) for p in problems] == [
        ("valeur-invalide", text.splitlines().index("typologie: periurbain") + 1)
    ]
    assert "urbain, semi-urbain, rural" in problems[0]["hint"]
