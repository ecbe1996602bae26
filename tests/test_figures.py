"""No figure wrong: persons and attendances, absent data, units, statuses — as a coordinator
reads them in the bilan, through the real command line."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from html import unescape
from pathlib import Path

from conftest import MINIMAL, PLANS, Result, at

Cli = Callable[..., Result]
Territory = Callable[..., Path]
RAPPORT = "<br>*acteurs formés / acteurs concernés*"
"""What the Markdown bilan says under an indicator that is a rate: what it divides."""


def activity(realisations: str, extra: str = "") -> str:
    """An activity file for 2022 whose realisations are the given YAML block."""
    block = textwrap.indent(textwrap.dedent(realisations), "  ")
    return "annee: 2022\nrealisations:\n" + block + extra


def report(cli: Cli, root: Path, fmt: str = "md", year: str = "2022") -> str:
    """The bilan in a format, as text (HTML and DOCX stripped to their words)."""
    target = root / f"bilan.{fmt}"
    result = cli("report", year, root, "-f", fmt, "-o", target)
    assert result.code == 0, result.err
    if fmt == "docx":
        import docx

        document = docx.Document(str(target))
        words = [p.text for p in document.paragraphs]
        words += [cell.text for t in document.tables for row in t.rows for cell in row.cells]
        return "\n".join(words)
    text = target.read_text(encoding="utf-8")
    if fmt == "html":
        text = re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", text)))
    return text


PSSM = """\
- action: 1.1.1
  type: formation
  titre: Formation PSSM
  date: 2022-11-17
  date_fin: 2022-11-18
  participants: 12
  seances:
    - date: 2022-11-17
      participants: 12
    - date: 2022-11-18
      participants: 12
"""


# ---------------------------------------------------------------- persons are not attendances


def test_a_two_day_training_of_the_same_12_people_reaches_12_persons(
    cli: Cli, territory: Territory
) -> None:
    root = territory(activite__2022_yaml=activity(PSSM))
    assert cli("validate", root).code == 0, "persons beside sessions are no longer refused"
    text = report(cli, root)
    assert "les 17 et 18 novembre 2022 · 12 personnes, 24 présences" in text
    assert "| Participants | 1.1.1 |" in text
    assert "| Participants | 1.1.1 |  | 12 (calculé) |" in text
    assert "24 personnes" not in text


def test_a_six_session_class_counts_its_26_pupils_once(cli: Cli, territory: Territory) -> None:
    sessions = "".join(
        f"    - date: 2022-0{month}-10\n      participants: {n}\n"
        for month, n in zip(range(1, 7), (26, 25, 26, 24, 25, 26), strict=True)
    )
    classe = (
        "- action: 1.1.1\n  type: atelier\n  titre: Ateliers CPS en CM2\n  date: 2022-01\n"
        "  date_fin: 2022-06\n  participants: 26\n  seances:\n" + sessions
    )
    root = territory(activite__2022_yaml=activity(classe))
    for fmt in ("md", "html", "docx"):
        text = report(cli, root, fmt)
        assert "26 personnes, 152 présences" in text, fmt
        assert "152 personnes" not in text, fmt


def test_persons_are_bounded_by_the_sessions(cli: Cli, territory: Territory) -> None:
    too_many = activity(PSSM.replace("participants: 12\n  seances", "participants: 30\n  seances"))
    root = territory(activite__2022_yaml=too_many)
    result = cli("validate", root)
    line, column = at(too_many, "30")
    assert result.code == 1
    assert (
        f"2022.yaml:{line}:{column}: erreur [incoherence] les personnes touchées (30) dépassent"
        " le total des présences aux séances (24)" in result.out
    )
    too_few = activity(PSSM.replace("participants: 12\n  seances", "participants: 5\n  seances"))
    result = cli("validate", territory(activite__2022_yaml=too_few))
    assert result.code == 1
    assert "la séance la plus suivie (12)" in result.out


def test_sessions_without_persons_give_attendances_not_persons(
    cli: Cli, territory: Territory
) -> None:
    root = territory()  # two sessions of 11 and 10, distinct persons not said
    text = report(cli, root)
    realisation = (
        "Info-formation** — Formation · mai 2022 · 21 présences (personnes distinctes non"
        " renseignées)."
    )
    assert realisation in text
    assert "| Séance | Présences |" in text
    assert "21 personnes" not in text


def test_a_single_session_gives_its_persons(cli: Cli, territory: Territory) -> None:
    one = PSSM.replace("  participants: 12\n  seances", "  seances")
    one = one.split("    - date: 2022-11-18")[0]
    text = report(cli, territory(activite__2022_yaml=activity(one)))
    assert "12 personnes, 12 présences" in text


def test_totals_count_persons_and_say_when_some_are_unknown(cli: Cli, territory: Territory) -> None:
    sans = """\
