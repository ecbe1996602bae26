"""`clsm diff`'s comparisons: two versions paired by key, in the order of the plan."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from clsm_cli.versions.changes import pair, pair_sets, side_by_side
from conftest import Result

Cli = Callable[..., Result]


def test_pair_tells_added_removed_and_kept_in_each_versions_order() -> None:
    old = {"b": 1, "a": 2, "c": 3}
    new = {"c": 30, "d": 4, "a": 2, "e": 5}
    paired = pair(old, new)
    assert paired.added == [("d", 4), ("e", 5)]
    assert paired.removed == [("b", 1)]
    assert paired.kept == [("c", 3, 30), ("a", 2, 2)]
    assert pair(old, new, old_order=True).kept == [("a", 2, 2), ("c", 3, 30)]


def test_pair_sets_and_side_by_side_are_sorted() -> None:
    paired = pair_sets({"zoé", "ch", "ville"}, ["ville", "ars", "ars", "ccas"])
    assert paired.added == [("ars", "ars"), ("ccas", "ccas")]
    assert paired.removed == [("ch", "ch"), ("zoé", "zoé")]
    assert list(side_by_side({2023: "a", 2021: "b"}, {2022: "c", 2023: "d"})) == [
        (2021, "b", None),
        (2022, None, "c"),
        (2023, "a", "d"),
    ]


PLAN = """\
titre: Plan 2022-2024
periode: {{debut: 2022, fin: 2024}}
axes:
  - id: "1"
    objectifs:
      - id: "1.1"
        actions:
{actions}
"""

ACTION = """\
          - id: {id}
            titre: {titre}
            statut: {statut}
"""


def plan(*actions: tuple[str, str, str]) -> str:
    rows = "".join(ACTION.format(id=i, titre=t, statut=s) for i, t, s in actions)
    return PLAN.format(actions=rows.rstrip("\n"))


def test_diff_tells_actions_in_the_old_plans_order_then_the_renumbered(
    cli: Cli, tmp_path: Path
) -> None:
    old, new = tmp_path / "avant.yaml", tmp_path / "apres.yaml"
    old.write_text(
        plan(
            ("1.1.1", "Former les acteurs", "prevue"),
            ("1.1.2", "Informer les habitants", "prevue"),
            ("1.1.3", "Ouvrir une permanence", "prevue"),
        ),
        encoding="utf-8",
    )
    new.write_text(
        plan(
            ("1.1.4", "Ouvrir une permanence", "en-cours"),
            ("1.1.2", "Informer les habitants", "en-cours"),
            ("1.1.1", "Former les acteurs", "en-cours"),
        ),
        encoding="utf-8",
    )
    result = cli("diff", old, new)
    assert result.code == 0, result.err
    assert result.out == textwrap.dedent(
        """\
        apres.yaml
          • action 1.1.3 renumérotée 1.1.4 : Ouvrir une permanence
          • action 1.1.1 : le statut passe de « Prévue » à « En cours »
          • action 1.1.2 : le statut passe de « Prévue » à « En cours »
          • action 1.1.4 : le statut passe de « Prévue » à « En cours »
        """
    )


def test_the_next_plans_action_follows_its_suite_de_before_its_number(
    cli: Cli, tmp_path: Path
) -> None:
    """The next plan's 3.1.1 continues the old 3.1.2 (`suite_de: 3.1.2`): it was paired with
    the old 3.1.1 by its number, and 3.1.2 said removed. Between two versions of one plan
    (same period), `suite_de` names the previous plan's numbers: nothing is paired by it."""
    old, new = tmp_path / "plan-2019-2021.yaml", tmp_path / "plan-2022-2024.yaml"
    old.write_text(
        plan(
            ("1.1.1", "Rédiger une charte logement", "realisee"),
            ("1.1.2", "Accompagner le maintien dans le logement", "en-cours"),
            ("1.1.3", "Former les bailleurs", "en-cours"),
        ).replace("periode: {debut: 2022, fin: 2024}", "periode: {debut: 2019, fin: 2021}"),
        encoding="utf-8",
    )
    continued = plan(
        ("1.1.1", "Se maintenir dans son logement", "en-cours"),
        ("1.1.3", "Former les bailleurs", "en-cours"),
    )
    continued = continued.replace(
        "titre: Se maintenir dans son logement\n",
        "titre: Se maintenir dans son logement\n            suite_de: 1.1.2\n",
    ).replace(
        "titre: Former les bailleurs\n",
        "titre: Former les bailleurs\n            suite_de: 1.1.3\n",
    )
    new.write_text(continued, encoding="utf-8")
    result = cli("diff", old, new)
    assert result.code == 0, result.err
    said = [line.strip() for line in result.out.splitlines()]
    assert "• action 1.1.2 devient 1.1.1 (suite_de) : Se maintenir dans son logement" in said
    assert "• action 1.1.1 supprimée : Rédiger une charte logement" in said
    assert "action 1.1.2 supprimée" not in result.out
    assert "action 1.1.3" not in result.out  # continued under its number: the same action

    version = tmp_path / "plan-2022-2024-v2.yaml"
    version.write_text(continued.replace("statut: en-cours", "statut: realisee"), "utf-8")
    result = cli("diff", new, version)
    assert result.code == 0, result.err
    assert "devient" not in result.out
    assert "• action 1.1.1 : le statut passe de « En cours » à « Réalisée »" in [
        line.strip() for line in result.out.splitlines()
    ]


