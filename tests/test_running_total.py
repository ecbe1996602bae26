"""An indicator that adds up, under a target aimed over several years: each year's bilan,
the workbook's follow-up sheet and the evaluation judge the running total of its years, and
say so (figures/cumul.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from clsm_cli.evaluation.suivi import LigneSuivi
from conftest import MINIMAL, Result, at
from test_evaluation_figures import PLAN, evaluation_of

Cli = Callable[..., Result]


def activite(annee: int, participants: int) -> str:
    return (
        f"annee: {annee}\nrealisations:\n  - {{action: 1.1.1, type: formation, titre: Formation,"
        f" date: {annee}-05, participants: {participants}}}\n"
    )


def bilan_row(cli: Cli, root: Path, annee: int, folder: Path) -> list[str]:
    """The « Personnes formées » row of the year's bilan, written in Markdown."""
    target = folder / f"bilan-{annee}.md"
    assert cli("report", annee, root, "-o", target).code == 0
    return row_of(target, "Personnes formées")


def personnes(root: Path) -> LigneSuivi:
    """The evaluation's line of « Personnes formées »."""
    return next(s for s in evaluation_of(root).indicateurs if s.indicateur.id.endswith("nes"))


def row_of(markdown: Path, libelle: str) -> list[str]:
    """The cells of the bilan's indicator row (libellé, action, cible, valeur, écart, statut)."""
    [row] = [r for r in markdown.read_text(encoding="utf-8").splitlines() if f"| {libelle}" in r]
    return [cell.strip() for cell in row.strip("|").split("|")]