- action: 1.1.1
  type: formation
  titre: Info-formation
  date: 2022-05
  seances:
    - {date: 2022-05-06, participants: 11}
    - {date: 2022-05-20, participants: 10}
"""
    text = report(cli, territory(activite__2022_yaml=activity(PSSM + sans)))
    total = "au moins 12 personnes (non renseigné pour 1 réalisation), 45 présences"
    assert f"*Total de l'action : 2 réalisations, {total}.*" in text
    assert f"**Total de l'axe : 2 réalisations, {total}.**" in text
    assert f"**Réalisations de l'année : {total}.**" in text
    assert "| Participants | 1.1.1 |  | au moins 12 (calculé) |  | valeur partielle |" in text


# ---------------------------------------------------------------- no data is not zero


def test_a_year_without_realisation_for_an_action_is_not_zero(
    cli: Cli, territory: Territory
) -> None:
    root = territory(activite__2023_yaml="annee: 2023\nconclusion: Une année de transition.\n")
    for fmt in ("md", "html", "docx"):
        text = report(cli, root, fmt, "2023")
        assert "Participants" in text, fmt
        assert "non renseigné" in text, fmt
    text = report(cli, root, "md", "2023")
    assert "| Participants | 1.1.1 |  | non renseigné |" in text
    assert "| 0 " not in text


def test_the_poitiers_grid_no_longer_says_sism_reached_nobody_in_2019(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli("report", "2019", PLANS / "poitiers", "-f", "md", "-o", tmp_path / "b.md")
    text = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert result.code == 0, result.err
    assert "| Personnes touchées par les SISM | 1.1.1 | non renseigné |" in text
    saisines = (
        "| Situations portées à la connaissance de la cellule (saisines)<br>*Source : Bilan"
        " d'activité 2022 du CLSM (« 12 en 2019 et 2020, 8 en 2021 »)* | 3.1.1 | 12 |"
    )
    assert saisines in text  # the measurement's source under the indicator
    assert "**Total de l'axe : 1 réalisation, personnes et présences non renseignées.**" in text


SAISINE = """\
saisines:
  - mois: 2022-03
    saisissant: Bailleur
    niveau: 1
    decision: Réunion de concertation
