"""`clsm fmt` through the real command line: comments kept where they are, once and for all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, Result, at

Cli = Callable[..., Result]

SISM = (
    "  - {action: 1.1.1, type: evenement, titre: SISM, date: 2022-10-06, participants: 140}  # note"
)


def fmt_three_times(cli: Cli, root: Path, path: Path) -> str:
    """fmt, then fmt --check passes, then fmt changes nothing; the text after the first."""
    first = cli("fmt", root)
    assert first.code == 0, first.out + first.err
    text = path.read_text(encoding="utf-8")
    check = cli("fmt", "--check", root)
    assert check.code == 0, check.out + check.err
    assert "laissé tel quel" not in check.err
    again = cli("fmt", root)
    assert again.code == 0, again.out + again.err
    assert "0 reformaté," in again.out
    assert path.read_text(encoding="utf-8") == text
    return text


def test_a_flow_activity_with_a_comment_is_formatted_once_and_for_all(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """The line of the issue: the comment used to end up alone after the dash, 85 spaces on."""
    activity = MINIMAL["activite/2022.yaml"].replace("realisations:\n", f"realisations:\n{SISM}\n")
    root = territory(activite__2022_yaml=activity)
    path = root / "activite" / "2022.yaml"
    text = fmt_three_times(cli, root, path)
    assert "  - action: 1.1.1 # note\n    type: evenement\n    titre: SISM\n" in text
    assert text.count("# note") == 1
    assert max(len(line) for line in text.splitlines()) <= 100
    assert cli("validate", "--strict", root).code == 0


SECOND_ACTION = "          -  # après le tiret\n            id: 1.1.2\n            titre: Autre\n"


@pytest.mark.parametrize(
    ("old", "new", "after"),
    [
        (
            "periode: {debut: 2022, fin: 2024}",
            "periode: {debut: 2022, fin: 2024}  # la période",
            "periode: # la période\n  debut: 2022\n  fin: 2024\n",
        ),
        (
            "partenaires: [ville]",
            "partenaires: [ville]  # un seul",
            "partenaires: # un seul\n              - ville\n",
        ),
        (
            "calcul: somme-participants\n",
            "calcul: somme-participants\n" + SECOND_ACTION,
            "          - id: 1.1.2 # après le tiret\n            titre: Autre\n",
        ),
    ],
    ids=["apres-accolades", "apres-crochets", "apres-tiret"],
)
def test_comments_after_flow_collections_and_dashes_stay_on_their_line(
    cli: Cli, territory: Callable[..., Path], old: str, new: str, after: str
) -> None:
    plan = MINIMAL["plan.yaml"].replace(old, new)
    assert new in plan
    root = territory(plan_yaml=plan)
    text = fmt_three_times(cli, root, root / "plan.yaml")
    assert after in text


def test_fmt_keeps_the_quotes_an_id_needs_as_the_file_writes_them(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`id: "1.1"`, as the guide writes it, is no longer rewritten `id: '1.1'`."""
    plan = (
        MINIMAL["plan.yaml"]
        .replace('- id: "1"', "- id: '1'")
        .replace("titre: Sensibiliser", 'titre: "Sensibiliser"')
    )
    root = territory(plan_yaml=plan)
    text = fmt_three_times(cli, root, root / "plan.yaml")
    assert "  - id: '1'\n" in text
    assert '      - id: "1.1"\n' in text
    assert "        titre: Sensibiliser\n" in text


PLAN_OUT_OF_ORDER = """\
periode: {debut: 2025, fin: 2027}
# the plan's title
titre: Plan
axes:
  - titre: Axe un
    # why this id
    id: "1"
    objectifs:
      - id: "1.1"
        titre: Objectif
        actions:
          - titre: Action
            # why this status
            statut: en-cours  # since June
            # the action's number
            id: "1.1.1"
            # after the action
  # before axis 2
  - id: "2"
    titre: Axe deux
"""

PLAN_IN_ORDER = """\
# the plan's title
titre: Plan
periode:
  debut: 2025
  fin: 2027
axes:
  # why this id
  - id: "1"
    titre: Axe un
    objectifs:
      - id: "1.1"
        titre: Objectif
        actions:
          # the action's number
          - id: 1.1.1
            titre: Action
            # why this status
            statut: en-cours  # since June
            # after the action
  # before axis 2
  - id: "2"
    titre: Axe deux
"""


def test_a_moved_key_takes_the_comment_above_it_along(cli: Cli, tmp_path: Path) -> None:
    """Keys put in the models' order keep the comment lines above them (they stayed behind,
    above whatever came next: « # why this status » ended up above `id`)."""
    root = tmp_path / "t"
    root.mkdir()
    (root / "clsm.yaml").write_text(MINIMAL["clsm.yaml"], encoding="utf-8")
    (root / "plan.yaml").write_text(PLAN_OUT_OF_ORDER, encoding="utf-8")
    assert fmt_three_times(cli, root, root / "plan.yaml") == PLAN_IN_ORDER


