"""The evaluation's figures: what accumulates and what does not, rates of targets, statuses
over the period, objectives computed and judged, meetings, referrals and the follow-up."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from clsm_cli.evaluation import Evaluation, build_evaluation, plan_choisi
from clsm_cli.figures.tracking import cumulatif
from clsm_cli.models.plan import Indicateur
from clsm_cli.validation.pipeline import validate_paths
from conftest import MINIMAL, Result, visible

Cli = Callable[..., Result]

PLAN = """\
titre: Plan 2022-2024
periode: {debut: 2022, fin: 2024}
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
            indicateurs:
              - id: 1.1.1-taux
                libelle: Acteurs formés
                unite: pourcentage
                cibles: [{annee: 2022, valeur: 40}, {valeur: 60}]
                sources_verification: [Feuilles d'émargement]
              - id: 1.1.1-personnes
                libelle: Personnes formées
                unite: nombre
                cibles: [{valeur: 60}]
                calcul: somme-participants
          - id: 1.1.2
            titre: Informer
"""
ACTIVITE_2022 = """\
annee: 2022
actions:
  - {action: 1.1.1, statut: en-cours, avancement: 40}
realisations:
  - {action: 1.1.1, type: formation, titre: Formation, date: 2022-05, participants: 21}
reunions:
  - {instance: copil, date: 2022-04, presents: [ville]}
saisines: []
mesures:
  - {indicateur: 1.1.1-taux, numerateur: 35, denominateur: 70}
"""
ACTIVITE_2023 = """\
annee: 2023
realisations:
  - {action: 1.1.1, type: formation, titre: Formation, date: 2023-05, participants: 10}
mesures:
  - {indicateur: 1.1.1-taux, valeur: 55}
evaluations:
  - par: Comité de pilotage
    methode: Séance de décembre
    jugements:
      - {objectif: "1.1", appreciation: moins-atteint, commentaire: Trop peu de séances}
      - {titre: Accès aux soins, appreciation: sans-opinion}
"""


def evaluation_of(root: Path, plan: Path | None = None) -> Evaluation:
    validation = validate_paths([root])
    assert validation.report.valid(), validation.report.problems
    dossier = validation.dossiers[0]
    return build_evaluation(dossier, *plan_choisi(dossier, plan))


@pytest.fixture
def essai(territory: Callable[..., Path]) -> Path:
    return territory(
        plan_yaml=PLAN, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=ACTIVITE_2023
    )


def test_counts_accumulate_and_rates_keep_their_latest_value(essai: Path) -> None:
    lignes = {s.indicateur.id: s for s in evaluation_of(essai).indicateurs}
    taux, personnes = lignes["1.1.1-taux"], lignes["1.1.1-personnes"]
    # 2023: on the line from 40 % (2022) to 60 % (2024), 50 % is expected: 55 % is on track
    assert [a.ligne.statut for a in taux.annees] == ["atteint", "en bonne voie"]
    assert [a.taux for a in taux.annees] == [pytest.approx(125), pytest.approx(55 / 60 * 100)]
    assert not taux.periode.cumul
    assert (taux.periode.valeur, taux.periode.annee) == (55, 2023)
    assert taux.periode.statut == "en bonne voie"
    # 21 then 10 persons towards 60 over the plan's three years (its final target, counted
    # once): 31, where two thirds of 60 are due after two years
    assert [a.ligne.statut for a in personnes.annees] == ["en bonne voie", "en retard"]
    assert personnes.periode.cumul
    assert (personnes.periode.valeur, personnes.periode.cible) == (31, 60)
    assert personnes.periode.taux == pytest.approx(31 / 60 * 100)
    assert personnes.periode.statut == "en retard"


def test_the_last_year_gives_verdicts(territory: Callable[..., Path]) -> None:
    root = territory(
        plan_yaml=PLAN.replace("fin: 2024", "fin: 2023").replace("2022-2024", "2022-2023"),
        activite__2022_yaml=ACTIVITE_2022,
        activite__2023_yaml=ACTIVITE_2023,
    )
    lignes = {s.indicateur.id: s for s in evaluation_of(root).indicateurs}
    assert lignes["1.1.1-taux"].periode.statut == "non atteint"
    assert lignes["1.1.1-personnes"].periode.statut == "non atteint"


@pytest.mark.parametrize(
    ("cibles", "cible", "statut", "cellule"),
    [
        # the plan's final target is the total aimed at over its years: counted once
        ("[{valeur: 60}]", 60, "en retard", "60 (cible de la fin du plan)"),
        ("[{valeur: 30}]", 30, "en bonne voie", "30 (cible de la fin du plan)"),
        # a target dated 2023 is aimed at over 2022 and 2023, due in 2023: a verdict
        ("[{annee: 2023, valeur: 25}]", 25, "atteint", "25 (cible de 2023)"),
        # (at mid-term, the target still ahead is named beside it)
        (
            "[{annee: 2023, valeur: 35}, {valeur: 80}]",
            35,
            "non atteint",
            "35 (cible de 2023 ; puis 80 en fin de plan)",
        ),
        # a target for each year: their sum, each named
        (
            "[{annee: 2022, valeur: 20}, {annee: 2023, valeur: 20}, {annee: 2024, valeur: 20}]",
            40,
            "non atteint",
            "40 (20 en 2022 + 20 en 2023 ; puis 20 en 2024)",
        ),
        (
            "[{annee: 2022, valeur: 10}, {valeur: 40}]",
            50,
            "en bonne voie",
            "50 (10 en 2022 + 40 en fin de plan)",
        ),
        # 2023 comes after the only target, due in 2022: no target for the period (the sum of
        # both years would reach it late and say « atteint »)
        ("[{annee: 2022, valeur: 25}]", None, "sans cible", ""),
    ],
)
def test_each_target_counts_once_over_the_period(
    cli: Cli,
    territory: Callable[..., Path],
    tmp_path: Path,
    cibles: str,
    cible: float | None,
    statut: str,
    cellule: str,
) -> None:
    """21 then 10 persons (2022, 2023) in a plan to 2024. A target that applies to several
    years is not added once per year (a final target of 300 over two years is not 600)."""
    plan = PLAN.replace("cibles: [{valeur: 60}]", f"cibles: {cibles}")
    root = territory(
        plan_yaml=plan, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=ACTIVITE_2023
    )
    ligne = next(s for s in evaluation_of(root).indicateurs if s.indicateur.id.endswith("nes"))
    assert (ligne.periode.valeur, ligne.periode.cible) == (31, cible)
    assert ligne.periode.statut == statut
    assert cli("evaluation", root, "-o", tmp_path / "e.md").code == 0
    [row] = [r for r in (tmp_path / "e.md").read_text().splitlines() if "Cumul 2022–2023" in r]
    assert [c.strip() for c in row.split("|")[3:5]] == [cellule, "**31**"]
    assert f"**{statut}**" in row
    # the workbook's Cible is a number: what it is made of is in « Précisions »
    assert cli("evaluation", root, "-o", tmp_path / "e.xlsx").code == 0
    sheet = openpyxl.load_workbook(tmp_path / "e.xlsx")["Suivi des indicateurs"]
    head, *rows = [[c.value for c in r] for r in sheet.iter_rows()]
    [periode] = [dict(zip(head, r, strict=True)) for r in rows if r[7] == "Cumul 2022–2023"]
    assert periode["Cible"] == cible
    detail = cellule.partition(" (")[2].rstrip(")")
    assert periode["Précisions"] == (f"cible : {detail}" if detail else None)


def test_an_indicator_says_whether_it_accumulates() -> None:
    def ind(**fields: object) -> Indicateur:
        return Indicateur.model_validate({"id": "a", "libelle": "A", **fields})

    assert cumulatif(ind(unite="nombre"))
    assert cumulatif(ind(calcul="somme-participants"))
    assert cumulatif(ind(unite="euros"))
    assert not cumulatif(ind(unite="pourcentage"))
    assert not cumulatif(ind(unite="oui-non"))
    assert not cumulatif(ind(calcul="nombre-partenaires"))
    assert not cumulatif(ind(unite="nombre", cumul=False))
    # a falling count is a level each year brings down (hospitalisations): not a sum
    assert not cumulatif(ind(unite="nombre", sens="baisse"))
    assert cumulatif(ind(unite="nombre", sens="baisse", cumul=True))
    assert cumulatif(ind(unite="pourcentage", cumul=True))


def test_cumul_false_takes_the_latest_value(territory: Callable[..., Path]) -> None:
    plan = PLAN.replace("calcul: somme-participants", "calcul: somme-participants\n"
                        "                cumul: false")  # fmt: skip
    root = territory(
        plan_yaml=plan, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=ACTIVITE_2023
    )
    ligne = next(s for s in evaluation_of(root).indicateurs if s.indicateur.id.endswith("nes"))
    assert (ligne.periode.cumul, ligne.periode.valeur, ligne.periode.annee) == (False, 10, 2023)


def test_a_year_without_value_makes_the_sum_a_lower_bound(territory: Callable[..., Path]) -> None:
    sans_formation = """\
    annee: 2023
    realisations:
      - {action: 1.1.2, type: atelier, titre: Atelier, date: 2023-06}
    """
    root = territory(
        plan_yaml=PLAN, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=sans_formation
    )
    ligne = next(s for s in evaluation_of(root).indicateurs if s.indicateur.id.endswith("nes"))
    assert (ligne.periode.valeur, ligne.periode.partiel) == (21, True)
    assert ligne.periode.sans_valeur == [2023]
    assert ligne.periode.statut == "valeur partielle"


def test_objectives_computed_and_judged(essai: Path) -> None:
    objectifs = evaluation_of(essai).objectifs
    par_id = {o.id: o for o in objectifs.lignes}
    assert par_id["1"].calcul == "en cours"
    assert par_id["1.1"].statuts == {"en bonne voie": 1, "en retard": 1}
    [avis] = par_id["1.1"].avis
    assert (avis.jugement.appreciation, avis.annee) == ("moins-atteint", 2023)
    assert [a.jugement.titre for a in objectifs.hors_plan] == ["Accès aux soins"]


def test_an_objective_is_reached_only_when_every_indicator_with_a_target_says_so(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """One indicator reached, the other with a target but a partial sum (a year without its
    value): the objective was « atteint », while its indicators are not all known to be."""
    plan = PLAN.replace("periode: {debut: 2022, fin: 2024}", "periode: {debut: 2022, fin: 2023}")
    plan = plan.replace(
        "cibles: [{annee: 2022, valeur: 40}, {valeur: 60}]", "cibles: [{valeur: 50}]"
    )
    sans_formation = ACTIVITE_2023.replace(
        "  - {action: 1.1.1, type: formation, titre: Formation, date: 2023-05, participants: 10}",
        "  - {action: 1.1.2, type: atelier, titre: Atelier, date: 2023-06}",
    )
    root = territory(
        plan_yaml=plan, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=sans_formation
    )
    par_id = {o.id: o for o in evaluation_of(root).objectifs.lignes}
    assert par_id["1.1"].repartition == {"atteint": 1, "valeur partielle": 1}
    assert par_id["1.1"].calcul == "partiellement atteint"
    assert cli("evaluation", root, "-o", tmp_path / "e.md").code == 0
    rows = [r for r in (tmp_path / "e.md").read_text().splitlines() if "Sensibiliser" in r]
    [row] = [r for r in rows if "indicateurs :" in r]  # the objectives' table
    assert "partiellement atteint" in row
    # without the partial one, the objective is reached
    complete = sans_formation.replace(
        "date: 2023-06}",
        "date: 2023-06}\n  - {action: 1.1.1,"
        " type: formation, titre: F, date: 2023-05, participants: 50}",
    )
    root = territory(
        plan_yaml=plan, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=complete
    )
    assert {o.id: o for o in evaluation_of(root).objectifs.lignes}["1.1"].calcul == "atteint"


def test_a_judged_objective_must_be_in_the_plan(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory(
        plan_yaml=PLAN,
        activite__2023_yaml=ACTIVITE_2023.replace('objectif: "1.1"', 'objectif: "1.7"'),
    )
    result = cli("validate", root)
    assert result.code == 1
    assert "2023.yaml:" in result.out
    assert "[reference-inconnue] l'axe ou l'objectif « 1.7 » n'existe pas" in result.out
    assert "vouliez-vous dire « 1.1 »" in result.out


def test_a_judgment_names_its_objective(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory(
        plan_yaml=PLAN,
        activite__2023_yaml=ACTIVITE_2023.replace("{titre: Accès aux soins, ", "{"),
    )
    result = cli("validate", root)
    assert result.code == 1
    assert "indiquez « objectif » (un axe ou un objectif du plan) ou « titre »" in result.out


def test_meetings_against_those_planned_and_unknown_years(
    territory: Callable[..., Path],
) -> None:
    clsm = MINIMAL["clsm.yaml"].replace(
        "    type: copil\n", "    type: copil\n    reunions_prevues: 3\n"
    )
    root = territory(
        clsm_yaml=clsm,
        plan_yaml=PLAN,
        activite__2022_yaml=ACTIVITE_2022,
        activite__2023_yaml=ACTIVITE_2023,
    )
    g = evaluation_of(root).gouvernance
    [copil] = g.instances
    assert (copil.reunions, copil.prevues) == ([1, None], 3)
    assert [s.nombre for s in g.saisines] == [0, None]
    assert [a.actifs for a in g.partenariat] == [1, None]


def test_the_follow_up_names_each_gap(essai: Path) -> None:
    q = evaluation_of(essai).qualite
    shares = {p.quoi: p for p in q.parts}
    assert (shares["sources"].ensemble.nombre, shares["sources"].ensemble.total) == (1, 2)
    assert [(p.nombre, p.total) for p in shares["statuts"].annees] == [(1, 2), (0, 2)]
    manques = {(lacune.indicateur or lacune.action).id: lacune for lacune in q.lacunes}  # type: ignore[union-attr]
    assert manques["1.1.1-personnes"].sans_source
    assert manques["1.1.2"].sans_pilote
    assert manques["1.1.2"].annees_sans_statut == [2022, 2023]
    assert manques["1.1.1"].annees_sans_statut == [2023]
    assert q.annees_sans_activite == []


def test_actions_over_the_period_and_those_carried_on(territory: Callable[..., Path]) -> None:
    suivant = """\
    titre: Plan 2025-2027
    periode: {debut: 2025, fin: 2027}
    axes:
      - id: "1"
        objectifs:
          - id: "1.1"
            actions:
              - {id: 1.1.1, titre: Former encore, suite_de: 1.1.1}
    """
    prevue = PLAN.replace("titre: Informer\n", "titre: Informer\n            statut: prevue\n")
    assert prevue != PLAN
    root = territory(
        plan_yaml=prevue,
        activite__2022_yaml=ACTIVITE_2022,
        activite__2023_yaml=ACTIVITE_2023,
        **{"plan-2025-2027_yaml": suivant},
    )
    evaluation = evaluation_of(root, root / "plan.yaml")
    actions = {a.action.id: a for a in evaluation.actions.lignes}
    assert actions["1.1.1"].realisations == 2
    assert actions["1.1.1"].personnes.valeur == 31
    assert [a.id for _, a in actions["1.1.1"].suites] == ["1.1.1"]
    assert [a.action.id for a in evaluation.actions.jamais_commencees] == ["1.1.2"]
    assert evaluation.qualite.annees_sans_activite == []


def test_cumul_goes_through_the_grid_and_back(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    plan = PLAN.replace("calcul: somme-participants", "calcul: somme-participants\n"
                        "                cumul: false")  # fmt: skip
    root = territory(plan_yaml=plan, activite__2022_yaml=ACTIVITE_2022)
    assert cli("export", root, "-o", tmp_path / "g.xlsx").code == 0
    result = cli("import", tmp_path / "g.xlsx", "-o", tmp_path / "retour")
    assert result.code == 0, result.err
    back = validate_paths([tmp_path / "retour"]).dossiers[0].plans[0][1]
    assert [i.cumul for _, i in back.indicateurs()] == [None, False]


def test_an_action_the_files_say_nothing_of_is_not_said_never_started(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """1.1.2 has no status in the plan or the years and no realisation: it is not known to
    have started or not — it was listed « jamais commencée » and counted in « 1 action
    commencée sur 2 »; its missing statuses are asked for in the quality part."""
    root = territory(
        plan_yaml=PLAN, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=ACTIVITE_2023
    )
    evaluation = evaluation_of(root, root / "plan.yaml")
    assert evaluation.actions.jamais_commencees == []
    target = tmp_path / "e.md"
    assert cli("evaluation", root, "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    assert "jamais commencées" not in text
    assert "1** action commencée sur 1 dont l'état est renseigné" in text
    assert "Action 1.1.2 – Informer | pilote ; statut en 2022 et 2023" in text


def test_an_action_whose_calendar_starts_later_is_not_said_never_started(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """Evaluated in 2023, an action planned for 2024 (its `calendrier`) has not started, and
    was not due to: it was listed under « Actions jamais commencées » beside those that
    should have (Redon trial: an équipe mobile planned for 2026, evaluated in 2025)."""
    plus_tard = PLAN.replace(
        "titre: Informer\n",
        "titre: Informer\n            statut: prevue\n            calendrier: {debut: 2024}\n",
    )
    assert plus_tard != PLAN
    root = territory(
        plan_yaml=plus_tard, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=ACTIVITE_2023
    )
    target = tmp_path / "e.md"
    assert cli("evaluation", root, "-o", target).code == 0
    assert "jamais commencées" not in target.read_text(encoding="utf-8")
    # due within the years evaluated, it is listed
    due = plus_tard.replace("calendrier: {debut: 2024}", "calendrier: {debut: 2023}")
    root = territory(
        plan_yaml=due, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=ACTIVITE_2023
    )
    assert cli("evaluation", root, "-o", target).code == 0
    text = target.read_text(encoding="utf-8")
    assert "### Actions jamais commencées\n\n- 1.1.2 Informer" in text, text


def test_a_latest_value_says_the_years_after_it_lack_one(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A rate measured in 2022 and not in 2023: the period's « dernière valeur » is 2022's,
    and says that 2023 gives none (it may no longer hold)."""
    sans_mesure = ACTIVITE_2023.replace("mesures:\n  - {indicateur: 1.1.1-taux, valeur: 55}\n", "")
    assert sans_mesure != ACTIVITE_2023
    root = territory(
        plan_yaml=PLAN, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=sans_mesure
    )
    assert cli("evaluation", root, "-o", tmp_path / "e.md").code == 0
    [row] = [
        r for r in (tmp_path / "e.md").read_text().splitlines() if "Dernière valeur (2022)" in r
    ]
    assert "**50\u202f%**<br>*non renseigné en 2023*" in row


def test_one_year_evaluated_names_it(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The period row of a single year read « Cumul », without saying which."""
    root = territory(plan_yaml=PLAN, activite__2022_yaml=ACTIVITE_2022)
    assert cli("evaluation", root, "-o", tmp_path / "e.md").code == 0
    text = (tmp_path / "e.md").read_text()
    assert "| **Cumul 2022** |" in text
    assert "| **Cumul** |" not in text


def test_an_indicator_s_rows_stay_on_one_page_in_word(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """In the DOCX, an indicator's years were split from its period row by a page break
    (the period's « Cumul » alone at the top of a page): each year's row keeps with the next,
    and the period row ends the group."""
    autres = "".join(
        f"              - {{id: 1.1.1-n{n}, libelle: Séances {n}, unite: nombre,"
        " calcul: nombre-realisations, cibles: [{valeur: 5}]}\n"
        for n in range(6)
    )
    plan = PLAN.replace("          - id: 1.1.2\n", autres + "          - id: 1.1.2\n")
    assert plan != PLAN
    root = territory(
        plan_yaml=plan, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=ACTIVITE_2023
    )
    assert cli("evaluation", root, "-o", tmp_path / "e.docx").code == 0
    with zipfile.ZipFile(tmp_path / "e.docx") as archive:
        xml = visible(archive.read("word/document.xml").decode())
    tables = (t.partition("</w:tbl>")[0] for t in xml.split("<w:tbl ")[1:])
    table = next(t for t in tables if "Cumul 2022–2023" in t)
    rows = table.split("<w:tr>")[2:]  # below the header
    kept = ["<w:keepNext/>" in row for row in rows]
    periode = ["Cumul 2022–2023" in row or "Dernière valeur" in row for row in rows]
    assert sum(periode) == 8
    assert kept == [not p for p in periode]


def test_a_tiny_target_gives_no_rate_rather_than_a_failure(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A target of 1e-300 made the rate infinite, and the evaluation blamed the template."""
    plan = PLAN.replace("cibles: [{valeur: 60}]", "cibles: [{valeur: 1.0e-300}]")
    assert plan != PLAN
    root = territory(
        plan_yaml=plan, activite__2022_yaml=ACTIVITE_2022, activite__2023_yaml=ACTIVITE_2023
    )
    result = cli("evaluation", root, "-o", tmp_path / "e.md")
    assert result.code == 0, result.err
    assert "inf" not in (tmp_path / "e.md").read_text()
