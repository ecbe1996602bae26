"""Every field the files accept is shown by an output, or the guide says why not.

A territory where every field is filled with a distinctive value (`riche.AJOUTS`) is put
through `clsm report` (the bilan in HTML) and `clsm export` (the Excel grid, read back);
each field of each model, walked recursively, must have its value in one of them, unless
`clsm_cli.affichage.NON_MONTRES` (which the guide lists) says why it is not shown.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from clsm_cli.affichage import NON_MONTRES
from clsm_cli.french.formatting import date_fr, nombre
from clsm_cli.kinds import KINDS
from clsm_cli.models.common import CLES_DATES, LISTES, Choix
from conftest import Result
from riche import AJOUTS, ANNEE, PLAN, ZEPHYR, territoire_riche
from test_wording import html_texts

Cli = Callable[..., Result]

AFFICHAGES: dict[tuple[str, str], str] = {
    ("territoire", "labellise_par"): "8 novembre 2016 (Fondation Quillebœuf-Suite)",
    ("territoire", "partenaires_fondateurs"): "UNAFAM de la Vienne et Association Zéphyrine",
    ("territoire", "coordination.structure_porteuse"): "Structure porteuse Association Zéphyrine",
    ("territoire", "coordination.coporteurs"): "Co-porteurs Fondation Quillebœuf-Suite",
    ("territoire", "coordination.etp"): "0,65 ETP",
    ("territoire", "coordination.financeurs.partenaire"): "Quillebœuf — Dispositif Zéphyr",
    ("territoire", "coordination.financeurs.part"): "Dispositif Zéphyr (7 %",
    ("territoire", "coordination.financeurs.periode.debut"): "12 345 € par an), 2019–2026",
    ("territoire", "coordination.financeurs.periode.fin"): "12 345 € par an), 2019–2026",
    ("territoire", "instances.depuis"): "Création : mars 2019",
    ("territoire", "instances.reunions_prevues"): "1 réunion en 2022 (4 prévues)",
    ("territoire", "contrat_de_ville"): "Contrat de ville ; quartiers prioritaires",
    ("territoire", "coordination.elus.collectivite"): "délégation zéphyr, Fondation Quillebœuf",
    ("plan", "axes.objectifs.actions.financements.budget.annee"): "Fonds Zéphyr 34 567 €",
    ("activite", "depenses.action"): "9.1.1 Action zéphyrienne Association Zéphyrine",
    ("activite", "depenses.financeur"): "Association Zéphyrine Quillebœuf Fonds Zéphyr",
    ("activite", "reunions.participants"): "17 participants ; structure présente",
    ("territoire", "coordination.equipe.etp"): "coordinatrice zéphyr, 0,4 ETP",
    ("territoire", "instances.membres.partenaire"): "Zéphyrine Quillebœuf (rôle zéphyrien)",
    ("territoire", "instances.membres.depuis"): "(rôle zéphyrien) — nouveau membre",
    ("partenaires", "partenaires.representant_usagers"): "bailleur Oui",
    ("partenaires", "partenaires.parent"): "Oui ville-poitiers",
    ("partenaires", "partenaires.depuis"): "ville-poitiers 2017 2029",
    ("partenaires", "partenaires.jusqu_a"): "2017 2029 zephyr-suite",
    ("partenaires", "partenaires.devenu"): "2029 zephyr-suite",
    ("partenaires", "partenaires.anciens_noms.jusqu_a"): "(AMZQ) jusqu'en 2016",
    ("plan", "periode.debut"): "Début de la période 2018",
    ("plan", "periode.fin"): "Fin de la période 2022",
    ("plan", "axes.id"): "9. Axe zéphyr",
    ("plan", "axes.objectifs.id"): "Objectif spécifique 9.1 Objectif zéphyr",
    ("plan", "axes.objectifs.actions.id"): "Action 9.1.1 Action zéphyrienne",
    ("plan", "axes.objectifs.actions.indicateurs.unite"): "Taux zéphyr pourcentage",
    ("plan", "axes.objectifs.actions.indicateurs.sens"): "87 % (2022) baisse",
    ("plan", "axes.objectifs.actions.indicateurs.types_realisation"): "nombre-realisations atelier",
    ("plan", "axes.objectifs.actions.pilote"): "mobiliser zéphyr Association Zéphyrine",
    ("plan", "axes.objectifs.actions.partenaires"): "Quillebœuf Fondation Quillebœuf-Suite 2019",
    ("plan", "axes.objectifs.actions.indicateurs.reference.annee"): "43 % (2018)",
    ("plan", "axes.objectifs.actions.indicateurs.reference.valeur"): "43 % (2018)",
    ("plan", "axes.objectifs.actions.indicateurs.cibles.annee"): "87 % (2022)",
    ("plan", "axes.objectifs.actions.indicateurs.cibles.valeur"): "87 % (2022)",
    ("plan", "axes.objectifs.actions.financements.financeur"): "Quillebœuf — Fonds Zéphyr",
    ("plan", "axes.objectifs.actions.financements.periode.debut"): "(23 456 € pour 2019–2022)",
    ("plan", "axes.objectifs.actions.financements.periode.fin"): "(23 456 € pour 2019–2022)",
    ("activite", "axes.axe"): "Axe 9 – Axe zéphyr",
    ("activite", "realisations.action"): "Action 9.1.1 – Action zéphyrienne",
    ("activite", "realisations.partenaires"): (
        "Fondation Quillebœuf-Suite et Association Zéphyrine Quillebœuf"
    ),
    ("activite", "realisations.type"): "Atelier · du 14 au 16 mars 2022",
    ("activite", "realisations.nombre_actions"): "13 actions",
    ("activite", "realisations.seances.repartition.partenaire"): "211 AZQ",
    ("activite", "realisations.seances.repartition.participants"): "211 AZQ, 7 Collectif",
    ("activite", "reunions.instance"): "Comité Zéphyr",
    ("activite", "reunions.presents"): "structure présente : Association Zéphyrine Quillebœuf",
    ("activite", "saisines.mois"): "Août Saisissant zéphyr",
    ("activite", "saisines.niveau"): "Saisissant zéphyr 2 Décision zéphyr",
    ("activite", "mesures.indicateur"): "Taux zéphyr",
    ("activite", "mesures.numerateur"): "83 % 35 / 42",
    ("activite", "mesures.denominateur"): "83 % 35 / 42",
    ("activite", "mesures.valeur"): "5 678 €",
    ("plan", "axes.objectifs.actions.indicateurs.cumul"): "Action 9.1.1 · dernière valeur",
    ("activite", "mesures.cumul"): "Cumul 2018–2022 (total relevé en 2022)",
    ("activite", "evaluations.repondants"): "77 répondants",
    ("activite", "evaluations.jugements.objectif"): "Objectif jugé zéphyr (objectif 9.1)",
    ("activite", "evaluations.jugements.appreciation"): "Objectifs non atteints",
    ("activite", "realisations.publics"): (
        "Public : 45 élus et 123 bénévoles ; non précisé pour 264"
    ),
    ("activite", "realisations.sexes"): "Sexe : 77 personnes d'un autre sexe ; non précisé pour",
    ("activite", "realisations.ages"): (
        "Âge : 31 personnes de moins de 7 ans et 29 personnes de 88 ans et plus"
    ),
    ("activite", "realisations.seances.publics"): "Public : 99 bénévoles ; non précisé pour 222",
    ("activite", "realisations.seances.sexes"): "Sexe : 55 personnes d'un autre sexe",
    ("activite", "realisations.seances.ages"): "Âge : 66 personnes de 7 à 87 ans",
}
"""How a field's value shows when it is not written as it is (a choice, a reference)."""


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _choice(annotation: Any) -> type[Choix] | None:
    if isinstance(annotation, type) and issubclass(annotation, Choix):
        return annotation
    for arg in typing.get_args(annotation):
        if (found := _choice(arg)) is not None:
            return found
    return None


