"""Models against documents: every pydantic error becomes a located French problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from clsm_cli.problems import Gravite
from clsm_cli.validation.pipeline import validate_paths
from conftest import MINIMAL, Result

Cli = Callable[..., Result]


def problems(root: Path) -> list[tuple[str, int | None, int | None, str]]:
    """The errors and warnings (not the informations on what could not be checked)."""
    report = validate_paths([root]).report
    return [
        (Path(p.file).name, p.line, p.column, p.code)
        for p in report.sorted()
        if p.severity is not Gravite.INFO
    ]


def only(root: Path) -> tuple[str, int | None, int | None, str]:
    found = problems(root)
    assert len(found) == 1, found
    return found[0]


def test_the_minimal_territory_is_valid(territory: Callable[..., Path]) -> None:
    assert problems(territory()) == []


PARTNERS = """\
    partenaires:
      - id: ville
        nom: Ville de Test
        secteur: {secteur}
        representant_usagers: {usagers}
      - id: unafam
        nom: UNAFAM
        secteur: habitants-usagers-citoyens
      - id: ch
        nom: Centre hospitalier
        secteur: sante
    """


@pytest.mark.parametrize(
    ("secteur", "usagers", "line", "column", "code"),
    [
        ("santé", "false", 4, 14, "valeur-invalide"),
        ("sante", "non", 5, 27, "type-invalide"),
        ("sante", "no", 5, 27, "type-invalide"),
        ("sante", "oui", 5, 27, "type-invalide"),
        ("sante", "1", 5, 27, "type-invalide"),
        ("[sante]", "false", 4, 14, "valeur-invalide"),
    ],
)
def test_wrong_values_are_located(
    territory: Callable[..., Path], secteur: str, usagers: str, line: int, column: int, code: str
) -> None:
    root = territory(partenaires_yaml=PARTNERS.format(secteur=secteur, usagers=usagers))
    assert only(root) == ("partenaires.yaml", line, column, code)


def test_unknown_key_points_at_the_key_and_suggests_the_nearest(
    territory: Callable[..., Path],
) -> None:
    partners = "partenaires:\n  - id: a\n    nom: A\n    secteur: sante\n    secteurs: 1\n"
    root = territory(partenaires_yaml=partners)
    report = validate_paths([root]).report
    (problem,) = [p for p in report.sorted() if p.code == "cle-inconnue"]
    assert (problem.line, problem.column) == (5, 5)
    assert problem.hint == "vouliez-vous dire « secteur » ?"
    assert problem.path == "partenaires[0].secteurs"


def test_missing_field_points_at_its_parent(territory: Callable[..., Path]) -> None:
    root = territory(partenaires_yaml="partenaires:\n  - id: a\n    secteur: sante\n")
    problems_found = validate_paths([root]).report.sorted()
    missing = [p for p in problems_found if p.code == "champ-manquant"]
    assert [(p.line, p.column, p.message) for p in missing] == [
        (2, 5, "le champ « nom » est obligatoire ici")
    ]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ('"0.5"', "type-invalide"),
        ("50 %", "type-invalide"),
        (".nan", "valeur-hors-bornes"),
        ("1e400", "valeur-hors-bornes"),
        ("-1", "valeur-hors-bornes"),
        ("[0.5]", "type-invalide"),
    ],
)
def test_numbers_are_strict(territory: Callable[..., Path], value: str, code: str) -> None:
    clsm = (
        "nom: T\nterritoire: T\ncoordination:\n  structure_porteuse: ville\n  etp: " + value + "\n"
    )
    assert only(territory(clsm_yaml=clsm)) == ("clsm.yaml", 5, 8, code)


def test_percent_text_where_a_number_is_expected_gets_a_hint(
    territory: Callable[..., Path],
) -> None:
    clsm = "nom: T\nterritoire: T\ncoordination:\n  structure_porteuse: ville\n  etp: 60 %\n"
    (problem, _info) = validate_paths([territory(clsm_yaml=clsm)]).report.sorted()
    assert problem.hint is not None
    assert "(60)" in problem.hint


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ('"1.10"', None),
        ("1.1", None),
        ("2022", None),
        ("1.10", ("clsm.yaml", 6, 9, "nombre-ambigu")),
        ("08", ("clsm.yaml", 6, 9, "nombre-ambigu")),
        ("1e3", ("clsm.yaml", 6, 9, "nombre-ambigu")),
        ("0x10", ("clsm.yaml", 6, 9, "nombre-ambigu")),
        ("copil bis", ("clsm.yaml", 6, 9, "format-invalide")),
    ],
)
def test_identifiers_that_yaml_would_change_are_refused(
    territory: Callable[..., Path], ident: str, expected: tuple[str, int, int, str] | None
) -> None:
    clsm = (
        "nom: T\nterritoire: T\ncoordination:\n  structure_porteuse: ville\ninstances:\n"
        f"  - id: {ident}\n    nom: Cellule\n    type: cellule\n"
        "  - id: copil\n    nom: COPIL\n    type: copil\n"
    )
    found = problems(territory(clsm_yaml=clsm))
    assert found == ([expected] if expected else [])


def test_ambiguous_number_says_to_quote_it(territory: Callable[..., Path]) -> None:
    clsm = "nom: T\nterritoire: 1.10\n"
    (problem, _info) = validate_paths([territory(clsm_yaml=clsm)]).report.sorted()
    assert problem.code == "nombre-ambigu"
    assert problem.hint == 'mettez-le entre guillemets : "1.10"'


@pytest.mark.parametrize(
    ("date", "code"),
    [
        ("2022-13", "format-invalide"),
        ("2022-02-30", "format-invalide"),
        ("mai 2022", "format-invalide"),
    ],
)
def test_partial_dates_are_checked(territory: Callable[..., Path], date: str, code: str) -> None:
    clsm = f"nom: T\nterritoire: T\ndate_labellisation: {date}\n"
    assert only(territory(clsm_yaml=clsm)) == ("clsm.yaml", 3, 21, code)


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        (
            "2022-13-04",
            "il n'y a pas de mois 13 : le jour et le mois sont-ils inversés (2022-04-13) ?",
        ),
        ("2022-13-25", "il n'y a pas de mois 13"),
        ("2023-02-29", "février 2023 n'a que 28 jours"),
        ("2022-04-31", "avril n'a que 30 jours"),
        ("2022-05-00", "il n'y a pas de jour 0"),
    ],
)
def test_a_date_out_of_the_calendar_says_why(
    cli: Callable[..., Result], territory: Callable[..., Path], date: str, reason: str
) -> None:
    root = territory(clsm_yaml=f"nom: T\nterritoire: T\ndate_labellisation: {date}\n")
    result = cli("validate", root)
    assert result.code == 1
    assert f"clsm.yaml:3:21: erreur [format-invalide] « {date} » n'est pas une date du" in (
        result.out
    )
    assert f"du calendrier : {reason}\n" in result.out


def test_a_measure_needs_a_value_or_a_ratio(territory: Callable[..., Path]) -> None:
    activity = "annee: 2022\nmesures:\n  - indicateur: 1.1.1-a\n    numerateur: 3\n"
    assert only(territory(activite__2022_yaml=activity)) == ("2022.yaml", 3, 5, "incoherence")


def test_problems_of_several_files_are_all_reported(territory: Callable[..., Path]) -> None:
    root = territory(
        clsm_yaml="nom: T\nterritoire: T\nmission: [a]\n",
        partenaires_yaml=PARTNERS.format(secteur="santee", usagers="false"),
    )
    assert problems(root) == [
        ("clsm.yaml", 3, 10, "type-invalide"),
        ("partenaires.yaml", 4, 14, "valeur-invalide"),
    ]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("participants: 1 40", "écrivez le nombre seul (140)"),
        ("participants: oui", "pour un indicateur oui-non, écrivez 1 (oui) ou 0 (non)"),
    ],
)
def test_a_number_typed_as_text_gets_the_rewrite(
    territory: Callable[..., Path], typed: str, hint: str
) -> None:
    from conftest import MINIMAL

    activity = MINIMAL["activite/2022.yaml"].replace(
        "partenaires: [ch]", f"partenaires: [ch]\n    {typed}"
    )
    report = validate_paths([territory(activite__2022_yaml=activity)]).report
    (problem,) = [p for p in report.problems if p.code == "type-invalide"]
    assert problem.hint == hint


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("123456789012345678901234567890", "1,23e+29"),
        ("1000000000001", "1\u202f000\u202f000\u202f000\u202f001"),
    ],
)
def test_a_figure_beyond_any_territory_is_refused_where_it_is_written(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, value: str, found: str
) -> None:
    """A target of 10^29 passed validate, then the bilan, the evaluation and the export ended
    in « erreur interne (InvalidOperation) » (Babel cannot write it): every figure of the
    format is bounded, and the bound and the value are written as a reader writes them."""
    cibles = f"                cibles: [{{valeur: {value}}}]"
    calcul = "                calcul: somme-participants\n"
    plan = MINIMAL["plan.yaml"].replace(calcul, f"{calcul}{cibles}\n")
    assert plan != MINIMAL["plan.yaml"]
    root = territory(plan_yaml=plan)
    result = cli("validate", root)
    assert result.code == 1
    line, column = plan.splitlines().index(cibles) + 1, cibles.index(value) + 1
    assert (
        f"plan.yaml:{line}:{column}: erreur [valeur-hors-bornes] « valeur » doit être au plus"
        f" 1\u202f000\u202f000\u202f000\u202f000 ; trouvé {found}"
    ) in result.out
    for *command, suffix in (("report", "2022", "md"), ("evaluation", "md"), ("export", "xlsx")):
        refused = cli(*command, root, "-o", tmp_path / f"sortie.{suffix}")
        assert refused.code == 1, command
        assert "erreur interne" not in refused.out + refused.err, command


def test_a_denominator_beyond_any_territory_is_refused(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    activite = MINIMAL["activite/2022.yaml"].replace("denominateur: 42", "denominateur: 1.0e+29")
    assert activite != MINIMAL["activite/2022.yaml"]
    result = cli("validate", territory(activite__2022_yaml=activite))
    assert result.code == 1
    assert "[valeur-hors-bornes] « denominateur » doit être au plus" in result.out


def test_a_date_written_the_french_way_gets_its_iso_form(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    root = territory(clsm_yaml="nom: T\nterritoire: T\ndate_labellisation: 06/11/2021\n")
    result = cli("validate", root)
    assert (
        "clsm.yaml:3:21: erreur [format-invalide] « 06/11/2021 » n'est pas une date : écrivez"
        " AAAA-MM-JJ (2021-11-06), AAAA-MM ou AAAA"
    ) in result.out


def test_a_unit_typed_as_its_symbol_gets_its_name(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    plan = MINIMAL["plan.yaml"].replace("unite: pourcentage", "unite: '%'", 1)
    assert "unite: '%'" in plan
    result = cli("validate", territory(plan_yaml=plan))
    assert "le texte « % » n'est pas une valeur permise pour « unite »" in result.out
    assert "aide : vouliez-vous dire « pourcentage » ?" in result.out


def test_a_comma_in_a_text_between_braces_is_explained(
    cli: Callable[..., Result], territory: Callable[..., Path]
) -> None:
    """`{action: 1.1.1, titre: Forum, suivi CMP}` cut the title at its comma: validate said
    only that « suivi CMP » is an unknown key."""
    activity = MINIMAL["activite/2022.yaml"].replace(
        "realisations:\n",
        "realisations:\n"
        "  - {action: 1.1.1, type: evenement, titre: Forum, suivi CMP, date: 2022}\n",
    )
    result = cli("validate", territory(activite__2022_yaml=activity))
    assert "[cle-inconnue] clé « suivi CMP » inconnue à cet endroit" in result.out
    assert (
        "entre accolades, une virgule sépare deux champs : si « suivi CMP » continue le texte"
        " d'avant, mettez tout ce texte entre guillemets doubles"
    ) in result.out