def test_the_last_year_is_judged_by_the_sum_of_the_plan_s_years(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """60 persons over 2022–2024 (the plan's final target): 21, 10, then 30 make 61. The
    2024 bilan used to compare 30 with 60 and say « non atteint », while the evaluation said
    « atteint »."""
    root = territory(
        plan_yaml=PLAN,
        activite__2022_yaml=activite(2022, 21),
        activite__2023_yaml=activite(2023, 10),
        activite__2024_yaml=activite(2024, 30),
    )
    statuts = {}
    for annee in (2022, 2023, 2024):
        statuts[annee] = bilan_row(cli, root, annee, tmp_path)
    # 2022: the year's value is the sum so far, above the third of 60 due: no cumul to say
    assert statuts[2022][2:] == ["60 (2024)", "21 (calculé)", "−39", "en bonne voie"]
    # 2023: 31 where two thirds of 60 (40) are due
    assert statuts[2023][2:] == [
        "60 (2024)",
        "10 (calculé · cumul 2022–2023 : 31)",
        "−29",
        "en retard",
    ]
    assert statuts[2024][2:] == [
        "60 (2024)",
        "30 (calculé · cumul 2022–2024 : 61)",
        "+1",
        "atteint",
    ]
    # the evaluation's period says the same as the last year's bilan
    ligne = personnes(root)
    assert (ligne.periode.valeur, ligne.periode.statut) == (61, "atteint")
    assert [a.ligne.statut for a in ligne.annees] == ["en bonne voie", "en retard", "atteint"]
    assert [a.taux for a in ligne.annees] == pytest.approx([35, 31 / 60 * 100, 61 / 60 * 100])
    # and so does the workbook's follow-up sheet, year by year
    assert cli("export", root, "-o", tmp_path / "grille.xlsx").code == 0
    sheet = openpyxl.load_workbook(tmp_path / "grille.xlsx")["Indicateurs"]
    head, *rows = [[c.value for c in r] for r in sheet.iter_rows() if any(c.value for c in r)]
    [grille] = [dict(zip(head, r, strict=False)) for r in rows if "Personnes formées" in r]
    assert [grille[f"Statut {a}"] for a in (2022, 2023, 2024)] == [
        "en bonne voie",
        "en retard",
        "atteint",
    ]
    # what a status was judged from, in the cell's note (none where it is the year's value)
    [ligne] = [r for r in sheet.iter_rows() if any(c.value == "Personnes formées" for c in r)]
    notes = {head[c.column - 1]: c.comment.text for c in ligne if c.comment is not None}
    assert notes == {
        "Statut 2023": "Statut du cumul 2022–2023 : 31",
        "Statut 2024": "Statut du cumul 2022–2024 : 61",
    }


def test_a_target_due_before_the_year_does_not_apply_to_it(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """25 persons by 2023, aimed over 2022 and 2023: reached by the sum in 2023; 2024 has no
    target (the 2024 figure added would reach the 2023 target late)."""
    root = territory(
        plan_yaml=PLAN.replace("cibles: [{valeur: 60}]", "cibles: [{annee: 2023, valeur: 25}]"),
        activite__2022_yaml=activite(2022, 21),
        activite__2023_yaml=activite(2023, 10),
        activite__2024_yaml=activite(2024, 30),
    )
    assert bilan_row(cli, root, 2023, tmp_path)[2:] == [
        "25 (2023)",
        "10 (calculé · cumul 2022–2023 : 31)",
        "+6",
        "atteint",
    ]
    assert bilan_row(cli, root, 2024, tmp_path)[2:] == [
        "",
        "30 (calculé)",
        "",
        "sans cible",
    ]


def test_a_year_missing_from_the_sum_makes_it_a_lower_bound(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """No file for 2023, between 2022 and 2024: the sum of the other two is « au moins », in
    the 2024 bilan and in the evaluation, which names the year missing."""
    root = territory(
        plan_yaml=PLAN,
        activite__2022_yaml=activite(2022, 21),
        activite__2024_yaml=activite(2024, 30),
    )
    assert bilan_row(cli, root, 2024, tmp_path)[2:] == [
        "60 (2024)",
        "30 (calculé · cumul 2022–2024 : au moins 51)",
        "",
        "valeur partielle",
    ]
    ligne = personnes(root)
    assert (ligne.periode.valeur, ligne.periode.partiel) == (51, True)
    assert ligne.periode.sans_valeur == [2023]
    assert cli("evaluation", root, "-o", tmp_path / "e.md").code == 0
    text = (tmp_path / "e.md").read_text(encoding="utf-8")
    [row] = [r for r in text.splitlines() if "Cumul 2022–2024" in r]
    assert "au moins 51" in row
    assert "non renseigné en 2023" in row


def test_the_years_of_a_target_before_the_first_file_are_counted(
    territory: Callable[..., Path],
) -> None:
    """A plan from 2022 whose files start in 2023: the final target was aimed over 2022 too,
    whose figure is unknown: the sum is a lower bound, over 2022–2024."""
    root = territory(
        plan_yaml=PLAN,
        activite__2023_yaml=activite(2023, 10),
        activite__2024_yaml=activite(2024, 30),
    )
    (root / "activite" / "2022.yaml").unlink()  # the minimal territory's
    ligne = personnes(root)
    assert (ligne.periode.valeur, ligne.periode.partiel) == (40, True)
    assert (ligne.periode.depuis, ligne.periode.sans_valeur) == (2022, [2022])
    assert ligne.periode.statut == "valeur partielle"


def test_a_year_without_a_file_is_not_a_year_evaluated_without_a_value(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """No file for 2023: the running total names 2023 among its years without a value, but the
    quality of the follow-up counts the indicators valued in every year evaluated (2022 and
    2024), as its columns do; it said « 1 sur 2 » beside two columns of « 2 sur 2 »."""
    mesure = "mesures:\n  - {indicateur: 1.1.1-taux, numerateur: 1, denominateur: 2}\n"
    root = territory(
        plan_yaml=PLAN,
        activite__2022_yaml=activite(2022, 21) + mesure,
        activite__2024_yaml=activite(2024, 30) + mesure,
    )
    assert cli("evaluation", root, "-o", tmp_path / "e.md").code == 0
    text = (tmp_path / "e.md").read_text(encoding="utf-8")
    [row] = [r for r in text.splitlines() if r.startswith("| Indicateurs avec une valeur")]
    assert row.count("2 sur 2 (100\u202f%)") == 3, row
    assert "Aucun fichier d'activité pour 2023" in text


def test_a_measurement_said_cumulative_on_an_indicator_that_does_not_add_up_is_flagged(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`cumul: true` on a rate's measurement has no effect (a rate is not summed over the
    years): the coordinator who wrote it meant something else, and is told where."""
    activite = MINIMAL["activite/2022.yaml"].replace(
        "    denominateur: 42\n", "    denominateur: 42\n    cumul: true\n"
    )
    root = territory(activite__2022_yaml=activite)
    result = cli("validate", root)
    assert result.code == 0, result.out  # a warning
    line, column = at(activite, "true")
    assert f"activite/2022.yaml:{line}:{column}: avertissement [incoherence]" in result.out
    assert "1.1.1-a ne s'additionne pas d'une année à l'autre" in result.out


def test_a_measurement_that_is_the_total_says_so_rather_than_a_cumul_of_itself(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """40 persons trained since 2022, recorded in 2023 as a total (`cumul: true`): the
    2023 row read « 40 (cumul 2022–2023 : 40) », as if 40 were 2023's alone."""
    plan = PLAN.replace("                calcul: somme-participants\n", "")
    mesure = "mesures:\n  - {{indicateur: 1.1.1-personnes, valeur: {}{}}}\n"
    root = territory(
        plan_yaml=plan,
        activite__2022_yaml="annee: 2022\n" + mesure.format(21, ""),
        activite__2023_yaml="annee: 2023\n" + mesure.format(40, ", cumul: true"),
    )
    # two thirds of 60 are due after two of the plan's three years: 40 is on track
    assert bilan_row(cli, root, 2023, tmp_path)[2:] == [
        "60 (2024)",
        "40 (total depuis 2022)",
        "−20",
        "en bonne voie",
    ]


def test_the_trajectory_of_a_count_is_its_running_total_towards_its_targets(
    territory: Callable[..., Path],
) -> None:
    """25 persons by 2023 (aimed over 2022–2023), then 40 more by the plan's end: the line
    rises 21, 31, 61 towards targets of 25, 25, then 65 (each counted once). Drawn year by
    year instead, 2024's 30 would fall below 2023's total under a target of 40."""
    root = territory(
        plan_yaml=PLAN.replace(
            "cibles: [{valeur: 60}]", "cibles: [{annee: 2023, valeur: 25}, {valeur: 40}]"
        ),
        activite__2022_yaml=activite(2022, 21),
        activite__2023_yaml=activite(2023, 10),
        activite__2024_yaml=activite(2024, 30),
    )
    evaluation = evaluation_of(root)
    [courbe] = [
        c for g in evaluation.trajectoires for c in g.panneaux if "Personnes formées" in c.titre
    ]
    assert courbe.titre.endswith("(cumul)")
    assert courbe.series == {"Réalisé": [21, 31, 61], "Cible": [25, 25, 65]}
    assert courbe.etiquettes == ["21", "31", "61"]
    [graphique] = [g for g in evaluation.trajectoires if courbe in g.panneaux]
    assert "2024 : 30, cumul 61 (cible 65)" in graphique.alternative


def test_a_falling_count_keeps_its_yearly_line(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """Hospitalisations from 80 (2021) down to 50 by the plan's end: each year's level
    follows the line down, as it always did; summed, 70 + 60 read « en retard »."""
    plan = PLAN.replace(
        "                cibles: [{valeur: 60}]\n                calcul: somme-participants\n",
        "                sens: baisse\n                reference: {annee: 2021, valeur: 80}\n"
        "                cibles: [{valeur: 50}]\n",
    )
    mesure = "mesures:\n  - {{indicateur: 1.1.1-personnes, valeur: {}}}\n"
    root = territory(
        plan_yaml=plan,
        activite__2022_yaml="annee: 2022\n" + mesure.format(70),
        activite__2023_yaml="annee: 2023\n" + mesure.format(60),
    )
    # the line from 80 (2021) to 50 (2024) passes 60 in 2023: on track, no cumul said
    assert bilan_row(cli, root, 2023, tmp_path)[3:] == [
        "50 (2024)",
        "60",
        "+10",
        "en bonne voie",
    ]
    ligne = personnes(root)
    assert (ligne.periode.cumul, ligne.periode.valeur) == (False, 60)


def test_a_total_since_the_start_is_compared_with_every_target_it_meets(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """30 by 2023, then 100 more by 2026; 80 recorded in 2025 as the total since 2022, then
    40: 120 against 130. The row's target, gap and rate said 100 (+20) beside « non
    atteint »."""
    plan = (
        PLAN.replace("fin: 2024", "fin: 2026")
        .replace("2022-2024", "2022-2026")
        .replace("                calcul: somme-participants\n", "")
        .replace("cibles: [{valeur: 60}]", "cibles: [{annee: 2023, valeur: 30}, {valeur: 100}]")
    )
    mesure = "mesures:\n  - {{indicateur: 1.1.1-personnes, valeur: {}{}}}\n"
    files = {
        f"activite__{annee}_yaml": f"annee: {annee}\n" + mesure.format(valeur, extra)
        for annee, valeur, extra in (
            (2022, 15, ""),
            (2023, 15, ""),
            (2024, 20, ""),
            (2025, 80, ", cumul: true"),
            (2026, 40, ""),
        )
    }
    root = territory(plan_yaml=plan, **files)
    assert bilan_row(cli, root, 2026, tmp_path)[2:] == [
        "130 (30 en 2023 + 100 en 2026)",
        "40 (cumul 2022–2026 : 120)",
        "−10",
        "non atteint",
    ]
    ligne = personnes(root)
    last = ligne.annees[-1]
    assert (last.ecart, last.taux) == (-10, pytest.approx(120 / 130 * 100))
    assert (ligne.periode.valeur, ligne.periode.cible, ligne.periode.statut) == (
        120,
        130,
        "non atteint",
    )


def test_years_outside_the_action_s_calendar_are_no_gap_in_its_sum(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """An action planned from 2023 on, in a plan of 2022–2024: its sum read « au moins 65 —
    non renseigné en 2022 », and never got a verdict, for a year the action owed nothing to
    (and that the follow-up never asked for)."""
    plan = PLAN.replace(
        "            pilote: ch\n",
        "            pilote: ch\n            calendrier: {debut: 2023}\n",
    )
    root = territory(
        plan_yaml=plan,
        activite__2022_yaml="annee: 2022\n",
        activite__2023_yaml=activite(2023, 25),
        activite__2024_yaml=activite(2024, 40),
    )
    assert bilan_row(cli, root, 2024, tmp_path)[3:] == [
        "40 (calculé · cumul 2023–2024 : 65)",
        "+5",
        "atteint",
    ]
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-f", "md", "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    [period] = [r for r in text.splitlines() if "| **Cumul 2023–2024** | 60 " in r]
    assert "| **65** |" in period
    assert "**atteint**" in period
    assert "non renseigné en 2022" not in text
    # a year the action ran without a value is still a gap
    root = territory(
        plan_yaml=plan,
        activite__2022_yaml="annee: 2022\n",
        activite__2023_yaml="annee: 2023\n",
        activite__2024_yaml=activite(2024, 40),
    )
    assert cli("evaluation", root, "-f", "md", "-o", target, "--force").code == 0
    text = target.read_text(encoding="utf-8")
    [period] = [r for r in text.splitlines() if "| **Cumul 2023–2024** |" in r]
    assert "**au moins 40**<br>*non renseigné en 2023*" in period


def test_a_sum_ends_with_the_action_s_calendar(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """An action that ended in 2023 is summed over its years, and judged then: the plan's
    last year, without a value, is no gap."""
    plan = PLAN.replace(
        "            pilote: ch\n", "            pilote: ch\n            calendrier: {fin: 2023}\n"
    )
    root = territory(
        plan_yaml=plan,
        activite__2022_yaml=activite(2022, 21),
        activite__2023_yaml=activite(2023, 30),
        activite__2024_yaml="annee: 2024\n",
    )
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-f", "md", "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    [period] = [r for r in text.splitlines() if "| **Cumul 2022–2023** |" in r]
    assert "| **51** |" in period
    assert "**non atteint**" in period


def test_the_evaluation_workbook_shows_the_total_a_year_is_compared_with(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """In the workbook, a year's rate and gap are those of the running total it is judged by:
    « Valeur 10, Cible 60, Taux 52 % » read as a wrong rate until the total stood beside it."""
    root = territory(
        plan_yaml=PLAN,
        activite__2022_yaml=activite(2022, 21),
        activite__2023_yaml=activite(2023, 10),
    )
    target = tmp_path / "evaluation.xlsx"
    assert cli("evaluation", root, "-f", "xlsx", "-o", target).code == 0
    sheet = openpyxl.load_workbook(target)["Suivi des indicateurs"]
    head, *rows = [[c.value for c in r] for r in sheet.iter_rows()]
    lignes = {
        r[head.index("Année")]: dict(zip(head, r, strict=True))
        for r in rows
        if r[4] == "Personnes formées"
    }
    # 2022: judged by its own value; 2023 by 21 + 10, whose rate and gap are given
    assert lignes[2022]["Cumul comparé"] is None
    assert (lignes[2023]["Valeur"], lignes[2023]["Cumul comparé"]) == (10, 31)
    assert lignes[2023]["Taux d'atteinte"] == pytest.approx(31 / 60 * 100)
    assert lignes[2023]["Écart"] == 31 - 60


def test_a_year_without_a_value_still_says_what_its_years_reached(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A year whose file gives no value of an indicator aimed over several years: the bilan
    said « non renseigné » alone, hiding the 21 persons its earlier year had reached."""
    root = territory(
        plan_yaml=PLAN,
        activite__2022_yaml=activite(2022, 21),
        activite__2023_yaml="annee: 2023\n",
    )
    assert bilan_row(cli, root, 2023, tmp_path)[2:] == [
        "60 (2024)",
        "non renseigné (cumul 2022–2023 : au moins 21)",
        "",
        "",
    ]
    # the first year of the target has nothing before it to say
    root = territory(plan_yaml=PLAN, activite__2022_yaml="annee: 2022\n")
    assert bilan_row(cli, root, 2022, tmp_path)[3] == "non renseigné"


def test_a_year_outside_the_calendar_is_hors_calendrier_in_the_tracking_table(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The chart and the actions said « hors calendrier » for 2022, an action planned from
    2023 on; the tracking table said « non renseigné » against the year's target, and a sum
    without any value covered 2022–2024 instead of the action's 2023–2024."""
    plan = PLAN.replace(
        "            pilote: ch\n",
        "            pilote: ch\n            calendrier: {debut: 2023}\n",
    )
    years = {
        "activite__2022_yaml": "annee: 2022\n",
        "activite__2023_yaml": activite(2023, 25),
        "activite__2024_yaml": activite(2024, 40),
    }
    root = territory(plan_yaml=plan, **years)
    # the year's bilan says it too, without a target
    assert bilan_row(cli, root, 2022, tmp_path)[2:] == ["hors calendrier"]
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-f", "md", "-o", target).code == 0
    [row] = [
        r
        for r in target.read_text(encoding="utf-8").splitlines()
        if r.startswith("| **1.1.1-personnes")
    ]
    assert row.endswith("| 2022 |  | hors calendrier |  |  |  |")
    book = tmp_path / "evaluation.xlsx"
    assert cli("evaluation", root, "-f", "xlsx", "-o", book).code == 0
    sheet = openpyxl.load_workbook(book)["Suivi des indicateurs"]
    head, *cells = [[c.value for c in r] for r in sheet.iter_rows()]
    [row] = [
        r
        for r in cells
        if r[head.index("Année")] == 2022 and r[head.index("Indicateur")] == "1.1.1-personnes"
    ]
    assert (row[head.index("Cible")], row[head.index("Valeur")]) == (None, "hors calendrier")
    # the exported grid says it, and its import does not take it for a typed value
    grille = tmp_path / "grille.xlsx"
    assert cli("export", root, "-o", grille).code == 0
    indicateurs = openpyxl.load_workbook(grille)["Indicateurs"]
    head = [c.value for c in indicateurs[1]]
    [line] = [
        [c.value for c in r]
        for r in indicateurs.iter_rows(min_row=2)
        if r[0].value == "1.1.1-personnes"
    ]
    assert line[head.index("Valeur 2022")] == "hors calendrier"
    assert line[head.index("Statut 2022")] is None
    again = cli("import", grille, "-o", root, "--force")
    assert again.code == 0, again.err
    assert "valeur-non-lue" not in again.err
    # no value in any year: the sum still covers the action's years only
    years.update(activite__2023_yaml="annee: 2023\n", activite__2024_yaml="annee: 2024\n")
    root = territory(plan_yaml=plan, **years)
    assert cli("evaluation", root, "-f", "md", "-o", target, "--force").code == 0
    text = target.read_text(encoding="utf-8")
    assert "| **Cumul 2023–2024** |" in text
    assert "Cumul 2022–2024" not in text