def fields(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf field of a model, recursively, as (dotted path, annotation)."""
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        inner = _models(info.annotation)
        if inner:
            for sub in inner:
                yield from fields(sub, path)
        else:
            yield path, info.annotation


ALL_FIELDS = [(kind, path, ann) for kind, k in KINDS.items() for path, ann in fields(k.model)]


def planted(data: Any, path: list[str]) -> list[Any]:
    """The values `riche.AJOUTS` gives a path, through lists."""
    if isinstance(data, list):
        return [v for item in data for v in planted(item, path)]
    if not path:
        return [data]
    if not isinstance(data, dict) or path[0] not in data:
        return []
    return planted(data[path[0]], path[1:])


def _flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip().casefold()


def candidates(kind: str, path: str, annotation: Any, value: Any) -> list[str]:
    """The texts that show a planted value."""
    if (kind, path) in AFFICHAGES:
        return [AFFICHAGES[kind, path]]
    choice = _choice(annotation)
    if choice is not None:
        return [LISTES[choice].libelles[value], value]
    if isinstance(value, bool):
        raise AssertionError(f"{kind} {path} : dites dans AFFICHAGES comment un booléen se montre")
    if isinstance(value, int | float):
        return [nombre(value, 2), str(value)]
    if path.rsplit(".", 1)[-1] in CLES_DATES | {"date_creation"}:
        return [date_fr(value), value]
    if kind != "partenaires" and value in {p["id"] for p in AJOUTS["partenaires"]["partenaires"]}:
        raise AssertionError(f"{kind} {path} : dites dans AFFICHAGES où ce partenaire se montre")
    return [value]


@pytest.fixture(scope="module")
def sorties(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The rich territory's bilan (HTML texts), exported workbook (every cell) and evaluation
    of its plan (HTML texts), as text."""
    import openpyxl

    from clsm_cli.cli.main import main

    folder = tmp_path_factory.mktemp("shown")
    root = territoire_riche(folder / "poitiers")
    commands = {
        "bilan": ["report", str(ANNEE), str(root), "-f", "html", "-o", str(folder / "b.html")],
        "grille": ["export", str(root / PLAN), "-o", str(folder / "g.xlsx")],
        "evaluation": ["evaluation", str(root / PLAN), "-o", str(folder / "e.html")],
    }
    for argv in commands.values():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("sys.argv", ["clsm", *argv])
            with pytest.raises(SystemExit) as done:
                main()
        assert done.value.code == 0, argv
    bilan = " ".join(html_texts((folder / "b.html").read_text(encoding="utf-8")))
    book = openpyxl.load_workbook(folder / "g.xlsx")
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]
    evaluation = " ".join(html_texts((folder / "e.html").read_text(encoding="utf-8")))
    return {
        "bilan": _flat(bilan),
        "grille": _flat(" ".join(cells)),
        "evaluation": _flat(evaluation),
    }


