"""Pieces of evidence attached to a realisation, a meeting or a measurement: a file kept with
the territory (checked to exist) or a web address."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Result

Cli = Callable[..., Result]

ACTIVITY = """\
annee: 2022
realisations:
  - action: 1.1.1
    type: formation
    titre: Info-formation
    date: 2022-05
    partenaires: [ch]
    participants: 11
    pieces:
      - titre: Feuille d'émargement
        chemin: preuves/2022/emargement.pdf
      - titre: Questionnaire de satisfaction
        lien: https://example.org/questionnaire
reunions:
  - instance: copil
    date: 2022-04
    presents: [ville, unafam]
    participants: 9
    pieces:
      - titre: Compte rendu signé
        chemin: preuves/2022/copil-avril.pdf
"""


def test_a_missing_piece_is_said_where_its_path_is(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(activite__2022_yaml=ACTIVITY)
    (root / "preuves" / "2022").mkdir(parents=True)
    (root / "preuves" / "2022" / "emargement.pdf").write_bytes(b"%PDF-1.7\n")
    result = cli("validate", root, "-f", "json")
    assert result.code == 0
    found = [p for p in result.json()["problems"] if p["code"] == "piece-introuvable"]
    lines = ACTIVITY.splitlines()
    assert [(p["line"], p["severity"]) for p in found] == [
        (lines.index("        chemin: preuves/2022/copil-avril.pdf") + 1, "avertissement")
    ]
    assert "« Compte rendu signé » est introuvable" in found[0]["message"]
    (root / "preuves" / "2022" / "copil-avril.pdf").write_bytes(b"%PDF-1.7\n")
    assert cli("validate", root, "--strict").code == 0


def test_a_piece_is_a_file_or_an_address_not_both(cli: Cli, territory: Callable[..., Path]) -> None:
    both = ACTIVITY.replace(
        "        lien: https://example.org/questionnaire\n",
        "        lien: https://example.org/questionnaire\n        chemin: preuves/q.pdf\n",
    )
    result = cli("validate", territory(activite__2022_yaml=both), "-f", "json")
    assert result.code == 1
    messages = [p["message"] for p in result.json()["problems"] if p["severity"] == "erreur"]
    assert any("soit « chemin » (un fichier), soit « lien » (une adresse)" in m for m in messages)


def test_the_bilan_lists_the_pieces(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "bilan.md"
    assert cli("report", "2022", territory(activite__2022_yaml=ACTIVITY), "-o", target).code == 0
    md = target.read_text(encoding="utf-8")
    assert (
        "Pièces : Feuille d'émargement (preuves/2022/emargement.pdf) ; Questionnaire de"
        " satisfaction (https://example.org/questionnaire)." in md
    )
    assert "*Pièce : Compte rendu signé (preuves/2022/copil-avril.pdf).*" in md
