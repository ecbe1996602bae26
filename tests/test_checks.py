"""Whole-territory rules: ids, references, numbering, periods, units, ratios, totals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clsm_cli.validation.pipeline import validate_paths
from clsm_cli.validation.rules.placeholders import PLACEHOLDERS
from conftest import MINIMAL, Result, at

Cli = Callable[..., Result]

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
        error("2022.yaml", at(activity, "1.1.1"), "reference-inconnue"),
        error("2022.yaml", at(activity, "1.1.1-a"), "reference-inconnue"),
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


def test_missing_directory_is_an_error_when_files_name_partners(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory()
    (root / "partenaires.yaml").unlink()
    code, problems = validated(cli, root)
    assert code == 1
    assert [(p["file"], p["line"], p["column"], p["code"], p["severity"]) for p in problems] == [
        ("clsm.yaml", *at(CLSM, "ville"), "territoire-incomplet", "erreur")
    ]
    assert problems[0]["message"] == (
        "le partenaire « ville » renvoie à l'annuaire partenaires.yaml, que le territoire n'a pas"
        " (3 partenaires nommés dans 3 fichiers)"
    )
    assert problems[0]["hint"].startswith("créez partenaires.yaml")


def test_missing_directory_is_a_warning_when_no_file_names_a_partner(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    def without(text: str, *needles: str) -> str:
        return "".join(
            line for line in text.splitlines(True) if not any(n in line for n in needles)
        )

    root = territory(
        clsm_yaml="nom: CLSM de Test\nterritoire: Ville de Test\n",
        plan_yaml=without(PLAN, "pilote:", "partenaires:"),
        activite__2022_yaml=without(
            ACTIVITY, "partenaires:", "reunions:", "instance:", "date: 2022-04", "presents:"
        ),
    )
    (root / "partenaires.yaml").unlink()
    code, problems = validated(cli, root)
    assert code == 0
    assert located(problems) == [("clsm.yaml", None, "territoire-incomplet", "avertissement")]


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
    assert flat(root) == [
        ("plan-ancien.yaml", None, None, "fichier-illisible", "erreur"),
        ("plan-ancien.yaml", None, None, "verification-incomplete", "info"),
    ]


# ---------------------------------------------------------------- files clsm does not recognise


def validated(cli: Cli, root: Path) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and problems of `clsm validate --format json`, files relative to root."""
    result = cli("validate", "--format", "json", root)
    problems = result.json()["problems"]
    for problem in problems:
        problem["file"] = Path(problem["file"]).resolve().relative_to(root.resolve()).as_posix()
    return result.code, problems


def located(problems: list[dict[str, Any]]) -> list[tuple[str, int | None, str, str]]:
    return [(p["file"], p["line"], p["code"], p["severity"]) for p in problems]


@pytest.mark.parametrize(
    ("name", "moved", "key", "hint"),
    [
        ("Plan 2022-2024.yaml", "plan.yaml", "periode", "renommez-le plan-2022-2024.yaml"),
        ("PLAN.yml", "plan.yaml", "periode", "renommez-le plan-2022-2024.yaml"),
        ("mon programme.yaml", "plan.yaml", "periode", "renommez-le plan-2022-2024.yaml"),
        ("activite/2022.YAML", "activite/2022.yaml", "annee", "renommez-le 2022.yaml"),
        ("2022.yaml", "activite/2022.yaml", "annee", "déplacez-le dans activite/"),
        (
            "Activités/2022.Yaml",
            "activite/2022.yaml",
            "annee",
            "déplacez-le dans activite/ et renommez-le 2022.yaml",
        ),
        ("Partenaires.yaml", "partenaires.yaml", "partenaires", "renommez-le partenaires.yaml"),
    ],
)
def test_a_misnamed_file_is_an_error_that_says_its_name(
    cli: Cli, territory: Callable[..., Path], name: str, moved: str, key: str, hint: str
) -> None:
    root = territory()
    (root / name).parent.mkdir(exist_ok=True)
    (root / moved).rename(root / name)
    text = (root / name).read_text(encoding="utf-8")
    code, problems = validated(cli, root)
    assert code == 1
    # the file is still read as what it looks like: nothing else is reported
    assert located(problems) == [(name, at(text, key + ":")[0], "fichier-mal-nomme", "erreur")]
    assert problems[0]["column"] == 1
    assert problems[0]["hint"].startswith(hint)