"""


def test_a_year_that_records_no_referral_does_not_say_zero(cli: Cli, territory: Territory) -> None:
    root = territory(
        activite__2022_yaml=MINIMAL["activite/2022.yaml"] + SAISINE,
        activite__2023_yaml="annee: 2023\nconclusion: Une année de transition.\n",
    )
    for fmt in ("md", "docx"):
        text = report(cli, root, fmt, "2023")
        assert "Saisines en 2023 : non renseigné" in text, fmt
        assert "0 saisine" not in text, fmt
    html = report(cli, root, "html", "2023")
    assert "Saisines en 2023 : non renseigné" in html
    assert "Saisines des années précédentes : 1 en 2022." in html
    # A later year compares with both: the year that does not say is not left out.
    root = territory(
        activite__2022_yaml=MINIMAL["activite/2022.yaml"] + SAISINE,
        activite__2023_yaml="annee: 2023\nconclusion: Une année de transition.\n",
        activite__2024_yaml="annee: 2024\nsaisines: []\n",
    )
    for fmt in ("md", "html", "docx"):
        text = report(cli, root, fmt, "2024")
        assert "Saisines des années précédentes : 1 en 2022 et non renseigné en 2023." in text, fmt


def test_a_year_without_activity_file_is_not_left_out_of_earlier_referrals(
    cli: Cli, territory: Territory
) -> None:
    """A year with no file between two that have one does not say its referrals either:
    « 3 en 2019, 2 en 2020 et 9 en 2022 » read as complete (Redon trial, 2021 missing)."""
    root = territory(
        activite__2022_yaml=MINIMAL["activite/2022.yaml"] + SAISINE,
        activite__2024_yaml="annee: 2024\nsaisines: []\n",
    )
    for fmt in ("md", "html", "docx"):
        text = report(cli, root, fmt, "2024")
        assert "Saisines des années précédentes : 1 en 2022 et non renseigné en 2023." in text, fmt


def test_an_empty_list_of_referrals_says_zero(cli: Cli, territory: Territory) -> None:
    root = territory(
        activite__2022_yaml=MINIMAL["activite/2022.yaml"] + SAISINE,
        activite__2023_yaml="annee: 2023\nsaisines: []\n",
    )
    assert "**0 saisine en 2023**." in report(cli, root, "md", "2023")


# ---------------------------------------------------------------- units


UNITS_PLAN = MINIMAL["plan.yaml"] + textwrap.indent(
    textwrap.dedent("""\
    - id: 1.1.1-budget
      libelle: Budget mobilisé
      unite: euros
      cibles: [{valeur: 14500}]
    - id: 1.1.1-heures
      libelle: Heures de formation
      unite: heures
      cibles: [{valeur: 18}]
    - id: 1.1.1-jours
      libelle: Jours d'immersion
      unite: jours
      cibles: [{valeur: 1}]
    - id: 1.1.1-repertoire
      libelle: Répertoire en ligne
      unite: oui-non
      cibles: [{valeur: 1}]
    """),
    " " * 14,
)
UNITS_MESURES = """\
  - {indicateur: 1.1.1-budget, valeur: 12000}
  - {indicateur: 1.1.1-heures, valeur: 20.5}
  - {indicateur: 1.1.1-jours, valeur: 3}
  - {indicateur: 1.1.1-repertoire, valeur: 1}
