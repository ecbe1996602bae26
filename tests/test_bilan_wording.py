"""The bilan as a coordinator reads it, in every format (HTML, Markdown and DOCX read the same
wording): figures worded as people say them, each body named once — through the real
command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, Result
from test_wording import docx_text, html_texts, markdown_text

Cli = Callable[..., Result]

FORMATS = ("html", "md", "docx")


def _text(path: Path) -> str:
    """What a reader sees of an output, as one line of text."""
    if path.suffix == ".html":
        text = " ".join(html_texts(path.read_text(encoding="utf-8")))
    elif path.suffix == ".md":
        text = markdown_text(path.read_text(encoding="utf-8"))
    else:
        text = docx_text(path)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _bilans(cli: Cli, root: Path, folder: Path, annee: int = 2022) -> dict[str, str]:
    """The year's bilan in each format, as a reader sees it."""
    texts = {}
    for fmt in FORMATS:
        target = folder / f"bilan.{fmt}"
        result = cli("report", str(annee), root, "-o", target)
        assert result.code == 0, (fmt, result.err)
        texts[fmt] = _text(target)
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
