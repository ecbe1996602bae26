"""The bilan as a coordinator reads it, in every format (HTML, Markdown and DOCX read the same
wording): figures worded as people say them, each body named once — through the real
command line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, PLANS, Result
from test_wording import reader_text

Cli = Callable[..., Result]

FORMATS = ("html", "md", "docx")


def _bilans(cli: Cli, root: Path, folder: Path, annee: int = 2022) -> dict[str, str]:
    """The year's bilan in each format, as a reader sees it."""
    texts = {}
    for fmt in FORMATS:
        target = folder / f"bilan.{fmt}"
        result = cli("report", str(annee), root, "-o", target)
        assert result.code == 0, (fmt, result.err)
        texts[fmt] = reader_text(target)
    return texts


# ------------------------------------------------------------ persons and attendances

INSCRITS = "    inscrits: 15\n"
SEANCES_SANS_PRESENCES = (
    MINIMAL["activite/2022.yaml"]
    .replace("        participants: 11\n", "")
    .replace("        participants: 10\n", "")
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_attendances_without_persons_read_as_a_coordinator_says_them(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, fmt: str
) -> None:
    """Two sessions of 11 and 10, nobody having counted the distinct persons: « 21
    présences (personnes distinctes non renseignées) », no longer « personnes : non
    renseigné, 21 présences » — the absence said, never 0, persons and attendances apart."""
    text = _bilans(cli, territory(), tmp_path)[fmt]
    assert "Formation · mai 2022 · 21 présences (personnes distinctes non renseignées)" in text
    assert "personnes : non renseigné" not in text
    assert "0 personne" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_registrations_join_the_same_parenthesis(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, fmt: str
) -> None:
    activity = MINIMAL["activite/2022.yaml"].replace(
        "    date: 2022-05\n", "    date: 2022-05\n" + INSCRITS, 1
    )
    assert INSCRITS in activity
    text = _bilans(cli, territory(activite__2022_yaml=activity), tmp_path)[fmt]
    assert (
        "Formation · mai 2022 · 21 présences (personnes distinctes non renseignées ;"
        " sur 15 inscrits)"
    ) in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_persons_without_attendances_say_the_attendances_unknown(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, fmt: str
) -> None:
    activity = SEANCES_SANS_PRESENCES.replace(
        "    date: 2022-05\n", "    date: 2022-05\n    participants: 12\n", 1
    )
    assert "participants: 1" not in SEANCES_SANS_PRESENCES
    assert "participants: 12" in activity
    text = _bilans(cli, territory(activite__2022_yaml=activity), tmp_path)[fmt]
    assert "Formation · mai 2022 · 12 personnes (présences non renseignées)" in text
    assert "présences : non renseigné" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_counted_is_said_unknown_in_one_phrase(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, fmt: str
) -> None:
    """An axis whose realisations counted no one: « personnes et présences non
    renseignées », not « personnes et présences : non renseigné » after another colon."""
    activity = SEANCES_SANS_PRESENCES.replace("type: formation", "type: reunion")
    text = _bilans(cli, territory(activite__2022_yaml=activity), tmp_path)[fmt]
    assert "Total de l'axe : 1 réalisation, personnes et présences non renseignées." in text
    assert "présences : non renseigné" not in text


# ------------------------------------------------------------ each body named once

POITIERS = PLANS / "poitiers"
COPIL = "Comité de pilotage"
ANNEE_COPIL = "En 2022, le comité de pilotage s'est réuni en avril et en novembre."


def _headings(path: Path) -> list[str]:
    """The headings of an output, in order, as each format marks them."""
    if path.suffix == ".html":
        html = path.read_text(encoding="utf-8")
        found = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, flags=re.S)
        return [" ".join(h.split()) for h in found]
    if path.suffix == ".md":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [line.lstrip("#").strip() for line in lines if re.match(r"#{1,6} ", line)]
    import docx

    paragraphs = docx.Document(str(path)).paragraphs
    return [p.text for p in paragraphs if p.style is not None and "Heading" in p.style.name]


@pytest.fixture(scope="module")
def poitiers_2022(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from clsm_cli.cli.main import main

    folder = tmp_path_factory.mktemp("poitiers-2022")
    outputs = {}
    for fmt in FORMATS:
        target = folder / f"bilan.{fmt}"
        with pytest.MonkeyPatch.context() as patch:
            argv = ["clsm", "report", "2022", str(POITIERS), "-o", str(target)]
            patch.setattr("sys.argv", argv)
            with pytest.raises(SystemExit) as done:
                main()
        assert done.value.code == 0, fmt
        outputs[fmt] = target
    return outputs


@pytest.mark.parametrize("fmt", FORMATS)
def test_poitiers_names_its_steering_committee_once(
    poitiers_2022: dict[str, Path], fmt: str
) -> None:
    """The coordinator's governance text has a part headed « Comité de pilotage », and the
    body of that name has its own heading: the part goes under the body's heading, said
    once, before its members and meetings; the rest of the text stays where it was."""
    headings = _headings(poitiers_2022[fmt])
    assert headings.count(COPIL) == 1, headings
    assert "Ecriture du CLSM 2023 – 2027" in headings
    text = reader_text(poitiers_2022[fmt])
    gouvernance = text[text.index("VI. Gouvernance", text.index("Sommaire") + 200) :]
    body = gouvernance.index(COPIL)
    assert body < gouvernance.index(ANNEE_COPIL) < gouvernance.index("Membres en 2022")
    assert gouvernance.index("Ecriture du CLSM 2023 – 2027") < body
    assert ANNEE_COPIL in text
    assert text.count(ANNEE_COPIL) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_member_whose_role_is_its_name_is_named_once(
    poitiers_2022: dict[str, Path], fmt: str
) -> None:
    """clsm.yaml gives some members of Poitiers' committee a `role` that is their name:
    « UNAFAM de la Vienne (UNAFAM de la Vienne) » named the body twice."""
    text = reader_text(poitiers_2022[fmt])
    for twice in (
        "UNAFAM de la Vienne (UNAFAM de la Vienne)",
        "Ville de Poitiers (Ville de Poitiers)",
        "CHHL - CMP (CHHL – CMP)",
    ):
        assert twice not in text, twice
    assert "Centre communal d'action sociale de Poitiers (CCAS de Poitiers)" in text
    assert "Conseil départemental de la Vienne (Le Département de la Vienne)" in text


GOUVERNANCE = """\
gouvernance: |
  Une année de transition.

  ## Comité de pilotage :

  Le comité a élargi sa composition.

  ### Les nouveaux membres

  Deux associations d'usagers.

  ## Assemblée plénière

  Reportée en 2023.
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_part_of_the_governance_text_goes_under_the_body_it_names(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path, fmt: str
) -> None:
    activity = MINIMAL["activite/2022.yaml"] + GOUVERNANCE
    root = territory(activite__2022_yaml=activity)
    target = tmp_path / f"bilan.{fmt}"
    assert cli("report", "2022", root, "-o", target).code == 0
    headings = _headings(target)
    assert [h for h in headings if h.startswith(COPIL)] == [COPIL]
    assert "Les nouveaux membres" in headings
    assert "Assemblée plénière" in headings  # no such body: the part stays
    text = reader_text(target)
    assert text.index("Une année de transition.") < text.index("Reportée en 2023.")
    assert text.index("Reportée en 2023.") < text.index(COPIL, text.index("Reportée"))
    body = text.index(COPIL, text.index("Reportée"))
    assert body < text.index("Le comité a élargi sa composition.")
    assert text.index("Deux associations d'usagers.") < text.index("Membres en 2022")