"""


def test_every_unit_is_shown(cli: Cli, territory: Territory) -> None:
    root = territory(
        plan_yaml=UNITS_PLAN, activite__2022_yaml=MINIMAL["activite/2022.yaml"] + UNITS_MESURES
    )
    assert cli("validate", root).code == 0
    nbsp, nnbsp = "\u00a0", "\u202f"
    e = f"{nbsp}€"
    rows = {
        "Budget mobilisé": f"14{nnbsp}500{e} (2024) | 12{nnbsp}000{e} | −2{nnbsp}500{e}",
        "Heures de formation": f"18{nbsp}h (2024) | 20,5{nbsp}h | +2,5{nbsp}h",
        "Jours d'immersion": "1 jour (2024) | 3 jours | +2 jours",
        "Répertoire en ligne": "oui (2024) | oui |  |",
    }
    for fmt in ("md", "html", "docx"):
        text = report(cli, root, fmt)
        for row in rows.values():
            for cell in row.split(" | "):
                assert cell.strip(" |") in text, (fmt, cell)
    text = report(cli, root)
    for libelle, row in rows.items():
        assert f"| {libelle} | 1.1.1 | {row}" in text


def test_a_yes_or_no_indicator_takes_only_yes_or_no(cli: Cli, territory: Territory) -> None:
    plan = UNITS_PLAN.replace(
        "unite: oui-non\n" + " " * 16 + "cibles: [{valeur: 1}]",
        "unite: oui-non\n" + " " * 16 + "cibles: [{valeur: 7}]",
    )
    activite = MINIMAL["activite/2022.yaml"] + UNITS_MESURES.replace(
        "repertoire, valeur: 1", "repertoire, valeur: 3"
    )
    result = cli("validate", territory(plan_yaml=plan, activite__2022_yaml=activite))
    assert result.code == 1
    line, column = at(plan, "7}]")
    assert (
        f"plan.yaml:{line}:{column}: erreur [valeur-invalide] 1.1.1-repertoire est un indicateur"
        " oui-non : 7 n'est ni oui ni non" in result.out
    )
    line, column = at(activite, "repertoire, valeur: 3")
    column += len("repertoire, valeur: ")
    assert f"2022.yaml:{line}:{column}: erreur [valeur-invalide]" in result.out
    assert "écrivez 1 pour oui, 0 pour non" in result.out


# ---------------------------------------------------------------- status


def rate(year: int, numerator: int) -> str:
    return (
        f"annee: {year}\nmesures:\n  - indicateur: 1.1.1-a\n"
        f"    numerateur: {numerator}\n    denominateur: 42\n"
    )


def test_before_its_target_year_an_indicator_is_never_non_atteint(
    cli: Cli, territory: Territory
) -> None:
    # Target: 60 % at the plan's end (2024), from 0 at its start: 40 % expected in 2023.
    root = territory(
        activite__2023_yaml=rate(2023, 5),
        activite__2024_yaml=rate(2024, 20),
    )
    row = f"| Acteurs formés{RAPPORT} | 1.1.1 | 60\u202f% (2024) |"
    assert f"{row} 83\u202f% (35 / 42) | +23\u202fpt | en bonne voie |" in report(cli, root)
    in_2023 = report(cli, root, "md", "2023")
    assert f"{row} 12\u202f% (5 / 42) | −48\u202fpt | en retard |" in in_2023
    assert f"{row} 48\u202f% (20 / 42) | −12\u202fpt | non atteint |" in report(
        cli, root, "md", "2024"
    )
    reached = territory(activite__2024_yaml=rate(2024, 30))
    assert "| +11\u202fpt | atteint |" in report(cli, reached, "md", "2024")
    for fmt in ("html", "docx"):
        assert "en retard" in report(cli, root, fmt, "2023"), fmt


# ---------------------------------------------------------------- French as a coordinator writes it


def test_an_intermediate_target_is_the_one_that_applies_before_its_year(
    cli: Cli, territory: Territory
) -> None:
    # Baseline 10 % in 2021, 50 % by 2023, 60 % by the plan's end (2024). In 2022, 20 % is
    # below the line from 10 % (2021) to 50 % (2023), which expects 30 %.
    plan = MINIMAL["plan.yaml"].replace(
        "cibles: [{valeur: 60}]",
        "reference: {annee: 2021, valeur: 10}\n"
        "                cibles: [{annee: 2023, valeur: 50}, {valeur: 60}]",
    )
    root = territory(plan_yaml=plan, activite__2022_yaml=rate(2022, 9))
    row = f"| Acteurs formés{RAPPORT} | 1.1.1 | 10\u202f% (2021) | 50\u202f% (2023) |"
    assert f"{row} 21\u202f% (9 / 42) | −29\u202fpt | en retard |" in report(cli, root)
    # In 2024, past the intermediate target, the plan's final target applies.
    later = territory(plan_yaml=plan, activite__2024_yaml=rate(2024, 26))
    assert "| 60\u202f% (2024) | 62\u202f% (26 / 42) | +2\u202fpt | atteint |" in report(
        cli, later, "md", "2024"
    )


def test_a_value_rounded_onto_its_target_keeps_its_verdict_readable(
    cli: Cli, territory: Territory
) -> None:
    # 299 / 1000 = 29,9 %, against 30 % in the target's year: « 30 % | 0 pt | non atteint »
    # would contradict itself.
    plan = MINIMAL["plan.yaml"].replace("cibles: [{valeur: 60}]", "cibles: [{valeur: 30}]")
    measured = (
        "annee: 2024\nmesures:\n  - {indicateur: 1.1.1-a, numerateur: 299, denominateur: 1000}\n"
    )
    root = territory(plan_yaml=plan, activite__2024_yaml=measured)
    assert "| 29,9\u202f% (299 / 1\u202f000) | −0,1\u202fpt | non atteint |" in report(
        cli, root, "md", "2024"
    )
    # 53 / 200 = 26,5 %: shown 27 %, as a reader rounds, and the gap follows what is shown.
    halves = measured.replace("299, denominateur: 1000", "53, denominateur: 200")
    root = territory(plan_yaml=plan, activite__2024_yaml=halves)
    assert "| 27\u202f% (53 / 200) | −3\u202fpt | non atteint |" in report(cli, root, "md", "2024")


def test_a_partial_count_that_already_reaches_its_target_is_judged(
    cli: Cli, territory: Territory
) -> None:
    # Persons of the two-session training unknown, 12 at the workshop: at least 12, which
    # already reaches a target of 10.
    plan = MINIMAL["plan.yaml"].replace(
        "calcul: somme-participants",
        "calcul: somme-participants\n                cibles: [{annee: 2022, valeur: 10}]",
    )
    workshop = (
        "  - {action: 1.1.1, type: atelier, titre: Atelier, date: 2022-09, participants: 12}\n"
        "reunions:"
    )
    root = territory(
        plan_yaml=plan,
        activite__2022_yaml=MINIMAL["activite/2022.yaml"].replace("reunions:", workshop),
    )
    assert "| 10 (2022) | au moins 12 (calculé) |  | atteint |" in report(cli, root)
    raised = plan.replace("valeur: 10}", "valeur: 20}")
    root = territory(
        plan_yaml=raised,
        activite__2022_yaml=MINIMAL["activite/2022.yaml"].replace("reunions:", workshop),
    )
    assert "| 20 (2022) | au moins 12 (calculé) |  | valeur partielle |" in report(cli, root)


def test_dates_and_periods_read_as_a_coordinator_writes_them(
    cli: Cli, territory: Territory
) -> None:
    year = """\
    annee: 2024
    realisations:
      - action: 1.1.1
        type: permanence
        titre: Permanences d'écoute
        date: 2024-01-09
        date_fin: 2024-12-17
    """
    one_year = (
        "titre: Plan de transition\nperiode: {debut: 2025, fin: 2025}\n"
        + (MINIMAL["plan.yaml"].split("periode: {debut: 2022, fin: 2024}\n")[1])
    )
    root = territory(activite__2024_yaml=textwrap.dedent(year), plan_2025_yaml=one_year)
    for fmt in ("md", "html", "docx"):
        text = report(cli, root, fmt, "2024")
        assert "du 9 janvier au 17 décembre 2024" in text, fmt
        assert "Actions prévues en 2025 par le plan 2025 :" in text, fmt
        assert "Le plan d'action 2025" in text, fmt
        assert "2025–2025" not in text, fmt
        assert "de 9 janvier" not in text, fmt


def test_indicator_charts_keep_units_apart_and_name_indicators_by_their_wording(
    cli: Cli, territory: Territory
) -> None:
    root = territory(
        plan_yaml=UNITS_PLAN, activite__2022_yaml=MINIMAL["activite/2022.yaml"] + UNITS_MESURES
    )
    assert cli("report", "2022", root, "-o", root / "b.html").code == 0
    html = (root / "b.html").read_text(encoding="utf-8")
    charts = dict(re.findall(r'<figure id="graphique-([^"]+)">(.*?)</figure>', html, re.S))
    assert [c for c in charts if c.startswith("indicateurs")] == [  # no chart of a oui-non
        "indicateurs-cibles-pourcentage",
        "indicateurs-cibles-euros",
        "indicateurs-cibles-heures",
        "indicateurs-cibles-jours",
    ]
    euros = charts["indicateurs-cibles-euros"]
    assert "Budget mobilisé" in euros
    assert "1.1.1-budget" not in euros
    assert "12\u202f000\u00a0€" in euros
    assert "Acteurs formés" not in euros, "a percentage is never drawn beside euros"


# ---------------------------------------------------------------- the plan table


def test_axes_without_objectives_and_objectives_without_actions_appear(
    cli: Cli, territory: Territory
) -> None:
    titles = (
        "Prévention",
        "Parcours",
        "Situations complexes",
        "Accès aux soins",
        "Déstigmatisation",
        "Logement",
    )
    axes = "".join(f'  - id: "{n}"\n    titre: {t}\n' for n, t in enumerate(titles, 1))
    plan = MINIMAL["plan.yaml"].split("axes:\n")[0] + "axes:\n" + axes
    plan += '    objectifs:\n      - id: "6.1"\n        titre: Accompagner vers le logement\n'
    root = territory(plan_yaml=plan, activite__2022_yaml="annee: 2022\nconclusion: Fin.\n")
    assert cli("validate", root).code == 0
    md = report(cli, root)
    for n, title in enumerate(titles, 1):
        assert f"| **{n}** {title} |" in md
    assert "| **6.1** Accompagner vers le logement |" in md
    for fmt in ("html", "docx"):
        text = report(cli, root, fmt)
        for title in (*titles, "Accompagner vers le logement"):
            assert title in text, (fmt, title)


PUBLICATION = """\
- action: 1.1.1
  type: publication
  titre: Guide des ressources
  date: 2022-09
