"""The bilan says the same in every format: what the HTML shows, the Markdown and DOCX say."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import PLANS, Result, visible
from riche import territoire_riche

Cli = Callable[..., Result]

COMPTE_RENDU = "Le comité a **validé** les quatre axes du futur plan, après un long débat."
OBJECTIF_GLOBAL = "Favoriser l'inclusion des personnes vivant avec un trouble psychique."


class _Texts(HTMLParser):
    """The texts a reader sees in an HTML page, node by node (no head, style, chart)."""

    HIDDEN = frozenset({"head", "style", "script", "svg", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data: str) -> None:
        text = _collapse(visible(data))
        if not self.hidden and text:
            self.texts.append(text)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


def markdown_text(source: str) -> str:
    """What a forge shows of the Markdown bilan, as one line of text."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(source)
    return " ".join(html_texts(rendered))


def docx_text(path: Path) -> str:
    """Every paragraph of the DOCX bilan, its tables' included, as one line of text."""
    import docx

    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return _collapse(visible(" ".join(paragraphs + cells)))


@pytest.fixture(scope="module")
def riche(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Poitiers with every field filled (`riche.py`), whose first meeting of 2022 has minutes
    and whose next plan a global aim."""
    root = territoire_riche(tmp_path_factory.mktemp("riche") / "poitiers")
    activite = root / "activite" / "2022.yaml"
    text = activite.read_text(encoding="utf-8")
    first = "  - instance: copil\n    date: 2022-04\n"
    assert first in text
    text = text.replace(first, first + f"    compte_rendu: >-\n      {COMPTE_RENDU}\n", 1)
    activite.write_text(text, encoding="utf-8")
    plan = root / "plan-2023-2027.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("\naxes:\n", f"\nobjectif_global: {OBJECTIF_GLOBAL}\n\naxes:\n", 1)
    plan.write_text(text, encoding="utf-8")
    return root


def _bilans(root: Path, annee: int, folder: Path) -> dict[str, Path]:
    """A territory's bilan in HTML, Markdown and DOCX, through the command line."""
    from clsm_cli.cli.main import main

    outputs = {}
    for fmt in ("html", "md", "docx"):
        target = folder / f"bilan.{fmt}"
        with pytest.MonkeyPatch.context() as patch:
            argv = ["clsm", "report", str(annee), str(root), "-f", fmt, "-o", str(target)]
            patch.setattr("sys.argv", argv)
            with pytest.raises(SystemExit) as done:
                main()
        assert done.value.code == 0, fmt
        outputs[fmt] = target
    return outputs


@pytest.fixture(scope="module")
def bilans(riche: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The rich territory's bilan 2022."""
    return _bilans(riche, 2022, tmp_path_factory.mktemp("riche-bilans"))


@pytest.fixture(scope="module")
def bilans_cps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A bilan whose indicators are rates (numerator and denominator named)."""
    return _bilans(PLANS / "cps-missions-locales-hdf", 2023, tmp_path_factory.mktemp("cps"))


def test_the_html_shows_the_minutes_descriptions_and_global_aim(bilans: dict[str, Path]) -> None:
    texts = " ".join(html_texts(bilans["html"].read_text(encoding="utf-8")))
    assert "Le comité a validé les quatre axes du futur plan" in texts
    assert OBJECTIF_GLOBAL in texts
    assert len(texts) > 50_000


@pytest.mark.parametrize("territoire", ["bilans", "bilans_cps"])
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_every_text_the_html_shows_is_said(
    request: pytest.FixtureRequest, territoire: str, fmt: str
) -> None:
    bilans: dict[str, Path] = request.getfixturevalue(territoire)
    if fmt == "md":
        said = markdown_text(bilans["md"].read_text(encoding="utf-8"))
    else:
        said = docx_text(bilans["docx"])
    shown = html_texts(bilans["html"].read_text(encoding="utf-8"))
    missing = [text for text in dict.fromkeys(shown) if text not in said]
    assert not missing, f"{len(missing)} textes du HTML absents du {fmt} : {missing}"


def test_a_users_block_reads_the_same_words(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory(
        templates__bilan_md_j2="""\
            {% extends "default:bilan.md.j2" %}
            {% block conclusion %}
            En résumé : {{ textes.titre_section("travaux") }}
            — {{ textes.total_axe(bilan.axes[0]) }}
            {% endblock %}
            """
    )
    (root / "templates" / "bilan_md_j2").rename(root / "templates" / "bilan.md.j2")
    result = cli("report", "2022", root, "-f", "md", "-o", root / "bilan.md")
    assert result.code == 0, result.err
    text = (root / "bilan.md").read_text(encoding="utf-8")
    assert "En résumé : III. Travaux réalisés en 2022\n— Total de l'axe : 1 réalisation" in text


def reader_text(path: Path) -> str:
    """What a reader sees of an output (HTML, Markdown or DOCX), as one line of text."""
    if path.suffix == ".html":
        text = " ".join(html_texts(path.read_text(encoding="utf-8")))
    elif path.suffix == ".md":
        text = markdown_text(path.read_text(encoding="utf-8"))
    else:
        text = docx_text(path)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