def test_a_misnamed_copy_is_told_to_be_merged_or_deleted(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(**{"partenaires.yml": PARTNERS})
    code, problems = validated(cli, root)
    assert code == 1
    assert located(problems) == [("partenaires.yml", 1, "fichier-mal-nomme", "erreur")]
    assert problems[0]["hint"].startswith("partenaires.yaml existe déjà : supprimez ce fichier")


def test_a_yaml_file_that_looks_like_nothing_stays_a_warning(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(**{"notes.YAML": "a: 1\n", "brouillon_yaml": "- une liste\n"})
    code, problems = validated(cli, root)
    assert code == 0
    assert located(problems) == [
        ("brouillon.yaml", None, "fichier-inconnu", "avertissement"),
        ("notes.YAML", None, "fichier-inconnu", "avertissement"),
    ]


def test_without_a_plan_references_to_actions_are_errors(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    activity = ACTIVITY + "axes:\n  - axe: '1'\n    texte: Une année riche\n"
    root = territory(activite__2022_yaml=activity)
    (root / "plan.yaml").unlink()
    code, problems = validated(cli, root)
    assert code == 1
    assert [(p["line"], p["code"]) for p in problems] == [
        (at(activity, "2022")[0], "annee-hors-plan"),
        (at(activity, "1.1.1")[0], "reference-inconnue"),
        (at(activity, "1.1.1-a")[0], "reference-inconnue"),
        (at(activity, "'1'")[0], "reference-inconnue"),
    ]
    assert problems[0]["message"] == (
        "aucun plan ne couvre l'année 2022 : le territoire n'a aucun plan"
    )
    assert "plan-2022-2026.yaml" in problems[0]["hint"]
    assert problems[1]["message"] == "l'action « 1.1.1 » n'existe pas : aucun plan ne couvre 2022"


def test_a_report_without_its_plan_is_refused_and_says_why(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory()
    (root / "plan.yaml").rename(root / "Plan 2022-2024.yaml")
    result = cli("report", "2022", root, "-f", "md", "-o", root / "bilan.md")
    assert result.code == 1
    assert "[fichier-mal-nomme]" in result.err
    assert "renommez-le plan-2022-2024.yaml" in result.err
    assert not (root / "bilan.md").exists()


# ---------------------------------------------------------------- every check that can run


def test_a_broken_clsm_yaml_hides_no_error_of_the_other_files(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    clsm = CLSM.replace("territoire: Ville de Test", "territoire: Ville de Test\nmission: [a]")
    plan = PLAN.replace("pilote: ch", "pilote: chu")
    activity = ACTIVITY.replace("action: 1.1.1", "action: 9.9.9").replace(
        "instance: copil", "instance: copill"
    )
    root = territory(clsm_yaml=clsm, plan_yaml=plan, activite__2022_yaml=activity)
    code, problems = validated(cli, root)
    assert code == 1
    assert located(problems) == [
        ("activite/2022.yaml", at(activity, "9.9.9")[0], "reference-inconnue", "erreur"),
        ("activite/2022.yaml", at(activity, "copill")[0], "reference-inconnue", "erreur"),
        ("clsm.yaml", at(clsm, "[a]")[0], "type-invalide", "erreur"),
        ("plan.yaml", at(plan, "chu")[0], "reference-inconnue", "erreur"),
        ("clsm.yaml", None, "verification-incomplete", "info"),
    ]
    assert problems[-1]["message"] == (
        "vérifications croisées non faites, ce fichier ayant des erreurs : ses renvois aux"
        " partenaires, ses instances en double, les dates de ses membres et de ses financements,"
        " les présents aux réunions hors de leurs années de membre"
    )


SECOND_ACTION = """\
          - id: 2.1.1
            titre: Une action mal rangée
            statut: finie
"""


def test_a_plan_with_an_error_in_one_action_still_has_its_numbering_checked(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    plan = PLAN + SECOND_ACTION
    activity = ACTIVITY.replace("action: 1.1.1", "action: 2.1.1") + (
        "  - indicateur: 9.9.9-z\n    valeur: 3\n"
    )
    root = territory(plan_yaml=plan, activite__2022_yaml=activity)
    code, problems = validated(cli, root)
    assert code == 1
    # 2.1.1 is in the plan, so the activity may name it; 9.9.9-z may be hidden by the
    # error, so it is not reported: the information says so
    assert located(problems) == [
        ("plan.yaml", at(plan, "2.1.1")[0], "numerotation-incoherente", "avertissement"),
        ("plan.yaml", at(plan, "finie")[0], "valeur-invalide", "erreur"),
        ("plan.yaml", None, "verification-incomplete", "info"),
    ]
    assert problems[-1]["message"].endswith(
        "les renvois de l'activité aux actions, aux indicateurs et aux axes qui n'y sont pas"
        " trouvés"
    )


def test_a_directory_with_an_error_still_resolves_the_partners_it_names(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    partners = PARTNERS.replace("secteur: sante", "secteur: santé")
    activity = ACTIVITY.replace("presents: [ville, unafam]", "presents: [ville, unafan]")
    root = territory(partenaires_yaml=partners, activite__2022_yaml=activity)
    code, problems = validated(cli, root)
    assert code == 1
    assert located(problems) == [
        ("activite/2022.yaml", at(activity, "unafan")[0], "reference-inconnue", "erreur"),
        ("partenaires.yaml", at(partners, "santé")[0], "valeur-invalide", "erreur"),
        ("partenaires.yaml", None, "verification-incomplete", "info"),
    ]


def test_a_directory_whose_list_cannot_be_read_checks_no_partner(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    partners = PARTNERS.replace("partenaires:", "partenaire:")
    code, problems = validated(cli, territory(partenaires_yaml=partners))
    assert code == 1
    assert [p["code"] for p in problems] == ["cle-inconnue", "verification-incomplete"]
    assert "tous les renvois aux partenaires" in problems[-1]["message"]


def test_what_could_not_be_checked_comes_last_and_fails_nothing(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(plan_yaml=PLAN.replace("titre: Plan", "titr: Plan"))
    result = cli("validate", "--strict", root)
    lines = result.out.splitlines()
    assert result.code == 1
    assert (
        "plan.yaml: info [verification-incomplete] vérifications croisées non faites" in (lines[-3])
    )
    assert lines[-2] == (
        "      aide : corrigez d'abord ses erreurs : clsm validate fera alors ces vérifications"
    )
    assert lines[-1] == "4 fichiers lus : 1 erreur."  # `titr` for `titre`: one mistake


# ---------------------------------------------------------------- texts left from clsm init


def test_every_example_text_of_init_is_flagged_until_replaced(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "mon-clsm"
    assert cli("init", root).code == 0
    from clsm_cli.excel.importing import TERRITOIRE_A_COMPLETER  # written by import only

    listed = [
        line
        for line in PLACEHOLDERS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and line != TERRITOIRE_A_COMPLETER
    ]
    files = {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*.yaml"))
        if not path.name.startswith(".")
    }
    occurrences = [
        (name, text)
        for name, content in files.items()
        for line in content.splitlines()
        if not line.lstrip().startswith("#")
        for text in listed
        if text in line
    ]
    assert {text for _, text in occurrences} == set(listed), "a listed text init no longer writes"

    code, problems = validated(cli, root)
    assert code == 0
    assert {p["code"] for p in problems} == {"texte-exemple"}
    assert all(p["severity"] == "avertissement" for p in problems)
    assert sorted((p["file"], p["message"].split(" » ")[0][2:]) for p in problems) == sorted(
        occurrences
    )
    for p in problems:  # each at its value: the line that holds it, or the head of its block
        text = p["message"].split(" » ")[0][2:]
        lines = files[p["file"]].splitlines()
        here, after = lines[p["line"] - 1], lines[p["line"]]
        assert text in here or (here.endswith("|") and text in after), p
    assert cli("validate", "--strict", root).code == 1

    for name, content in files.items():
        for number, text in enumerate(listed):
            content = content.replace(text, f"Texte propre {number}")
        (root / name).write_text(content, encoding="utf-8")
    assert validated(cli, root) == (0, [])
    assert cli("validate", "--strict", root).code == 0


# ---------------------------------------------------------------- dates and periods


def test_a_member_who_leaves_before_joining(cli: Cli, territory: Callable[..., Path]) -> None:
    clsm = CLSM.replace(
        "      - partenaire: unafam\n",
        "      - partenaire: unafam\n        depuis: 2023\n        jusqu_a: 2021\n",
    ).replace(
        "  etp: 0.5\n",
        "  etp: 0.5\n  financeurs:\n    - partenaire: ville\n"
        "      periode: {debut: 2024, fin: 2020}\n",
    )
    code, problems = validated(cli, territory(clsm_yaml=clsm))
    assert code == 1
    assert [(p["line"], p["column"], p["code"]) for p in problems] == [
        (*at(clsm, "2020}"), "dates-inversees"),
        (*at(clsm, "2021"), "dates-inversees"),
    ]
    assert problems[1]["message"] == (
        "unafam quitte l'instance copil en 2021, avant d'y entrer en 2023"
    )


def test_an_action_calendar_outside_its_plan(cli: Cli, territory: Callable[..., Path]) -> None:
    plan = PLAN.replace(
        "pilote: ch", "pilote: ch\n            calendrier: {debut: 2021-09, fin: 2025}"
    )
    code, problems = validated(cli, territory(plan_yaml=plan))
    assert code == 0
    assert [(p["line"], p["column"], p["code"], p["severity"]) for p in problems] == [
        (*at(plan, "2021-09"), "calendrier-hors-plan", "avertissement"),
        (*at(plan, "2025}"), "calendrier-hors-plan", "avertissement"),
    ]
    assert [p["message"] for p in problems] == [
        "l'action 1.1.1 commence en 2021-09, avant la période du plan (2022–2024)",
        "l'action 1.1.1 finit en 2025, après la période du plan (2022–2024)",
    ]
    assert cli("validate", "--strict", territory(plan_yaml=plan)).code == 1


def test_a_plan_that_ends_before_it_starts(cli: Cli, territory: Callable[..., Path]) -> None:
    plan = PLAN.replace("periode: {debut: 2022, fin: 2024}", "periode: {debut: 2024, fin: 2020}")
    code, problems = validated(cli, territory(plan_yaml=plan))
    assert code == 1
    assert ("plan.yaml", at(plan, "2020")[0], "dates-inversees", "erreur") in located(problems)


NEXT_PLAN = """\
titre: Plan 2024-2028
periode: {debut: 2024, fin: 2028}
axes:
  - id: "1"
    titre: Lutter contre la stigmatisation
    objectifs:
      - id: "1.1"
        titre: Sensibiliser
        actions:
          - id: 1.1.2
            titre: Former les élus
"""

YEAR_OF_BOTH = """\
annee: 2024
realisations:
  - action: 1.1.1
    type: formation
    titre: Formation des acteurs, dernière session
    date: 2024-03
  - action: 1.1.2
    type: formation
    titre: Formation des élus
    date: 2024-05
"""


def test_overlapping_plans_both_count_and_the_overlap_is_said(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(**{"plan-2024-2028.yaml": NEXT_PLAN, "activite/2024.yaml": YEAR_OF_BOTH})
    code, problems = validated(cli, root)
    assert code == 0  # the older plan's action is no unknown reference in 2024
    assert located(problems) == [
        ("activite/2024.yaml", at(YEAR_OF_BOTH, "1.1.1")[0], "plans-chevauchants", "avertissement"),
        ("plan-2024-2028.yaml", at(NEXT_PLAN, "2024,")[0], "plans-chevauchants", "avertissement"),
    ]
    assert problems[1]["message"] == (
        "ce plan (2024–2028) et plan.yaml (2022–2024) couvrent tous deux 2024"
    )
    assert problems[0]["message"] == (
        "l'action 1.1.1 n'est que dans plan.yaml : le bilan de 2024 suit plan-2024-2028.yaml"
        " et ne montrera pas cette réalisation"
    )
    assert cli("validate", "--strict", root).code == 1


def test_an_action_in_no_plan_of_an_overlap_year_is_unknown(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    activity = YEAR_OF_BOTH.replace("action: 1.1.2", "action: 1.1.3")
    root = territory(**{"plan-2024-2028.yaml": NEXT_PLAN, "activite/2024.yaml": activity})
    code, problems = validated(cli, root)
    assert code == 1
    (unknown,) = [p for p in problems if p["code"] == "reference-inconnue"]
    assert unknown["line"] == at(activity, "1.1.3")[0]
    assert unknown["hint"] == (
        "vouliez-vous dire « 1.1.2 » ? ajoutez-la à plan-2024-2028.yaml ou plan.yaml,"
        " ou corrigez l'identifiant"
    )


def test_an_activity_with_an_error_still_has_its_references_checked(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    # A coordinator's first draft: an accent in a type, and a partner id typo further down.
    activity = MINIMAL["activite/2022.yaml"].replace("type: formation", "type: événement")
    activity = activity.replace("presents: [ville, unafam]", "presents: [ville, unafan]")
    activity = activity.replace("action: 1.1.1", "action: 1.1.9")
    result = cli("validate", "-f", "json", territory(activite__2022_yaml=activity))
    found = {(p["code"], p["line"]) for p in result.json()["problems"] if p["severity"] != "info"}
    assert found == {
        ("valeur-invalide", at(activity, "événement")[0]),
        ("reference-inconnue", at(activity, "unafan")[0]),
        ("reference-inconnue", at(activity, "1.1.9")[0]),
    }


def test_a_percentage_typed_as_a_fraction_is_flagged(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    activity = MINIMAL["activite/2022.yaml"].replace(
        "numerateur: 35\n    denominateur: 42", "valeur: 0.64"
    )
    assert "valeur: 0.64" in activity
    root = territory(activite__2022_yaml=activity)
    result = cli("validate", "-f", "json", root)
    assert result.code == 0
    (problem,) = [p for p in result.json()["problems"] if p["code"] == "pourcentage-en-fraction"]
    assert (problem["line"], problem["column"]) == at(activity, "0.64")
    assert problem["message"] == "0,64 % : un pourcentage s'écrit sur 100 (64 pour 64 %)"
    assert cli("validate", "--strict", root).code == 1


# ---------------------------------------------------------------- measures


TWO_MEASURES = (
    "mesures: [{indicateur: 1.1.1-a, valeur: 35},"
    " {indicateur: 1.1.1-a, numerateur: 20, denominateur: 30}]\n"
)


def test_two_measures_of_one_indicator_in_a_year_are_an_error(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    # The bilan keeps one of the two values and drops the other: it must be said.
    activity = ACTIVITY[: ACTIVITY.index("mesures:")] + TWO_MEASURES
    code, problems = validated(cli, territory(activite__2022_yaml=activity))
    assert code == 1
    assert [(p["file"], p["line"], p["column"], p["code"]) for p in problems] == [
        ("activite/2022.yaml", *at(activity, "1.1.1-a", 2), "id-duplique")
    ]
    line = at(activity, "1.1.1-a")[0]
    assert problems[0]["message"] == (
        f"l'indicateur « 1.1.1-a » est mesuré deux fois dans l'année (déjà ligne {line})"
    )
    assert problems[0]["hint"].startswith("le bilan ne garde que la première mesure")


def test_a_measure_twice_is_found_in_a_file_with_another_error(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    activity = (
        ACTIVITY[: ACTIVITY.index("mesures:")].replace("type: formation", "type: formations")
        + "mesures:\n  - indicateur: 1.1.1-b\n    valeur: 21\n"
        "  - indicateur: 1.1.1-a\n    valeur: 40\n  - indicateur: 1.1.1-b\n    valeur: 12\n"
    )
    code, problems = validated(cli, territory(activite__2022_yaml=activity))
    assert code == 1
    assert [(p["line"], p["code"]) for p in problems if p["severity"] != "info"] == [
        (at(activity, "formations")[0], "valeur-invalide"),
        (at(activity, "1.1.1-b", 2)[0], "id-duplique"),
    ]


def test_one_measure_per_indicator_is_no_duplicate(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    activity = ACTIVITY + "  - indicateur: 1.1.1-b\n    valeur: 21\n"
    code, problems = validated(cli, territory(activite__2022_yaml=activity))
    assert (code, problems) == (0, [])


# ---------------------------------------------------------------- membership over time


YEAR_2024 = """\
annee: 2024
realisations:
  - action: 1.1.1
    type: formation
    titre: Info-formation
    date: 2024-05
    partenaires: [ville, ch]
reunions:
  - instance: copil
    date: 2024-03
    presents: [ville, unafam, ch]
"""


def test_a_partner_named_before_joining_the_partnership_is_a_warning(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    # The 2024 bilan counted « ch » among its active partners, and the 2025 one as new.
    partners = PARTNERS.replace(
        "nom: Centre hospitalier\n", "nom: Centre hospitalier\n    depuis: 2025\n"
    ).replace("nom: UNAFAM\n", "nom: UNAFAM\n    depuis: 2022\n")
    root = territory(partenaires_yaml=partners, activite__2024_yaml=YEAR_2024)
    code, problems = validated(cli, root)
    assert code == 0
    # once per partner and file, at its first mention; « unafam » joined in 2022 itself
    assert [(p["file"], p["line"], p["column"], p["code"], p["severity"]) for p in problems] == [
        ("activite/2022.yaml", *at(ACTIVITY, "ch]"), "membre-hors-periode", "avertissement"),
        ("activite/2024.yaml", *at(YEAR_2024, "ch]"), "membre-hors-periode", "avertissement"),
    ]
    assert problems[1]["message"] == (
        "le partenaire « ch » est nommé dans l'activité de 2024, mais n'est entré dans le"
        " partenariat qu'en 2025"
    )
    assert problems[1]["hint"] == (
        f"corrigez « depuis » dans partenaires.yaml (ligne {at(partners, '2025')[0]}), ou"
        " l'année de cet élément : tel quel, le bilan de 2024 le compte parmi les partenaires"
        " actifs, et celui de 2025 parmi les nouveaux"
    )
    assert cli("validate", "--strict", root).code == 1


def test_a_partner_present_outside_its_membership_of_the_body_is_a_warning(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    clsm = CLSM.replace(
        "      - partenaire: ville\n",
        "      - partenaire: ville\n        depuis: 2022\n        jusqu_a: 2023\n",
    ).replace(
        "      - partenaire: unafam\n",
        "      - partenaire: unafam\n        depuis: 2025\n"
        "      - partenaire: unafam\n        depuis: 2018\n        jusqu_a: 2020\n",
    )
    root = territory(clsm_yaml=clsm, activite__2024_yaml=YEAR_2024)
    code, problems = validated(cli, root)
    assert code == 0
    # « ch » is no member of the copil: an invited guest, not said
    assert [(p["file"], p["line"], p["column"], p["code"], p["severity"]) for p in problems] == [
        ("activite/2022.yaml", *at(ACTIVITY, "unafam"), "membre-hors-periode", "avertissement"),
        ("activite/2024.yaml", *at(YEAR_2024, "ville,", 2), "membre-hors-periode", "avertissement"),
        ("activite/2024.yaml", *at(YEAR_2024, "unafam"), "membre-hors-periode", "avertissement"),
    ]
    assert [p["message"] for p in problems[1:]] == [
        "le partenaire « ville » est présent à la réunion de copil (2024-03), mais n'en est"
        " membre que de 2022 à 2023",
        "le partenaire « unafam » est présent à la réunion de copil (2024-03), mais n'en est"
        " membre que de 2018 à 2020, puis qu'à partir de 2025",
    ]
    assert problems[2]["hint"] == (
        f"mettez à jour ses dates de membre (depuis, jusqu_a) dans clsm.yaml (ligne"
        f" {at(clsm, '- partenaire: unafam')[0]}), ou corrigez la date de la réunion"
    )
    assert cli("validate", "--strict", root).code == 1


def test_a_membership_that_covers_the_meeting_is_no_warning(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    clsm = CLSM.replace(
        "      - partenaire: unafam\n",
        "      - partenaire: unafam\n        depuis: 2022\n        jusqu_a: 2024\n",
    ).replace("      - partenaire: ville\n", "      - partenaire: ville\n        jusqu_a: 2024\n")
    root = territory(clsm_yaml=clsm, activite__2024_yaml=YEAR_2024)
    assert validated(cli, root) == (0, [])


def test_a_misspelt_required_key_is_one_error(cli: Cli, territory: Callable[..., Path]) -> None:
    """`titr:` for the required `titre`: one error naming both (it was also told missing)."""
    plan = PLAN.replace("titre: Plan", "titr: Plan")
    code, problems = validated(cli, territory(plan_yaml=plan))
    assert code == 1
    errors = [p for p in problems if p["severity"] == "erreur"]
    assert [(p["code"], p["line"]) for p in errors] == [("cle-inconnue", at(plan, "titr:")[0])]
    assert "« titre », obligatoire ici, est sans doute mal écrite" in errors[0]["message"]
    assert errors[0]["hint"] == "écrivez « titre: »"


def test_a_value_named_by_one_of_its_words_is_suggested(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`type: etat` for `service-etat`: too far for a spelling match, but one of its words."""
    partners = PARTNERS.replace("secteur: collectivite", "secteur: collectivite\n    type: etat", 1)
    assert partners != PARTNERS
    code, problems = validated(cli, territory(partenaires_yaml=partners))
    assert code == 1
    found = [p for p in problems if p["code"] == "valeur-invalide"]
    assert found
    assert found[0]["hint"].startswith("vouliez-vous dire « service-etat » ?")


def test_a_target_beyond_the_plan_says_what_it_means_and_what_to_do(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    """A target dated after the plan's period was a bare warning (Saint-Nazaire trial): it
    now says that no bilan of the plan will judge it, and what to do."""
    plan = MINIMAL["plan.yaml"].replace(
        "cibles: [{valeur: 60}]", "cibles: [{annee: 2029, valeur: 60}]"
    )
    assert plan != MINIMAL["plan.yaml"]
    result = cli("validate", territory(plan_yaml=plan))
    assert result.code == 0, result.out  # a warning: the plan stays usable
    line, column = at(plan, "2029")
    assert f"plan.yaml:{line}:{column}: avertissement [annee-hors-plan]" in result.out
    assert "aide : aucun bilan du plan ne dira si elle est atteinte" in result.out


def test_a_realisation_outside_its_action_s_calendar_is_a_warning(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """The stranger's 2.1.2, planned for 2024–2026, had a realisation in 2023: validate said
    nothing; only the evaluation, two years later, said « hors calendrier »."""
    plan = MINIMAL["plan.yaml"].replace(
        "            pilote: ch\n",
        "            pilote: ch\n            calendrier: {debut: 2023}\n",
    )
    assert "calendrier: {debut: 2023}" in plan
    root = territory(plan_yaml=plan)
    result = cli("validate", root)
    assert result.code == 0  # a warning: the file says what happened
    activity = MINIMAL["activite/2022.yaml"]
    line, column = at(activity, "action: 1.1.1")
    plan_line = plan.splitlines().index("            calendrier: {debut: 2023}") + 1
    assert (
        f"2022.yaml:{line}:{column + len('action: ')}: avertissement [hors-calendrier]"
        " une réalisation de l'action 1.1.1 en 2022, hors de son calendrier (2023–2024)"
    ) in result.out
    assert f"ou le calendrier de l'action dans plan.yaml (ligne {plan_line})" in result.out
    assert cli("validate", root, "--strict").code == 1
    # a status of the year may be given outside it (« prévue » before, « abandonnée » after)
    status = MINIMAL["activite/2022.yaml"] + "actions:\n  - {action: 1.1.1, statut: prevue}\n"
    result = cli("validate", territory(plan_yaml=plan, activite__2022_yaml=status))
    assert result.out.count("[hors-calendrier]") == 1
    assert "un statut" not in result.out
    # within the calendar: nothing
    root = territory(plan_yaml=plan.replace("{debut: 2023}", "{debut: 2022}"))
    assert "hors-calendrier" not in cli("validate", root).out


def test_a_partner_that_is_its_own_parent_is_an_error(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`parent: ch-redon-cmp` on ch-redon-cmp itself passed; so did a loop of two."""
    directory = MINIMAL["partenaires.yaml"].replace("  - id: ch\n", "  - id: ch\n    parent: ch\n")
    assert "parent: ch\n" in directory
    result = cli("validate", territory(partenaires_yaml=directory))
    assert result.code == 1
    line, column = at(directory, "ch\n", 2)
    assert (
        f"partenaires.yaml:{line}:{column}: erreur [reference-circulaire] le partenaire « ch »"
        " est son propre parent"
    ) in result.out
    loop = (
        MINIMAL["partenaires.yaml"]
        .replace("  - id: ch\n", "  - id: ch\n    parent: ville\n")
        .replace("  - id: ville\n", "  - id: ville\n    parent: ch\n")
    )
    result = cli("validate", territory(partenaires_yaml=loop))
    assert result.out.count("[reference-circulaire]") == 1
    assert "le partenaire « ville » est son propre parent (ville → ch → ville)" in result.out
    # a service of another structure is fine
    service = MINIMAL["partenaires.yaml"].replace("  - id: ch\n", "  - id: ch\n    parent: ville\n")
    assert "reference-circulaire" not in cli("validate", territory(partenaires_yaml=service)).out
