"""Money, year by year: the budget each funder plans for an action in a year (the plan), what
was spent (the year's activity), side by side in the bilan with totals by funder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import MINIMAL, Result, bilans_sources

Cli = Callable[..., Result]

PLAN = MINIMAL["plan.yaml"].replace(
    "            pilote: ch\n",
    "            pilote: ch\n"
    "            financements:\n"
    "              - financeur: ville\n"
    "                dispositif: Contrat de ville\n"
    "                budget:\n"
    "                  - {annee: 2022, montant: 12000}\n"
    "                  - {annee: 2023, montant: 15000}\n"
    "              - financeur: ch\n"
    "                budget:\n"
    "                  - {annee: 2022, montant: 3000}\n",
)
SPENT = """\
depenses:
  - action: 1.1.1
    financeur: ville
    dispositif: Contrat de ville
    montant: 10500
"""


def test_planned_and_spent_side_by_side(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    assert "budget:" in PLAN
    root = territory(plan_yaml=PLAN, activite__2022_yaml=MINIMAL["activite/2022.yaml"] + SPENT)
    assert cli("validate", root, "--strict").code == 0
    outputs = bilans_sources(cli, root, tmp_path, ("md", "docx"))
    md = outputs["md"]
    assert "## V. Financements 2022" in md
    assert (
        "| 1.1.1 Former les acteurs | Ville de Test | Contrat de ville | 12\u202f000\u00a0€ |"
        " 10\u202f500\u00a0€ |" in md
    )
    # the hospital's budget has no expense recorded: absent, not 0
    assert (
        "| 1.1.1 Former les acteurs | Centre hospitalier |  | 3\u202f000\u00a0€ | non renseigné |"
        in md
    )
    # nothing spent is known: the total says so, not « (partiel) » beside the funder's name
    assert "| Centre hospitalier | 3\u202f000\u00a0€ | non renseigné |" in md
    assert "| Ville de Test | 12\u202f000\u00a0€ | 10\u202f500\u00a0€ |" in md
    assert "Financements 2022" in outputs["docx"]
    assert "non renseigné" in outputs["docx"]


def test_a_total_some_line_lacks_is_a_lower_bound(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The town funds two lines; the year says what one of them spent: its total spent is
    « au moins 10 500 € », in every format, and its total planned, known for both, is whole."""
    plan = PLAN.replace(
        "              - financeur: ch\n",
        "              - financeur: ville\n"
        "                dispositif: Fonds d'intervention\n"
        "                budget:\n"
        "                  - {annee: 2022, montant: 2000}\n"
        "              - financeur: ch\n",
    )
    assert plan != PLAN
    root = territory(plan_yaml=plan, activite__2022_yaml=MINIMAL["activite/2022.yaml"] + SPENT)
    texts = bilans_sources(cli, root, tmp_path, ("md", "html", "docx"))
    total = "| Ville de Test | 14\u202f000\u00a0€ | au moins 10\u202f500\u00a0€ |"
    assert total in texts["md"]
    assert "au moins 10\u202f500\u00a0€" in texts["html"]
    assert "au moins 10\u202f500\u00a0€" in texts["docx"]
    assert "(partiel)" not in texts["md"] + texts["html"] + texts["docx"]


def test_no_money_no_section(cli: Cli, territory: Callable[..., Path], tmp_path: Path) -> None:
    target = tmp_path / "bilan.md"
    assert cli("report", "2022", territory(), "-o", target).code == 0
    assert "Financements" not in target.read_text(encoding="utf-8")