def test_comments_moved_under_a_literal_block_stay_comments(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """A key moved after a literal block: the comment lines that followed the old last value
    must not be indented into the block's text."""
    activity = (
        "annee: 2022\nrealisations:\n  - action: 1.1.1\n    type: atelier\n"
        "    titre: Atelier\n    date: 2022-05-01\n    texte: |\n      Séance\n"
        "      # pas un commentaire\n    partenaires: [ville]\n    seances:\n"
        "      - date: 2022-05-01\n        participants: 1\n\n      # c1\n"
    )
    root = territory(activite__2022_yaml=activity)
    path = root / "activite" / "2022.yaml"
    text = fmt_three_times(cli, root, path)
    assert "      # pas un commentaire\n" in text  # the block's text
    block_end = text.index("      # pas un commentaire\n")
    assert text.index("# c1") > block_end
    assert "\n      # c1" not in text  # not indented into the block


def test_written_files_quote_in_double_quotes_where_needed() -> None:
    from clsm_cli.writing.yaml_text import dumps

    text = dumps({"id": "1.1", "titre": "2022-01-01", "date": "2022-01-01", "note": 'dit "x" : y'})
    # a date under a date's key unquoted, as coordinators write it (text in YAML 1.2)
    assert text == ('id: "1.1"\ntitre: "2022-01-01"\ndate: 2022-01-01\nnote: \'dit "x" : y\'\n')


def test_fmt_counts_in_french(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    path = root / "activite" / "2022.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("annee: 2022", "annee:    2022"), encoding="utf-8")
    first = cli("fmt", path)
    assert first.out.splitlines()[-1] == "1 fichier : 1 reformaté, 0 déjà au format."
    again = cli("fmt", path)
    assert again.out.splitlines()[-1] == "1 fichier : 0 reformaté, 1 déjà au format."


def test_a_tab_between_a_key_and_its_value_becomes_a_space(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`pilote:<TAB>ch`, which YAML (and validate) reads as `pilote: ch`: ruamel.yaml refused
    the tab, and fmt blamed comments after a dash or a brace that the file did not have."""
    plan = (
        MINIMAL["plan.yaml"]
        .replace("pilote: ch", "pilote:\tch")
        .replace("titre: Sensibiliser", "titre: Sensibiliser\t# à revoir")
    )
    root = territory(plan_yaml=plan)
    assert cli("validate", root).code == 0
    text = fmt_three_times(cli, root, root / "plan.yaml")
    assert "\t" not in text
    assert "            pilote: ch\n" in text
    assert "        titre: Sensibiliser # à revoir\n" in text
    assert cli("validate", "--strict", root).code == 0


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("titre: Former les acteurs", "titre: Former\tles acteurs", "titre"),
        ("partenaires: [ville]", "partenaires: [ville\tunafam]", "partenaires"),
    ],
    ids=["texte", "texte-entre-crochets"],
)
def test_a_tab_inside_a_text_is_refused_with_its_place_and_what_to_do(
    cli: Cli, territory: Callable[..., Path], old: str, new: str, key: str
) -> None:
    """A tab in an unquoted text is part of the text: fmt leaves the file as it is, and says
    where the tab is rather than blaming comments."""
    plan = MINIMAL["plan.yaml"].replace(old, new)
    root = territory(plan_yaml=plan)
    path = root / "plan.yaml"
    result = cli("fmt", root)
    assert result.code == 1
    line, column = at(plan, "\t")
    assert result.err == (
        f"{path} : laissé tel quel : une tabulation dans le texte de « {key}: », ligne {line},"
        f" colonne {column} : ruamel.yaml, qui réécrit le fichier, ne la lit pas dans un texte"
        " sans guillemets ; remplacez-la par une espace, ou mettez le texte entre guillemets"
        " doubles\n"
    )
    assert path.read_text(encoding="utf-8") == plan


def test_a_str_tag_becomes_quotes_where_the_text_needs_them(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`!!str` marks a text, which validate accepts; fmt refused the file without saying
    why, ruamel.yaml writing the tag back as `!!%20str`. It now writes the text as a text:
    plain, or quoted where it would read as a number."""
    plan = MINIMAL["plan.yaml"]
    tagged = plan.replace("titre: Former les acteurs", "titre: !!str Former les acteurs", 1)
    tagged = tagged.replace('- id: "1"\n', "- id: !!str 1\n", 1)
    assert "!!str Former les acteurs" in tagged
    assert "- id: !!str 1\n" in tagged
    root = territory(plan_yaml=tagged)
    before = cli("validate", root, "-f", "json").json()
    text = fmt_three_times(cli, root, root / "plan.yaml")
    assert "!!" not in text
    assert "titre: Former les acteurs\n" in text
    assert '- id: "1"\n' in text
    assert cli("validate", root, "-f", "json").json() == before


def test_a_value_fmt_would_not_read_back_is_named_by_its_place() -> None:
    """The refusal names the first value that would change, where the file has it (a safety
    net: no text is known to reach it since `!!str` is handled)."""
    from clsm_cli.loader import parse
    from clsm_cli.writing import readback

    text = "annee: 2024\nrealisations:\n  - action: 1.1.1\n    titre: Forum\n"
    before = parse(text, "2024.yaml")
    changed = parse(text.replace("Forum", "forum"), "après").data
    reason = readback.not_the_same(before, readback.typed(before.data), readback.typed(changed))
    assert reason == (
        "le fichier réécrit ne relirait pas les mêmes valeurs (ligne 4, colonne 12 :"
        " realisations[0].titre) : rien n'a été écrit ; mettez cette valeur entre guillemets"
        " doubles, puis relancez"
    )
    shorter = parse("annee: 2024\nrealisations: []\n", "après").data
    assert "(ligne 3, colonne 5 : realisations[0])" in readback.not_the_same(
        before, readback.typed(before.data), readback.typed(shorter)
    )
