"""The coordination: several people with their role and time, the elected officials in charge;
the coordination's time computed from the team's, never typed twice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import MINIMAL, Result

Cli = Callable[..., Result]

TEAM = """\
  equipe:
    - nom: Anne Le Goff
      role: coordinatrice
      etp: 0.8
    - nom: Paul Riou
      role: assistant
      etp: 0.2
  elus:
    - nom: Mme Martin
      delegation: adjointe à la santé
      collectivite: ville
"""


def clsm_yaml(team: str, etp: str = "") -> str:
    """The minimal clsm.yaml, its coordination with a team, and a typed `etp` or none."""
    text = MINIMAL["clsm.yaml"].replace("  etp: 0.5\n", etp)
    return text.replace("  structure_porteuse: ville\n", "  structure_porteuse: ville\n" + team)


def test_the_team_and_the_officials_in_the_bilan(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    text = clsm_yaml(TEAM)
    assert "etp: 0.8" in text
    root = territory(clsm_yaml=text)
    assert cli("validate", root).code == 0, cli("validate", root).out
    target = tmp_path / "bilan.md"
    assert cli("report", "2022", root, "-o", target).code == 0
    md = target.read_text(encoding="utf-8")
    assert "- **Temps de coordination** : 1 ETP" in md  # 0.8 + 0.2, computed
    assert (
        "- **Équipe** : Anne Le Goff (coordinatrice, 0,8 ETP) et Paul Riou (assistant, 0,2 ETP)"
        in md
    )
    assert "- **Élu référent** : Mme Martin (adjointe à la santé, Ville de Test)" in md


def test_a_typed_time_that_contradicts_the_team_is_said(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    text = clsm_yaml(TEAM, etp="  etp: 0.6\n")
    result = cli("validate", territory(clsm_yaml=text), "-f", "json")
    found = [p for p in result.json()["problems"] if p["code"] == "incoherence"]
    assert len(found) == 1
    assert found[0]["message"] == (
        "le temps de coordination (0,6 ETP) n'est pas la somme de celui de l'équipe (1 ETP)"
    )
    assert found[0]["line"] == text.splitlines().index("  etp: 0.6") + 1
    same = clsm_yaml(TEAM, etp="  etp: 1\n")
    result = cli("validate", territory(clsm_yaml=same), "-f", "json")
    assert [p["code"] for p in result.json()["problems"]] == ["chiffre-en-double"]


def test_an_official_of_an_unknown_collectivity(cli: Cli, territory: Callable[..., Path]) -> None:
    text = clsm_yaml(TEAM.replace("collectivite: ville", "collectivite: vile"))
    result = cli("validate", territory(clsm_yaml=text), "-f", "json")
    found = [p for p in result.json()["problems"] if p["code"] == "reference-inconnue"]
    assert len(found) == 1
    assert "vouliez-vous dire « ville » ?" in found[0]["hint"]


def test_meetings_held_against_meetings_planned(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    text = MINIMAL["clsm.yaml"].replace(
        "    type: copil\n",
        "    type: copil\n    presidence: l'adjointe à la santé\n    reunions_prevues: 4\n",
    )
    assert "reunions_prevues: 4" in text
    target = tmp_path / "bilan.md"
    assert cli("report", "2022", territory(clsm_yaml=text), "-o", target).code == 0
    assert "1 réunion en 2022 (4 prévues) :" in target.read_text(encoding="utf-8")


def test_a_body_with_meetings_planned_and_none_recorded_says_so(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A plenary planned once a year, none in the year's file: the bilan listed its members
    and said nothing of its meetings. It says none is recorded (not that none was held)."""
    text = MINIMAL["clsm.yaml"].replace(
        "    type: copil\n", "    type: copil\n    reunions_prevues: 1\n"
    )
    activity = MINIMAL["activite/2022.yaml"].replace(
        "reunions:\n  - instance: copil\n    date: 2022-04\n    presents: [ville, unafam]\n", ""
    )
    assert "reunions:" not in activity
    root = territory(clsm_yaml=text, activite__2022_yaml=activity)
    for fmt in ("md", "docx"):
        target = tmp_path / f"bilan.{fmt}"
        assert cli("report", "2022", root, "-o", target).code == 0
    md = (tmp_path / "bilan.md").read_text(encoding="utf-8")
    assert "Aucune réunion enregistrée en 2022 (1 prévue)." in md
    assert "0 réunion" not in md
    from docx import Document

    paragraphs = [p.text for p in Document(str(tmp_path / "bilan.docx")).paragraphs]
    assert "Aucune réunion enregistrée en 2022 (1 prévue)." in paragraphs
    # nothing planned, nothing recorded: nothing to say
    root = territory(activite__2022_yaml=activity)
    assert cli("report", "2022", root, "-o", tmp_path / "sans.md").code == 0
    assert "Aucune réunion" not in (tmp_path / "sans.md").read_text(encoding="utf-8")


def test_a_structure_present_that_is_not_a_member_is_marked_invited(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The copil's members are the town and UNAFAM; the hospital came to its meeting: it is
    « invitée », in every format. A body whose members are not listed marks nobody."""
    activity = MINIMAL["activite/2022.yaml"].replace(
        "presents: [ville, unafam]", "presents: [ville, ch, unafam]"
    )
    assert "[ville, ch, unafam]" in activity
    root = territory(activite__2022_yaml=activity)
    assert cli("validate", root, "--strict").code == 0
    said = "Structures présentes : Ville de Test, Centre hospitalier (invitée) et UNAFAM"
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"bilan.{fmt}"
        assert cli("report", "2022", root, "-o", target).code == 0
    assert said in (tmp_path / "bilan.md").read_text(encoding="utf-8")
    assert said in (tmp_path / "bilan.html").read_text(encoding="utf-8")
    from docx import Document

    paragraphs = [p.text for p in Document(str(tmp_path / "bilan.docx")).paragraphs]
    assert said in paragraphs
    # without a list of members, nobody is a guest
    no_members = MINIMAL["clsm.yaml"].replace(
        "    membres:\n      - partenaire: ville\n      - partenaire: unafam\n", ""
    )
    assert "membres:" not in no_members
    root = territory(clsm_yaml=no_members, activite__2022_yaml=activity)
    target = tmp_path / "sans-membres.md"
    assert cli("report", "2022", root, "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    assert "Structures présentes : Ville de Test, Centre hospitalier et UNAFAM" in text
    assert "invitée" not in text