def test_an_expense_of_an_unknown_action_or_funder(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    text = MINIMAL["activite/2022.yaml"] + SPENT.replace("action: 1.1.1", "action: 1.1.7").replace(
        "financeur: ville", "financeur: vile"
    )
    result = cli("validate", territory(activite__2022_yaml=text), "-f", "json")
    lines = text.splitlines()
    found = {(p["code"], p["line"]) for p in result.json()["problems"]}
    assert ("reference-inconnue", lines.index("  - action: 1.1.7") + 1) in found
    assert ("reference-inconnue", lines.index("    financeur: vile") + 1) in found


def test_a_lump_sum_is_planned_over_the_evaluation_that_covers_its_years(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A funding given as one amount for the plan (`montant`, no `budget`): the evaluation
    said « Prévu : non renseigné ; dépensé : 3 000 € » over the plan's years, while the plan
    says 3 000 € were planned for them. A year's share of it stays unknown."""
    plan = MINIMAL["plan.yaml"].replace(
        "            pilote: ch\n",
        "            pilote: ch\n"
        "            financements:\n"
        "              - {financeur: ville, dispositif: Fonds propres, montant: 3000}\n",
    )
    spent = (
        "depenses:\n"
        "  - {action: 1.1.1, financeur: ville, dispositif: Fonds propres, montant: 3000}\n"
    )
    years = {
        "activite__2022_yaml": MINIMAL["activite/2022.yaml"],
        "activite__2023_yaml": "annee: 2023\n" + spent,
    }
    target = tmp_path / "evaluation.md"
    # 2022–2023 evaluated out of the plan's 2022–2024: the lump sum is not all theirs
    root = territory(plan_yaml=plan, **years)
    assert cli("evaluation", root, "-f", "md", "-o", target).code == 0
    assert "Prévu : non renseigné ; dépensé : 3\u202f000\u00a0€" in target.read_text(
        encoding="utf-8"
    )
    root = territory(plan_yaml=plan, activite__2024_yaml="annee: 2024\n", **years)
    assert cli("evaluation", root, "-f", "md", "-o", target, "--force").code == 0
    text = target.read_text(encoding="utf-8")
    assert "Prévu : 3\u202f000\u00a0€ ; dépensé : 3\u202f000\u00a0€" in text
    # the year's bilan: the year's share is not known
    bilan = tmp_path / "bilan.md"
    assert cli("report", "2023", root, "-o", bilan).code == 0
    assert "| Fonds propres | non renseigné | 3\u202f000\u00a0€ |" in bilan.read_text(
        encoding="utf-8"
    )


def test_a_lump_sum_of_other_years_leaves_the_planned_amount_whole(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A lump sum for 2025–2026 says nothing of 2022–2023: the planned amount of those
    years is not made « au moins » by it."""
    plan = (
        MINIMAL["plan.yaml"]
        .replace(
            "            pilote: ch\n",
            "            pilote: ch\n"
            "            financements:\n"
            "              - financeur: ville\n"
            "                budget: [{annee: 2022, montant: 1000}, {annee: 2023, montant: 1000}]\n"
            "              - {financeur: ch, montant: 500, periode: {debut: 2025, fin: 2026}}\n",
        )
        .replace("periode: {debut: 2022, fin: 2024}", "periode: {debut: 2022, fin: 2026}")
    )
    assert "fin: 2026" in plan
    root = territory(plan_yaml=plan, activite__2023_yaml="annee: 2023\n")
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-f", "md", "-o", target).code == 0
    assert "Prévu : 2\u202f000\u00a0€ ; dépensé : non renseigné" in target.read_text(
        encoding="utf-8"
    )


def test_the_evaluation_says_what_was_spent_beyond_the_plan(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """27 000 € planned by the town over 2022–2023, 27 500 € spent: the action's period says
    « 500 € de plus que prévu », in every format; within its budget it says nothing more."""
    plan = PLAN.replace(
        "              - financeur: ch\n"
        "                budget:\n"
        "                  - {annee: 2022, montant: 3000}\n",
        "",
    ).replace("periode: {debut: 2022, fin: 2024}", "periode: {debut: 2022, fin: 2023}")
    assert "financeur: ch\n" not in plan
    assert "fin: 2023}" in plan
    years = {
        "activite__2022_yaml": MINIMAL["activite/2022.yaml"] + SPENT,
        "activite__2023_yaml": "annee: 2023\n" + SPENT.replace("10500", "17000"),
    }
    root = territory(plan_yaml=plan, **years)
    assert cli("validate", root, "--strict").code == 0
    said = (
        "Prévu : 27\u202f000\u00a0€ ; dépensé : 27\u202f500\u00a0€ (500\u00a0€ de plus que prévu)"
    )
    for fmt in ("md", "html"):
        target = tmp_path / f"evaluation.{fmt}"
        assert cli("evaluation", root, "-f", fmt, "-o", target).code == 0
        assert said in target.read_text(encoding="utf-8"), fmt
    docx = tmp_path / "evaluation.docx"
    assert cli("evaluation", root, "-f", "docx", "-o", docx).code == 0
    from docx import Document

    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    cells = [c.text for t in Document(str(docx)).tables for row in t.rows for c in row.cells]
    assert any(said in text for text in paragraphs + cells)
    # within its budget: nothing more is said
    years["activite__2023_yaml"] = "annee: 2023\n" + SPENT.replace("10500", "16000")
    root = territory(plan_yaml=plan, **years)
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-f", "md", "-o", target, "--force").code == 0
    text = target.read_text(encoding="utf-8")
    assert "Prévu : 27\u202f000\u00a0€ ; dépensé : 26\u202f500\u00a0€" in text
    assert "de plus que prévu" not in text


def test_a_lump_sum_is_said_with_its_years_in_the_bilan(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """« Fonds propres (3 000 €) » under an action of the 2023 bilan read as the year's money;
    it is the plan's, or its own period's."""
    plan = MINIMAL["plan.yaml"].replace(
        "            pilote: ch\n",
        "            pilote: ch\n"
        "            financements:\n"
        "              - {financeur: ville, dispositif: Fonds propres, montant: 3000}\n"
        "              - financeur: ch\n"
        "                montant: 800\n"
        "                periode: {debut: 2022, fin: 2023}\n",
    )
    root = territory(plan_yaml=plan)
    assert cli("validate", root, "--strict").code == 0
    texts = bilans_sources(cli, root, tmp_path, ("md", "docx"))
    said = (
        "Financements : Ville de Test — Fonds propres (3\u202f000\u00a0€ pour 2022–2024) ;"
        " Centre hospitalier (800\u00a0€ pour 2022–2023)"
    )
    assert said in texts["md"]
    assert said in texts["docx"]