def test_every_field_has_a_distinctive_value_or_a_reason() -> None:
    missing = [
        f"{kind} {path}"
        for kind, path, _ in ALL_FIELDS
        if (kind, path) not in NON_MONTRES and not planted(AJOUTS[kind], path.split("."))
    ]
    assert not missing, f"donnez une valeur dans tests/riche.py à : {missing}"


def test_the_reasons_name_real_fields() -> None:
    known = {(kind, path) for kind, path, _ in ALL_FIELDS}
    assert set(NON_MONTRES) <= known, set(NON_MONTRES) - known
    assert all(reason.strip() for reason in NON_MONTRES.values())


@pytest.mark.parametrize(
    ("kind", "path", "annotation"),
    [f for f in ALL_FIELDS if (f[0], f[1]) not in NON_MONTRES],
    ids=[f"{k}:{p}" for k, p, _ in ALL_FIELDS if (k, p) not in NON_MONTRES],
)
def test_every_field_is_shown(
    sorties: dict[str, str], kind: str, path: str, annotation: Any
) -> None:
    values = planted(AJOUTS[kind], path.split("."))
    shown = {
        texte
        for value in values
        for texte in candidates(kind, path, annotation, value)
        if any(_flat(texte) in sortie for sortie in sorties.values())
    }
    assert shown, (
        f"{kind} {path} ({values}) n'est montré ni par le bilan, ni par la grille, ni par"
        " l'évaluation :"
        " montrez-le, ou dites pourquoi dans clsm_cli/affichage.py"
    )


def test_a_reason_is_not_given_for_a_shown_field(sorties: dict[str, str]) -> None:
    """A field listed as not shown does not show its distinctive value (the list stays true)."""
    types = {(kind, path): ann for kind, path, ann in ALL_FIELDS}
    shown = []
    for (kind, path), _ in NON_MONTRES.items():
        for value in planted(AJOUTS[kind], path.split(".")):
            if isinstance(value, str) and "zéphyr" in value.casefold():
                texts = candidates(kind, path, types[kind, path], value)
                if any(_flat(t) in s for t in texts for s in sorties.values()):
                    shown.append(f"{kind} {path}")
    assert not shown, f"montrés, mais listés comme non montrés : {shown}"


def test_the_partner_is_really_in_the_bilan(sorties: dict[str, str]) -> None:
    """The rich additions reach the bilan (a guard against a vacuous check)."""
    assert _flat("Association Zéphyrine Quillebœuf") in sorties["bilan"]
    assert ZEPHYR in sorties["grille"]
