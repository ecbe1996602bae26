"""Each action's year: the activity file says where an action of the plan stood (statut,
avancement, commentaire); the plan's single `statut` is a snapshot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import MINIMAL, Result

Cli = Callable[..., Result]

FOLLOW_UP = """\
actions:
  - action: 1.1.1
    statut: en-cours
    avancement: 60
    commentaire: Deux sessions sur trois, la troisième reportée faute de formateur
"""


def test_an_actions_year_validates(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory(activite__2022_yaml=MINIMAL["activite/2022.yaml"] + FOLLOW_UP)
    assert cli("validate", root, "--strict").code == 0


def test_an_unknown_action_or_a_second_entry_is_located(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    text = (
        MINIMAL["activite/2022.yaml"]
        + FOLLOW_UP
        + "  - action: 1.1.1\n    statut: realisee\n  - action: 1.1.9\n    statut: prevue\n"
    )
    result = cli("validate", territory(activite__2022_yaml=text), "-f", "json")
    lines = text.splitlines()
    found = {(p["code"], p["line"]) for p in result.json()["problems"]}
    second = lines.index("  - action: 1.1.1", lines.index("actions:") + 2)
    assert ("id-duplique", second + 1) in found
    assert ("reference-inconnue", lines.index("  - action: 1.1.9") + 1) in found
    assert result.code == 1


def test_a_progress_over_100_is_refused(cli: Cli, territory: Callable[..., Path]) -> None:
    text = MINIMAL["activite/2022.yaml"] + FOLLOW_UP.replace("avancement: 60", "avancement: 160")
    result = cli("validate", territory(activite__2022_yaml=text), "-f", "json")
    assert ("valeur-hors-bornes", text.splitlines().index("    avancement: 160") + 1) in {
        (p["code"], p["line"]) for p in result.json()["problems"]
    }


def test_the_bilan_says_the_years_status_before_the_plans(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    plan = MINIMAL["plan.yaml"].replace("pilote: ch\n", "pilote: ch\n            statut: prevue\n")
    root = territory(plan_yaml=plan, activite__2022_yaml=MINIMAL["activite/2022.yaml"] + FOLLOW_UP)
    target = tmp_path / "bilan.md"
    assert cli("report", "2022", root, "-o", target).code == 0
    md = target.read_text(encoding="utf-8")
    assert (
        "*En 2022 : en cours, 60\u202f% — Deux sessions sur trois, la troisième reportée faute"
        " de formateur.*" in md
    )
    assert "Statut dans le plan" not in md
    without = territory(plan_yaml=plan)
    assert cli("report", "2022", without, "-o", target, "--force").code == 0
    assert "*Statut dans le plan : prévue.*" in target.read_text(encoding="utf-8")


def test_an_action_postponed_without_a_realisation_is_in_the_years_bilan(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A forum postponed in 2022, without anything done for it that year: its status and the
    reason were said by the evaluation only, never by the year's bilan."""
    plan = MINIMAL["plan.yaml"] + (
        "          - id: 1.1.2\n            titre: Organiser un forum\n"
        '  - id: "2"\n    titre: Coordonner\n    objectifs:\n      - id: "2.1"\n'
        "        actions:\n          - id: 2.1.1\n            titre: Réunir les élus\n"
    )
    activity = MINIMAL["activite/2022.yaml"] + (
        "actions:\n"
        "  - {action: 1.1.2, statut: reportee, commentaire: Salle indisponible}\n"
        "  - {action: 2.1.1, statut: abandonnee, commentaire: Faute de porteur}\n"
    )
    root = territory(plan_yaml=plan, activite__2022_yaml=activity)
    assert cli("validate", root, "--strict").code == 0
    outputs = {}
    for fmt in ("md", "html", "docx"):
        target = tmp_path / f"bilan.{fmt}"
        assert cli("report", "2022", root, "-o", target).code == 0
        outputs[fmt] = target
    md = outputs["md"].read_text(encoding="utf-8")
    forum = md.index("#### Action 1.1.2 – Organiser un forum")
    assert md.index("*En 2022 : reportée — Salle indisponible.*", forum) < md.index("### Axe 2")
    elus = md.index("#### Action 2.1.1 – Réunir les élus")
    assert "*En 2022 : abandonnée — Faute de porteur.*" in md[elus:]
    # an axis with no realisation has no total of 0
    assert "Total de l'axe" not in md[md.index("### Axe 2") :].split("\n## ")[0]
    assert "Organiser un forum" in outputs["html"].read_text(encoding="utf-8")
    from docx import Document

    text = "\n".join(p.text for p in Document(str(outputs["docx"])).paragraphs)
    assert "En 2022 : reportée — Salle indisponible" in text
