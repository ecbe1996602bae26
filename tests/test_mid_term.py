"""An evaluation at mid-term (two years of a plan of four), and actions that start later than
the plan: what is not yet due reads as under way, never as failed, and a year outside an
action's calendar asks nothing of it — through the real command line."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result

Cli = Callable[..., Result]

PLAN = textwrap.dedent(
    """\
    titre: Plan 2022-2025
    periode: {debut: 2022, fin: 2025}
    axes:
      - id: "1"
        titre: Prévenir
        objectifs:
          - id: "1.1"
            titre: Former et sensibiliser
            actions:
              - id: 1.1.1
                titre: Former
                indicateurs:
                  - id: a
                    libelle: Formés
                    unite: nombre
                    cibles: [{annee: 2023, valeur: 10}, {valeur: 40}]
              - id: 1.1.2
                titre: Sensibiliser les élus
                indicateurs:
                  - {id: b, libelle: Élus, unite: nombre, cibles: [{annee: 2023, valeur: 30}]}
              - id: 1.1.3
                titre: Accueillir
                calendrier: {debut: 2023}
                indicateurs:
                  - {id: c, libelle: Accueillis, unite: nombre, cibles: [{valeur: 60}]}
    """
)
A_2022 = "annee: 2022\nmesures:\n  - {indicateur: a, valeur: 4}\n"
A_2023 = "annee: 2023\nmesures:\n  - {indicateur: a, valeur: 5}\n  - {indicateur: c, valeur: 25}\n"


@pytest.fixture
def mi_parcours(cli: Cli, territory: Callable[..., Path], tmp_path: Path) -> list[str]:
    """The mid-term evaluation's Markdown, line by line."""
    root = territory(plan_yaml=PLAN, activite__2022_yaml=A_2022, activite__2023_yaml=A_2023)
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-f", "md", "-o", target).code == 0
    return target.read_text(encoding="utf-8").splitlines()


def _line(lines: list[str], start: str) -> str:
    [line] = [x for x in lines if x.startswith(start)]
    return line


def test_objectives_short_of_their_targets_are_under_way_at_mid_term(
    mi_parcours: list[str],
) -> None:
    """Two years of four: an objective whose indicator missed its 2023 step read « non
    atteint », as if the plan were over."""
    assert "Années évaluées : 2022 et 2023 — à mi-parcours, le plan court jusqu'en 2025." in (
        mi_parcours
    )
    objectif = _line(mi_parcours, "| 1.1 Former et sensibiliser |")
    assert objectif.endswith("| en cours |")
    assert "1 non atteint, 1 en bonne voie, 1 sans valeur" in objectif


def test_an_indicator_without_a_value_keeps_its_target_and_blocks_atteint(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, mi_parcours: list[str]
) -> None:
    """An indicator with a target and no value lost its target on the period's line, and
    so no longer kept its objective from « atteint »."""
    lines = iter(mi_parcours)
    next(x for x in lines if x.startswith("| **b – Élus**"))
    assert next(lines).startswith(
        "|  | **Cumul 2022–2023** | 30 (cible de 2023) | **non renseigné**"
    )
    # at the end of a plan: « partiellement atteint », not « atteint »
    plan = PLAN.replace("2022-2025", "2022-2023").replace("fin: 2025", "fin: 2023")
    plan = plan.replace("{annee: 2023, valeur: 10}, {valeur: 40}", "{valeur: 9}")
    plan = plan.replace("calendrier: {debut: 2023}", "calendrier: {debut: 2022}")
    plan = plan.replace("cibles: [{valeur: 60}]", "cibles: [{valeur: 20}]")
    root = territory(plan_yaml=plan, activite__2022_yaml=A_2022, activite__2023_yaml=A_2023)
    target = tmp_path / "fin.md"
    assert cli("evaluation", root, "-f", "md", "-o", target).code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    objectif = _line(lines, "| 1.1 Former et sensibiliser |")
    assert "2 atteints, 1 sans valeur" in objectif
    assert objectif.endswith("| partiellement atteint |")


def test_an_action_starting_later_owes_its_target_over_its_own_years(
    mi_parcours: list[str],
) -> None:
    """60 persons by 2025 for an action of 2023–2025: 25 in 2023 is past the third due
    then (20), « en bonne voie »; counted over the plan's four years (30 due), it was « en
    retard »."""
    lines = iter(mi_parcours)
    next(x for x in lines if x.startswith("| **c – Accueillis**"))
    assert next(lines) == "|  | 2023 | 60 (2025) | 25 | 42\u202f% | −35 | en bonne voie |"
    assert next(lines).startswith("|  | **Cumul 2023** | 60 (cible de la fin du plan) | **25** |")