def test_diff_says_a_closed_lists_values_by_their_labels(cli: Cli, tmp_path: Path) -> None:
    """A status or a competence was said by its key (« prevue », « gestion-stress »): the
    coordinator reads the labels the bilan uses."""
    old, new = tmp_path / "avant.yaml", tmp_path / "apres.yaml"
    old.write_text(plan(("1.1.1", "Former les acteurs", "reportee")), encoding="utf-8")
    text = plan(("1.1.1", "Former les acteurs", "abandonnee"))
    new.write_text(
        text + "            competences_psychosociales: [gestion-stress]\n", encoding="utf-8"
    )
    result = cli("diff", old, new)
    assert result.code == 0, result.err
    assert result.out == textwrap.dedent(
        """\
        apres.yaml
          • action 1.1.1 : le statut passe de « Reportée » à « Abandonnée »
          • action 1.1.1 : les compétences psychosociales — + « Gérer son stress »
        """
    )


def test_a_session_added_or_changed_is_said_session_by_session(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A séance added to a réalisation was « seances passe de « date …; date … » à … », the
    whole list dumped; each séance added or removed is said on its own line, its date in
    French, and one changed on its day is told field by field (it was said removed, then
    added again, with ISO dates)."""
    from conftest import MINIMAL

    before = territory()
    old = tmp_path / "avant"
    before.rename(old)
    activity = (
        MINIMAL["activite/2022.yaml"]
        .replace(
            "        participants: 10\n",
            "        participants: 10\n      - date: 2022-06-03\n        participants: 8\n",
        )
        .replace("participants: 11", "participants: 12")
    )
    assert "2022-06-03" in activity
    after = territory(activite__2022_yaml=activity)
    result = cli("diff", old, after)
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]
    assert (
        "• réalisation Info-formation, séance du 6 mai 2022 : les participants passent"
        " de « 11 » à « 12 »" in lines
    )
    assert "• réalisation Info-formation : séance ajoutée : date 3 juin 2022, participants 8" in (
        lines
    )
    assert "supprimée" not in result.out
    assert "seances passe" not in result.out
    assert "2022-0" not in result.out


def test_a_session_moved_to_another_day_is_said_removed_and_added(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A séance whose date changed is another séance: removed, then added, dated in French;
    two séances of one day are never paired with a third by guess."""
    from conftest import MINIMAL

    before = territory()
    old = tmp_path / "avant"
    before.rename(old)
    activity = (
        MINIMAL["activite/2022.yaml"]
        .replace("date: 2022-05-20", "date: 2022-05-06")
        .replace("participants: 10", "participants: 9")
    )
    after = territory(activite__2022_yaml=activity)
    result = cli("diff", old, after)
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]
    assert (
        "• réalisation Info-formation : séance supprimée : date 20 mai 2022, participants 10"
        in lines
    )
    assert (
        "• réalisation Info-formation : séance ajoutée : date 6 mai 2022, participants 9" in lines
    )
    assert "passent" not in result.out  # the 6 May séance kept is not paired with the new one


def test_a_meeting_and_a_referral_added_are_dated_in_french(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """« réunion ajoutée : copil du 2025-11-20 » gave the file's ISO date to a coordinator."""
    from conftest import MINIMAL

    before = territory()
    old = tmp_path / "avant"
    before.rename(old)
    activity = (
        MINIMAL["activite/2022.yaml"].replace(
            "reunions:\n", "reunions:\n  - {instance: copil, date: 2022-11-20}\n"
        )
        + "saisines:\n  - {mois: 2022-02, saisissant: Bailleur, niveau: 1, decision: Visite}\n"
    )
    assert "2022-11-20" in activity
    after = territory(activite__2022_yaml=activity)
    result = cli("diff", old, after)
    assert result.code == 0, result.err
    assert "réunion ajoutée : copil du 20 novembre 2022" in result.out
    assert "saisine ajoutée : février 2022, Bailleur" in result.out


def test_an_amount_added_or_removed_is_said_with_its_amount(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """« montant de l'année ajouté : 2024 » left out what the coordinator had changed: the
    amount. A funding added or removed says its amount too."""
    from conftest import MINIMAL

    budget = (
        "            pilote: ch\n"
        "            financements:\n"
        "              - financeur: ville\n"
        "                budget:\n"
        "                  - {annee: 2022, montant: 12000}\n"
    )
    before = territory(plan_yaml=MINIMAL["plan.yaml"].replace("            pilote: ch\n", budget))
    old = tmp_path / "avant"
    before.rename(old)
    after = territory(
        plan_yaml=MINIMAL["plan.yaml"].replace(
            "            pilote: ch\n",
            budget.replace("2022, montant: 12000", "2023, montant: 4500.5")
            + "              - {financeur: ch, montant: 3000}\n",
        )
    )
    result = cli("diff", old, after)
    assert result.code == 0, result.err
    said = result.out.replace("\u202f", " ").replace("\u00a0", " ")
    assert "montant de l'année ajouté : 2023, 4 500,50 €" in said
    assert "montant de l'année retiré : 2022, 12 000 €" in said
    assert "financement ajouté : ch, 3 000 €" in said
