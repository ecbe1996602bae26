"""A mistake in a user's template is said in French, at its file and line, with the nearest
name: each common mistake in a territory's templates/bilan.html.j2, through `clsm report`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result

Cli = Callable[..., Result]


def with_template(root: Path, text: str, *, again: bool = False) -> Path:
    """The territory, with its own templates/bilan.html.j2."""
    (root / "templates").mkdir(exist_ok=again)
    (root / "templates" / "bilan.html.j2").write_text(text, encoding="utf-8")
    return root


MISTAKES = [
    (
        "{{ bilan.conclusio }}",
        "modele-invalide",
        "un objet Bilan n'a pas d'attribut « conclusio »",
        "vouliez-vous dire « activite.conclusion » ?",
    ),
    (
        "{{ bilan.axe }}",
        "modele-invalide",
        "un objet Bilan n'a pas d'attribut « axe »",
        "vouliez-vous dire « axes » ?",
    ),
    ("{{ bilann.annee }}", "modele-invalide", "nom inconnu : « bilann »", "« bilan »"),
    (
        "{% if bilan %}texte",
        "modele-invalide",
        "fin du modèle inattendue : le bloc « if » ouvert plus haut n'est pas fermé :"
        " ajoutez {% endif %}",
        None,
    ),
    ("{% iff bilan %}{% endif %}", "modele-invalide", "balise inconnue : « iff »", "« if »"),
    (
        "{% for a in bilan.axes %}{% endif %}",
        "modele-invalide",
        "balise « endif » inattendue : le bloc « for » ouvert plus haut n'est pas fermé :"
        " ajoutez {% endfor %}",
        None,
    ),
    ("{{ bilan annee }}", "modele-invalide", "« annee » inattendu, « }} » attendu", None),
    ("{{ bilan.annee + }}", "modele-invalide", "« }} » inattendu", None),
    ("{{ bilan.annee", "modele-invalide", "fin du modèle inattendue : « }} » attendu", None),
    ("{{ bilan. }}", "modele-invalide", "un nom ou un nombre est attendu après le point", None),
    ("{{ bilan.annee | nombr }}", "modele-invalide", "filtre inconnu : « nombr »", "« nombre »"),
    ("{# note", "modele-invalide", "commentaire non fermé", "« #} »"),
    (
        "{{ bilan.__class__ }}",
        "modele-interdit",
        "opération interdite dans le modèle : accès interdit à l'attribut « __class__ »"
        " d'un objet Bilan",
        "n'ont accès qu'aux données du bilan",
    ),
    (
        "{{ bilan.annee() }}",
        "modele-invalide",
        "ce nombre n'est pas une fonction : retirez les parenthèses",
        None,
    ),
]


@pytest.mark.parametrize(("body", "code", "message", "hint"), MISTAKES)
def test_a_template_mistake_is_said_in_french_at_its_line(
    cli: Cli,
    territory: Callable[..., Path],
    body: str,
    code: str,
    message: str,
    hint: str | None,
) -> None:
    root = with_template(territory(), f"<h1>Bilan</h1>\n{body}\n")
    result = cli("report", "2022", root, "-o", root / "bilan.html")
    assert result.code == 1, result.out + result.err
    assert f"templates/bilan.html.j2:2: erreur [{code}] {message}\n" in result.err
    if hint is not None:
        assert hint in result.err.split("aide :", 1)[1]
    for english in ("has no attribute", "is undefined", "Unexpected", "expected", "Encountered"):
        assert english not in result.err


def test_a_missing_included_template_is_named(cli: Cli, territory: Callable[..., Path]) -> None:
    root = with_template(territory(), "{% include 'entete.html.j2' %}\n")
    result = cli("report", "2022", root, "-o", root / "bilan.html")
    assert result.code == 1
    assert "bilan.html.j2:1: erreur [modele-invalide] modèle introuvable : entete.html.j2" in (
        result.err
    )
    typo = with_template(territory(), '{% extends "defaut:bilan.html.j2" %}\n', again=True)
    result = cli("report", "2022", typo, "-o", typo / "bilan.html")
    assert (
        "templates/bilan.html.j2:1: erreur [modele-invalide] modèle introuvable :"
        " defaut:bilan.html.j2"
    ) in result.err
    assert "vouliez-vous dire « default:bilan.html.j2 »" in result.err


def test_a_computed_column_says_the_same_as_the_bilan(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    layout = tmp_path / "faute.yaml"
    layout.write_text(
        "nom: faute\ntitre: F\nfeuille: F\ncolonnes:\n"
        "  - {entete: Intitulé, champ: action}\n"
        "  - {entete: Code, valeur: '{{ action.titr }}'}\n"
        "  - {entete: Pilote, valeur: '{{ actoin.pilote }}'}\n",
        encoding="utf-8",
    )
    result = cli("export", territory(), "-o", tmp_path / "x.xlsx", "--grille", layout)
    assert result.code == 1
    assert "(un objet Action n'a pas d'attribut « titr »)" in result.err
    assert "vouliez-vous dire « titre » ?" in result.err
    broken = tmp_path / "cassee.yaml"
    broken.write_text(layout.read_text().replace("action.titr }}", "action.titre"), "utf-8")
    result = cli("export", territory(), "-o", tmp_path / "y.xlsx", "--grille", broken)
    assert result.code == 1
    assert "expression Jinja valide (fin du modèle inattendue : « }} » attendu)" in result.err