def test_a_year_outside_an_action_s_calendar_is_asked_nothing(mi_parcours: list[str]) -> None:
    """The quality of the follow-up counted the indicator of an action not started yet as
    valued in 2022 (« 2 sur 3 ») and its status as missing."""
    assert _line(mi_parcours, "| Indicateurs avec une valeur |").startswith(
        "| Indicateurs avec une valeur | 1 sur 2 (50\u202f%) | 2 sur 3 (67\u202f%) |"
    )
    assert _line(mi_parcours, "| Actions avec un statut de l'année |").startswith(
        "| Actions avec un statut de l'année | 0 sur 2 (0\u202f%) | 0 sur 3 (0\u202f%) |"
    )
    assert _line(mi_parcours, "| **1.1.3** Accueillir |").startswith(
        "| **1.1.3** Accueillir | hors calendrier | statut non renseigné |"
    )


def test_the_targets_still_ahead_are_named_beside_the_period_s(mi_parcours: list[str]) -> None:
    """At mid-term the period's line is judged against the targets of its years (10 by
    2023); the 40 due at the plan's end appeared nowhere."""
    lines = iter(mi_parcours)
    next(x for x in lines if x.startswith("| **a – Formés**"))
    next(lines)
    assert next(lines).startswith(
        "|  | **Cumul 2022–2023** | 10 (cible de 2023 ; puis 40 en fin de plan) | **9** |"
    )


def test_a_trajectory_says_a_year_before_the_action_hors_calendrier(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The trajectory of an action starting in 2023 wrote « non renseigné » at 2022."""
    root = territory(plan_yaml=PLAN, activite__2022_yaml=A_2022, activite__2023_yaml=A_2023)
    target = tmp_path / "evaluation.html"
    assert cli("evaluation", root, "-o", target).code == 0
    html = target.read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count(">hors calendrier</text>") == 1
    assert ">non renseigné</text>" not in svg  # b has no value at all: no trajectory


def test_an_action_that_runs_in_none_of_the_years_evaluated_has_nothing_due(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A rate of an action planned from 2025 on, evaluated over 2022–2023: no target on its
    period's line, which would keep its objective from « atteint » for nothing due yet."""
    plan = PLAN.replace("calendrier: {debut: 2023}", "calendrier: {debut: 2025}").replace(
        "{id: c, libelle: Accueillis, unite: nombre, cibles: [{valeur: 60}]}",
        "{id: c, libelle: Accueillis, unite: pourcentage, cibles: [{valeur: 60}]}",
    )
    assert "unite: pourcentage, cibles: [{valeur: 60}]" in plan
    root = territory(
        plan_yaml=plan, activite__2022_yaml=A_2022, activite__2023_yaml="annee: 2023\n"
    )
    target = tmp_path / "evaluation.md"
    assert cli("evaluation", root, "-f", "md", "-o", target).code == 0
    rows = iter(target.read_text(encoding="utf-8").splitlines())
    next(x for x in rows if x.startswith("| **c – Accueillis**"))
    assert next(rows).startswith("|  | **Dernière valeur** |  | **non renseigné**")


@pytest.mark.parametrize(
    ("annees", "recent", "expected"),
    [
        ([2022, 2023], 2023, True),  # two years of four, nothing later: mid-term
        ([2022, 2023, 2024, 2025], 2025, False),  # every year
        ([2022, 2023, 2024], 2026, False),  # the next plan's year came: 2025 is missing
        ([], 2023, False),
    ],
)
def test_mid_term_is_before_the_plan_s_last_year_and_anything_later(
    annees: list[int], recent: int, expected: bool
) -> None:
    from ruamel.yaml import YAML

    from clsm_cli.evaluation.construction import mi_parcours
    from clsm_cli.models import Plan

    plan = Plan.model_validate(YAML(typ="safe").load(PLAN))
    assert mi_parcours(plan, annees, recent) is expected


def test_a_trajectory_s_text_keeps_the_total_after_the_action_and_none_before(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The text beside the chart (its alternative) said « 2023 : hors calendrier » alone
    after an action that ended in 2022, losing the 10 it had reached."""
    for calendrier, years, said in (
        ("{debut: 2023}", (A_2022, A_2023), "Accueillis : 2022 : hors calendrier ; 2023 : 25,"),
        (
            "{fin: 2022}",
            (A_2022 + "  - {indicateur: c, valeur: 10}\n", "annee: 2023\n"),
            "2023 : hors calendrier, cumul 10 (cible 60).",
        ),
    ):
        plan = PLAN.replace("calendrier: {debut: 2023}", f"calendrier: {calendrier}")
        root = territory(plan_yaml=plan, activite__2022_yaml=years[0], activite__2023_yaml=years[1])
        target = tmp_path / "evaluation.md"
        assert cli("evaluation", root, "-f", "md", "-o", target, "--force").code == 0
        assert said in target.read_text(encoding="utf-8")
