"""Whole-territory rules: ids, references, numbering, periods, units, ratios, totals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from clsm_cli.checker import validate_paths
from conftest import MINIMAL, at

Found = list[tuple[str, int | None, int | None, str, str]]


def flat(root: Path) -> Found:
    report = validate_paths([root]).report
    return [(Path(p.file).name, p.line, p.column, p.code, str(p.severity)) for p in report.sorted()]


def error(file: str, where: tuple[int, int], code: str) -> tuple[str, int, int, str, str]:
    return (file, *where, code, "erreur")


def warning(file: str, where: tuple[int, int], code: str) -> tuple[str, int, int, str, str]:
    return (file, *where, code, "avertissement")


PLAN = MINIMAL["plan.yaml"]
ACTIVITY = MINIMAL["activite/2022.yaml"]
PARTNERS = MINIMAL["partenaires.yaml"]
CLSM = MINIMAL["clsm.yaml"]


def test_duplicate_partner_id(territory: Callable[..., Path]) -> None:
    partners = PARTNERS + "  - id: ch\n    nom: Autre\n    secteur: sante\n"
    assert flat(territory(partenaires_yaml=partners)) == [
        error("partenaires.yaml", at(partners, "ch\n    nom: Autre"), "id-duplique")
    ]


def test_duplicate_action_and_indicator_ids(territory: Callable[..., Path]) -> None:
    plan = PLAN.replace("id: 1.1.1-b", "id: 1.1.1-a") + (
        "          - id: 1.1.1\n            titre: Doublon\n"
    )
    duplicates = [f for f in flat(territory(plan_yaml=plan)) if f[3] == "id-duplique"]
    assert duplicates == [
        error("plan.yaml", at(plan, "1.1.1-a", 2), "id-duplique"),
        error("plan.yaml", at(plan, "1.1.1\n", 2), "id-duplique"),
    ]


def test_dangling_references_everywhere(territory: Callable[..., Path]) -> None:
    plan = PLAN.replace("pilote: ch", "pilote: chu")
    activity = (
        ACTIVITY.replace("action: 1.1.1", "action: 9.9.9")
        .replace("instance: copil", "instance: copill")
        .replace("presents: [ville, unafam]", "presents: [ville, unafan]")
        .replace("indicateur: 1.1.1-a", "indicateur: 1.1.1-z")
    )
    clsm = CLSM.replace("structure_porteuse: ville", "structure_porteuse: mairie")
    assert flat(territory(plan_yaml=plan, activite__2022_yaml=activity, clsm_yaml=clsm)) == [
        error("2022.yaml", at(activity, "9.9.9"), "reference-inconnue"),
        error("2022.yaml", at(activity, "copill"), "reference-inconnue"),
        error("2022.yaml", at(activity, "unafan"), "reference-inconnue"),
        error("2022.yaml", at(activity, "1.1.1-z"), "reference-inconnue"),
        error("clsm.yaml", at(clsm, "mairie"), "reference-inconnue"),
        error("plan.yaml", at(plan, "chu"), "reference-inconnue"),
    ]


def test_reference_hint_names_the_nearest_id(territory: Callable[..., Path]) -> None:
    root = territory(plan_yaml=PLAN.replace("pilote: ch", "pilote: chh"))
    (problem,) = validate_paths([root]).report.sorted()
    assert problem.message == "le partenaire « chh » n'existe pas"
    assert problem.hint is not None
    assert problem.hint.startswith("vouliez-vous dire « ch » ?")


def test_numbering_that_contradicts_the_tree_is_a_warning(territory: Callable[..., Path]) -> None:
    plan = PLAN.replace("id: 1.1.1\n", "id: 2.1.1\n")
    activity = ACTIVITY.replace("action: 1.1.1", "action: 2.1.1")
    assert flat(territory(plan_yaml=plan, activite__2022_yaml=activity)) == [
        warning("plan.yaml", at(plan, "2.1.1"), "numerotation-incoherente")
    ]


def test_activity_year_outside_every_plan(territory: Callable[..., Path]) -> None:
    activity = ACTIVITY.replace("annee: 2022", "annee: 2030").replace("2022-", "2030-")
    found = flat(territory(activite__2022_yaml=activity))
    assert found == [
        error("2022.yaml", at(activity, "2030"), "annee-hors-plan"),
        error("2022.yaml", at(activity, "2030"), "annee-incoherente"),
    ]


def test_dates_outside_the_year(territory: Callable[..., Path]) -> None:
    activity = ACTIVITY.replace("date: 2022-05-20", "date: 2021-05-20").replace(
        "date: 2022-04", "date: 2023-04"
    )
    assert flat(territory(activite__2022_yaml=activity)) == [
        error("2022.yaml", at(activity, "2021-05-20"), "date-hors-annee"),
        error("2022.yaml", at(activity, "2023-04"), "date-hors-annee"),
    ]


def test_target_without_unit(territory: Callable[..., Path]) -> None:
    plan = "".join(line for line in PLAN.splitlines(True) if "pourcentage" not in line)
    indicator = at(plan, "- id: 1.1.1-a")
    assert flat(territory(plan_yaml=plan)) == [
        error("plan.yaml", (indicator[0], indicator[1] + 2), "unite-manquante")
    ]


def test_percentage_out_of_bounds(territory: Callable[..., Path]) -> None:
    plan = PLAN.replace("cibles: [{valeur: 60}]", "cibles: [{valeur: 160}]")
    assert flat(territory(plan_yaml=plan)) == [
        error("plan.yaml", at(plan, "160"), "pourcentage-hors-bornes")
    ]


def test_numerator_greater_than_denominator(territory: Callable[..., Path]) -> None:
    activity = ACTIVITY.replace("numerateur: 35", "numerateur: 52")
    assert flat(territory(activite__2022_yaml=activity)) == [
        error("2022.yaml", at(activity, "52"), "numerateur-superieur")
    ]


def test_recorded_percentage_out_of_bounds(territory: Callable[..., Path]) -> None:
    activity = ACTIVITY.replace("numerateur: 35\n    denominateur: 42", "valeur: 130")
    assert flat(territory(activite__2022_yaml=activity)) == [
        error("2022.yaml", at(activity, "130"), "pourcentage-hors-bornes")
    ]


def test_persons_beside_sessions_lie_between_the_largest_and_their_sum(
    territory: Callable[..., Path],
) -> None:
    def persons(n: int) -> str:
        return ACTIVITY.replace("partenaires: [ch]", f"partenaires: [ch]\n    participants: {n}")

    for accepted in (11, 15, 21):
        assert flat(territory(activite__2022_yaml=persons(accepted))) == []
    assert flat(territory(activite__2022_yaml=persons(25))) == [
        error("2022.yaml", at(persons(25), "25"), "incoherence")
    ]
    assert flat(territory(activite__2022_yaml=persons(9))) == [
        error("2022.yaml", at(persons(9), "9"), "incoherence")
    ]


def test_a_session_total_typed_beside_its_breakdown(territory: Callable[..., Path]) -> None:
    def session(n: int) -> str:
        return ACTIVITY.replace(
            "participants: 10",
            f"participants: {n}\n        repartition: [{{partenaire: ch, participants: 10}}]",
        )

    def value(text: str, n: int) -> tuple[int, int]:
        line, column = at(text, f"participants: {n}\n")
        return line, column + len("participants: ")

    assert flat(territory(activite__2022_yaml=session(10))) == [
        warning("2022.yaml", value(session(10), 10), "chiffre-en-double")
    ]
    assert flat(territory(activite__2022_yaml=session(12))) == [
        error("2022.yaml", value(session(12), 12), "incoherence")
    ]


def test_recorded_value_that_contradicts_the_derivation(territory: Callable[..., Path]) -> None:
    activity = ACTIVITY.replace("partenaires: [ch]", "partenaires: [ch]\n    participants: 21")
    activity += "  - indicateur: 1.1.1-b\n    valeur: 30\n"
    (problem,) = validate_paths([territory(activite__2022_yaml=activity)]).report.sorted()
    assert problem.code == "mesure-et-calcul"
    assert "21" in problem.message


def test_unknown_yaml_file_is_a_warning(territory: Callable[..., Path]) -> None:
    root = territory(notes_yaml="a: 1\n")
    assert flat(root) == [("notes.yaml", None, None, "fichier-inconnu", "avertissement")]


def test_missing_directory_is_a_warning(territory: Callable[..., Path]) -> None:
    root = territory()
    (root / "partenaires.yaml").unlink()
    assert flat(root) == [("clsm.yaml", None, None, "territoire-incomplet", "avertissement")]


def test_ends_before_starts(territory: Callable[..., Path]) -> None:
    activity = ACTIVITY.replace("date: 2022-05\n", "date: 2022-05\n    date_fin: 2022-02\n")
    plan = PLAN.replace(
        "pilote: ch", "pilote: ch\n            calendrier: {debut: 2024, fin: 2023}"
    )
    assert flat(territory(activite__2022_yaml=activity, plan_yaml=plan)) == [
        error("2022.yaml", at(activity, "2022-02"), "dates-inversees"),
        error("plan.yaml", at(plan, "2023}"), "dates-inversees"),
    ]


def test_broken_symlink_is_reported(territory: Callable[..., Path]) -> None:
    root = territory()
    (root / "plan-ancien.yaml").symlink_to(root / "absent.yaml")
    assert flat(root) == [("plan-ancien.yaml", None, None, "fichier-illisible", "erreur")]
