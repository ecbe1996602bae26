"""The PDF bilan (WeasyPrint, A4 portrait) keeps its indicators table within the page: a long
note under a value (« calculé : professionnels · cumul 2021–2022 : au moins 21 ») wraps in its
column, and « Écart » and « Statut » are neither cut nor pushed past the right margin."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result

Cli = Callable[..., Result]
Territory = Callable[..., Path]

MM = 72 / 25.4
MARGE_DROITE = 16 * MM
"""The right margin of bilan.css's `@page` (18mm 16mm 20mm), in points."""

PLAN = """\
    titre: Plan 2021-2024
    periode: {debut: 2021, fin: 2024}
    axes:
      - id: "1"
        titre: Lutter contre la stigmatisation
        objectifs:
          - id: "1.1"
            titre: Sensibiliser
            actions:
              - id: 1.1.1
                titre: Former les acteurs
                pilote: ch
                partenaires: [ville]
                indicateurs:
                  - id: 1.1.1-a
                    libelle: Part des agents d'accueil de la Ville formés
                    unite: pourcentage
                    numerateur: agents d'accueil formés
                    denominateur: agents d'accueil de la Ville
                    reference: {annee: 2020, valeur: 0}
                    cibles: [{annee: 2024, valeur: 60}]
                  - id: 1.1.1-b
                    libelle: Professionnels sensibilisés
                    unite: nombre
                    calcul: somme-participants
                    public: professionnels
                    cibles: [{annee: 2022, valeur: 30}, {annee: 2024, valeur: 100}]
                  - id: 1.1.1-c
                    libelle: Séances de sensibilisation
                    unite: nombre
                    calcul: nombre-seances
                    cibles: [{valeur: 12}]
    """

ACTIVITE = """\
    annee: 2022
    realisations:
      - action: 1.1.1
        type: formation
        titre: Info-formation
        date: 2022-05
        partenaires: [ch]
        publics: {professionnels: 21}
        seances:
          - date: 2022-05-06
            participants: 11
          - date: 2022-05-20
            participants: 10
    mesures:
      - indicateur: 1.1.1-a
        numerateur: 35
        denominateur: 42
    """

SANS_REFERENCE = "\n".join(line for line in PLAN.splitlines() if "reference:" not in line)
SANS_CIBLE = "\n".join(line for line in SANS_REFERENCE.splitlines() if "cibles:" not in line)


def mots(pdf: Path) -> tuple[float, list[tuple[int, float, float, str]]]:
    """The pages' width (all A4), and every word of the PDF as (page, right edge, top, text),
    in points."""
    sortie = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = ET.fromstring(sortie).findall(".//h:page", ns)
    return float(pages[0].attrib["width"]), [
        (numero, float(mot.attrib["xMax"]), round(float(mot.attrib["yMin"]), 1), mot.text or "")
        for numero, page in enumerate(pages, 1)
        for mot in page.findall("h:word", ns)
    ]


@pytest.mark.parametrize(
    ("plan", "colonnes"),
    [
        (PLAN, "Indicateur Action Référence Cible Valeur 2022 Écart Statut"),
        (SANS_REFERENCE, "Indicateur Action Cible Valeur 2022 Écart Statut"),
        (SANS_CIBLE, "Indicateur Action Valeur 2022"),
    ],
    ids=["references", "cibles", "sans-cible"],
)
def test_the_indicators_table_of_the_pdf_stays_within_the_page(
    cli: Cli, territory: Territory, tmp_path: Path, plan: str, colonnes: str
) -> None:
    """The « Valeur » cells did not wrap (white-space: nowrap): a long note widened the
    table past the page, « Écart » ran off its right edge and « Statut » off the page, a
    status cut mid-word (« en bonne vo », « valeur partiell »)."""
    pytest.importorskip("weasyprint")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext n'est pas installé")
    root = territory(plan_yaml=plan, activite__2022_yaml=ACTIVITE)
    pdf = tmp_path / "bilan.pdf"
    result = cli("report", "2022", root, "-o", pdf)
    assert result.code == 0, result.err
    largeur, tous = mots(pdf)
    lignes: dict[tuple[int, float], list[str]] = {}
    for page, _, haut, texte in tous:
        lignes.setdefault((page, haut), []).append(texte)
    # the table's heading row: on its first page, and again at the top of any later one
    entetes = [cle for cle, textes in lignes.items() if textes[:2] == ["Indicateur", "Action"]]
    assert entetes, "no indicators table found"
    pages = {page for page, _ in entetes}
    for cle in entetes:  # every column's heading, whole: none cut, none off the page
        assert " ".join(lignes[cle]) == colonnes
    dehors = [
        (page, texte, round(droite, 1))
        for page, droite, _, texte in tous
        if page in pages and droite > largeur - MARGE_DROITE + 0.5
    ]
    assert not dehors, f"text past the right margin ({largeur - MARGE_DROITE:.1f} pt): {dehors}"
    texte = "\n".join(" ".join(t) for (page, _), t in lignes.items() if page in pages)
    assert "professionnels" in texte  # the note under the value is there, wrapped
    if "Statut" in colonnes:  # each status on one line of its cell
        assert texte.count("en bonne voie") == 1
        assert texte.count("valeur partielle") == 2
