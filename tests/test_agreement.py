"""Plural and gender agree in every message, from one place (french/agreement.py): the
singular, plural and feminine cases through `clsm fmt`, `clsm diff` and `clsm validate`."""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel

from clsm_cli.french.agreement import accorde, compte, connu, forme, le, pronom, verbe
from clsm_cli.versions.labels import LIBELLES_CHAMPS
from conftest import MINIMAL, Result, write_tree

Cli = Callable[..., Result]

LONG = "Former les acteurs du territoire à la santé mentale, " * 2


def test_the_rules() -> None:
    assert compte(0, "fichier") == "0 fichier"
    assert compte(1, "fichier") == "1 fichier"
    assert compte(2, "laissé tel quel") == "2 laissés tels quels"
    assert forme(3, "valeur de référence") == "valeurs de référence"
    assert accorde("modifié", "l'intitulé") == "modifié"
    assert accorde("modifié", "l'unité") == "modifiée"
    assert accorde("modifié", "les prérequis") == "modifiés"
    assert accorde("modifié", "les notes") == "modifiées"
    assert accorde("reporté", "changement", 3) == "reportés"
    assert (pronom("l'action"), pronom("le partenaire"), pronom("les notes")) == ("la", "le", "les")
    assert (le("action"), le("réunion"), le("partenaire")) == (
        "l'action",
        "la réunion",
        "le partenaire",
    )
    assert verbe("les prérequis", "passe", "passent") == "passent"


def test_every_field_label_has_a_known_gender() -> None:
    for label in LIBELLES_CHAMPS.values():
        noun = re.sub(r"^(les |le |la |l')", "", label)
        assert connu(noun), label


def test_fmt_counts_agree(cli: Cli, tmp_path: Path) -> None:
    root = write_tree(tmp_path / "t", {**MINIMAL, "activite/2023.yaml": "annee: 2023\nx: [\n"})
    one = cli("fmt", root / "activite" / "2023.yaml")
    assert one.out.splitlines()[-1] == (
        "1 fichier : 0 reformaté, 0 déjà au format, 1 laissé tel quel."
    )
    single = cli("fmt", root / "plan.yaml")  # the minimal files are not in fmt's form
    assert single.out.splitlines()[-1] == "1 fichier : 1 reformaté, 0 déjà au format."
    (root / "activite" / "2024.yaml").write_text("annee: 2024\nx: [\n", "utf-8")
    many = cli("fmt", root)
    assert many.out.splitlines()[-1] == (
        "6 fichiers : 2 reformatés, 2 déjà au format, 2 laissés tels quels."
    )


@pytest.fixture
def two_plans(tmp_path: Path) -> tuple[Path, Path]:
    plan = MINIMAL["plan.yaml"]
    old = plan.replace(
        "titre: Former les acteurs",
        f"titre: {LONG}\n            description: {LONG}\n"
        f"            notes: {LONG}\n            prerequis: [Un local]\n"
        "            dispositifs_existants: Aucun",
    )
    new = plan.replace(
        "titre: Former les acteurs",
        f"titre: {LONG}en 2023\n            description: {LONG}en 2023\n"
        f"            notes: {LONG}en 2023\n            prerequis: [Une salle]\n"
        "            dispositifs_existants: Un GEM",
    )
    new += '  - id: "2"\n    titre: Agir ensemble\n'
    return (
        write_tree(tmp_path / "avant", {**MINIMAL, "plan.yaml": old}),
        write_tree(tmp_path / "apres", {**MINIMAL, "plan.yaml": new}),
    )


def test_diff_agrees_with_each_fields_gender_and_number(
    cli: Cli, two_plans: tuple[Path, Path]
) -> None:
    result = cli("diff", *two_plans)
    assert result.code == 0, result.err
    assert "action 1.1.1 : l'intitulé modifié\n" in result.out
    assert "action 1.1.1 : la description modifiée\n" in result.out
    assert "action 1.1.1 : les notes modifiées\n" in result.out
    assert "les dispositifs existants passent de « Aucun » à « Un GEM »" in result.out
    assert "axe 2 ajouté : Agir ensemble" in result.out
    assert "·" not in result.out
    markdown = cli("diff", *two_plans, "-f", "md")
    assert markdown.out.startswith("**6 changements**"), markdown.out


def test_one_change_is_singular(cli: Cli, tmp_path: Path) -> None:
    plan = MINIMAL["plan.yaml"]
    old = write_tree(tmp_path / "avant", dict(MINIMAL))
    new = write_tree(
        tmp_path / "apres", {**MINIMAL, "plan.yaml": plan.replace("Sensibiliser", "Informer")}
    )
    assert cli("diff", old, new, "-f", "md").out.startswith("**1 changement**")


def test_an_unknown_reference_is_added_with_the_right_pronoun(cli: Cli, tmp_path: Path) -> None:
    activity = (
        MINIMAL["activite/2022.yaml"]
        .replace("action: 1.1.1", "action: 1.1.9")
        .replace("instance: copil", "instance: bureau")
        .replace("partenaires: [ch]", "partenaires: [chu]")
    )
    root = write_tree(tmp_path / "t", {**MINIMAL, "activite/2022.yaml": activity})
    result = cli("validate", root)
    assert result.code == 1
    text = result.out
    assert re.search(r"l'action « 1\.1\.9 » n'existe pas\n(?:.*\n){0,3}.*ajoutez-la à plan", text)
    assert re.search(r"l'instance « bureau » n'existe pas\n(?:.*\n){0,3}.*ajoutez-la à", text)
    assert re.search(r"le partenaire « chu » n'existe pas\n(?:.*\n){0,3}.*ajoutez-le à", text)
    assert "ajoutez-le à plan" not in text


def test_every_field_of_every_kind_of_file_has_a_diff_label() -> None:
    """`clsm diff` names a field by its label: a field added to a model without one would be
    told by its key (`le champ « x »`); the label, with a known gender, is what agrees."""
    from clsm_cli.kinds import KINDS
    from clsm_cli.versions.labels import ENTREES, libelle

    seen: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, field in model.model_fields.items():
            assert name in LIBELLES_CHAMPS, f"{model.__name__}.{name}"
            for inner in _types(field.annotation):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    walk(inner)

    for kind in KINDS.values():
        walk(kind.model)
    assert len(seen) > 20
    assert libelle("nouveau_champ") == "le champ « nouveau_champ »"
    for entree in ENTREES.values():
        assert connu(entree.nom), entree.nom


def _types(annotation: object) -> list[object]:
    """An annotation and every type inside it (`list[Seance] | None` → Seance…)."""
    return [annotation, *(t for arg in typing.get_args(annotation) for t in _types(arg))]