"""


def test_a_realisation_that_counted_no_one_leaves_totals_whole(
    cli: Cli, territory: Territory
) -> None:
    text = report(cli, territory(activite__2022_yaml=activity(PSSM + PUBLICATION)))
    assert "**Total de l'axe : 2 réalisations, 12 personnes, 24 présences.**" in text
    alone = report(cli, territory(activite__2022_yaml=activity(PUBLICATION)))
    assert "**Total de l'axe : 1 réalisation, personnes et présences non renseignées.**" in alone
    assert "0 personne" not in alone


def test_an_axis_whose_work_counted_nobody_stays_in_the_axes_chart(
    cli: Cli, territory: Territory
) -> None:
    plan = MINIMAL["plan.yaml"] + textwrap.indent(
        textwrap.dedent(
            """\
            - id: "2"
              titre: Coordonner
              objectifs:
                - id: "2.1"
                  titre: Animer
                  actions:
                    - {id: 2.1.1, titre: Groupe de travail}
            """
        ),
        "  ",
    )
    meeting = "  - {action: 2.1.1, type: groupe-de-travail, titre: GT logement, date: 2022-03}\n"
    root = territory(
        plan_yaml=plan,
        activite__2022_yaml=MINIMAL["activite/2022.yaml"].replace(
            "reunions:", meeting + "reunions:"
        ),
    )
    text = report(cli, root, "md")
    (alternative,) = re.findall(r"!\[(Personnes et présences par axe[^\]]*)\]", text)
    assert "Axe 2 – Coordonner : personnes et présences non renseignées" in alternative


def test_the_coordination_funding_says_the_scheme_share_and_amount(
    cli: Cli, territory: Territory
) -> None:
    clsm = MINIMAL["clsm.yaml"].replace(
        "  etp: 0.5\n",
        "  etp: 0.5\n  financeurs:\n"
        "    - {partenaire: ch, part: 50, montant: 20000, dispositif: FIR}\n"
        "    - {partenaire: ville, part: 50}\n",
    )
    root = territory(clsm_yaml=clsm)
    for fmt in ("md", "html", "docx"):
        text = report(cli, root, fmt)
        assert "Centre hospitalier — FIR (50\u202f%, 20\u202f000\u00a0€ par an)" in text, fmt


def test_sessions_without_a_breakdown_have_no_empty_column(cli: Cli, territory: Territory) -> None:
    root = territory(activite__2022_yaml=activity(PSSM))
    for fmt in ("md", "html", "docx"):
        assert "Répartition" not in report(cli, root, fmt), fmt
    assert "| Séance | Présences |\n" in report(cli, root, "md")


def test_an_indicator_chart_stays_readable(cli: Cli, territory: Territory) -> None:
    # A chart of 41 bars is not read: the table gives every figure. A unit whose indicators
    # all lack a value has nothing realised to compare: no chart either.
    many = "".join(
        f"              - {{id: 1.1.1-n{i}, libelle: Compte {i}, unite: nombre,"
        f" cibles: [{{valeur: 10}}]}}\n"
        for i in range(41)
    )
    plan = MINIMAL["plan.yaml"].replace(
        "            indicateurs:\n", "            indicateurs:\n" + many
    )
    values = "".join(f"  - {{indicateur: 1.1.1-n{i}, valeur: 5}}\n" for i in range(41))
    measured = MINIMAL["activite/2022.yaml"] + values
    text = report(cli, territory(plan_yaml=plan, activite__2022_yaml=measured), "md")
    assert "| Compte 40 | 1.1.1 | 10 (2024) | 5 |" in text
    assert "en nombre : cible et réalisé" not in text
    text = report(cli, territory(plan_yaml=plan), "md")
    assert "en nombre : cible et réalisé" not in text


def test_a_copied_plan_walks_its_own_actions() -> None:
    """A plan remembers its walk of actions and indicators; a copy with other axes must not
    give the original's."""
    from clsm_cli.models import Plan

    plan = Plan.model_validate(
        {
            "titre": "Plan",
            "periode": {"debut": 2023, "fin": 2027},
            "axes": [
                {
                    "id": "1",
                    "objectifs": [{"id": "1.1", "actions": [{"id": "1.1.1", "titre": "A"}]}],
                }
            ],
        }
    )
    assert len(plan.actions()) == 1
    copy = plan.model_copy(update={"axes": []})
    assert copy.actions() == []
    assert copy.indicateurs() == []
    assert len(plan.actions()) == 1
    assert plan.model_copy(deep=True) == plan
