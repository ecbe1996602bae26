"""The bilan: figures computed from the files, the four formats, templates and their guards."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
import time
import zipfile
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest

from clsm_cli.bilan import build_bilan
from clsm_cli.figures.tracking import statut
from clsm_cli.models.plan import Cible, Indicateur, Plan
from clsm_cli.validation.pipeline import validate_paths
from conftest import MINIMAL, PLANS, Result, libreoffice_pdf, visible
from test_figures import report

Cli = Callable[..., Result]
Territory = Callable[..., Path]
NNBSP = "\u202f"


def bilan_of(root: Path, annee: int):  # type: ignore[no-untyped-def]
    validation = validate_paths([root])
    assert validation.report.valid()
    return build_bilan(validation.dossiers[0], annee)


# ---------------------------------------------------------------- the figures of the seeds


def test_poitiers_2022_figures_are_computed_from_the_files() -> None:
    bilan = bilan_of(PLANS / "poitiers", 2022)
    assert bilan.partenariat is not None
    # The bilan's sentence says 73, but the list it prints names 74 distinct structures;
    # clsm counts the list (see plans/poitiers/activite/2022.yaml).
    assert bilan.partenariat.nombre == 74
    assert {p.id for p in bilan.partenariat.nouveaux} == {
        "cdsa86",
        "ufolep",
        "ville-poitiers-sports",
    }
    assert len(bilan.partenariat.representants_usagers) == 8
    assert bilan.cellule is not None
    assert bilan.cellule.nombre == 6
    assert bilan.cellule.par_niveau == [(1, 5), (2, 1)]
    assert bilan.cellule.historique == [(2019, 12), (2020, 12), (2021, 8)]
    realisations = {
        r.realisation.titre: r for a in bilan.axes for ab in a.actions for r in ab.realisations
    }
    info = next(r for t, r in realisations.items() if t.startswith("Info-formation"))
    # Two sessions, 11 and 10 present: 21 attendances, but how many distinct persons the
    # source does not say (the médiathèque sent someone to both).
    assert (info.personnes, info.presences.valeur) == (None, 21)
    assert [n for _, n, _ in info.seances] == [11, 10]
    pssm = next(r for t, r in realisations.items() if "PSSM" in t)
    assert (pssm.personnes, pssm.presences.valeur) == (16, 16)
    sism = next(r for t, r in realisations.items() if t.startswith("Semaines d'information"))
    assert sism.personnes == 700


def test_poitiers_html_states_the_figures(cli: Cli, tmp_path: Path) -> None:
    result = cli("report", "2022", PLANS / "poitiers", "-o", tmp_path / "bilan.html")
    html = visible((tmp_path / "bilan.html").read_text(encoding="utf-8"))
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert result.code == 0
    assert "74 structures partenaires actives en 2022" in text
    assert "6 saisines en 2022" in text
    assert "12 en 2019, 12 en 2020 et 8 en 2021" in text
    assert "6 mai 2022 11" in text
    assert "du 10 au 23 octobre 2022 · 700 personnes" in text
    assert "Perspectives 2023" in text
    assert "Le plan d'action 2023–2027" in text


@pytest.mark.parametrize(
    ("annee", "rate", "ratio"), [(2023, "83", "35 / 42"), (2022, "82", "18 / 22")]
)
def test_cps_rates_match_the_fiche(annee: int, rate: str, ratio: str) -> None:
    bilan = bilan_of(PLANS / "cps-missions-locales-hdf", annee)
    rows = {ligne.detail: ligne.valeur for ligne in bilan.indicateurs}
    assert rows[ratio] == f"{rate}{NNBSP}%"


# ---------------------------------------------------------------- indicator status


PLAN = Plan.model_validate({"titre": "P", "periode": {"debut": 2022, "fin": 2026}})


@pytest.mark.parametrize(
    ("sens", "valeur", "annee", "expected"),
    [
        ("hausse", 60, 2024, "en bonne voie"),
        ("hausse", 40, 2024, "en bonne voie"),
        ("hausse", 20, 2024, "en retard"),
        ("hausse", 60, 2026, "atteint"),
        ("hausse", 50, 2026, "non atteint"),
        ("hausse", 70, 2027, "atteint"),
        ("baisse", 10, 2024, "en bonne voie"),
        ("baisse", 15, 2024, "en bonne voie"),
        ("baisse", 20, 2024, "en retard"),
        ("baisse", 10, 2026, "atteint"),
        ("baisse", 40, 2026, "non atteint"),
    ],
)
def test_status_respects_the_direction(sens: str, valeur: float, annee: int, expected: str) -> None:
    target = 60 if sens == "hausse" else 10
    reference = {"annee": 2021, "valeur": 0 if sens == "hausse" else 30}
    indicator = Indicateur.model_validate(
        {"id": "i", "libelle": "i", "unite": "pourcentage", "sens": sens, "reference": reference}
    )
    assert statut(indicator, PLAN, annee, valeur, Cible(valeur=target)) == expected


# ---------------------------------------------------------------- the minimal territory


def test_sections_without_data_are_left_out(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    result = cli("report", "2022", root, "-f", "md", "-o", root / "bilan.md")
    text = (root / "bilan.md").read_text(encoding="utf-8")
    assert result.code == 0
    assert "## I. Préambule" in text
    assert "cellule de concertation" not in text
    assert "Conclusion" not in text
    assert "| Acteurs formés<br>*acteurs formés / acteurs concernés* | 1.1.1 |" in text
    assert f"83{NNBSP}% (35 / 42)" in text


def test_indicator_target_status_and_chart(territory: Callable[..., Path]) -> None:
    bilan = bilan_of(territory(), 2022)
    (ligne,) = [row for row in bilan.indicateurs if row.indicateur.id == "1.1.1-a"]
    assert (ligne.valeur, ligne.cible, ligne.ecart, ligne.statut) == (
        f"83{NNBSP}%",
        f"60{NNBSP}% (2024)",
        f"+23{NNBSP}pt",
        "en bonne voie",
    )
    assert [g.id for g in bilan.graphiques] == [
        "partenaires-secteurs",
        "participants-axes",
        "indicateurs-cibles-pourcentage",
    ]


def test_plan_text_never_becomes_markup(cli: Cli, territory: Callable[..., Path]) -> None:
    activity = MINIMAL["activite/2022.yaml"].replace(
        "titre: Info-formation",
        "titre: <script>alert('titre')</script>\n    texte: \"**gras** <img src=x onerror=alert(1)>"
        ' [lien](javascript:alert(2))"',
    )
    root = territory(activite__2022_yaml=activity)
    result = cli("report", "2022", root, "-o", root / "b.html")
    html = (root / "b.html").read_text(encoding="utf-8")
    assert result.code == 0
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;titre&#39;)&lt;/script&gt;" in html
    assert "<strong>gras</strong>" in html
    assert "<img src=x" not in html
    assert 'href="javascript' not in html


def test_a_custom_template_replaces_one_block(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    (root / "templates").mkdir()
    (root / "templates" / "bilan.html.j2").write_text(
        '{% extends "default:bilan.html.j2" %}\n'
        "{% block pied %}<footer>Bilan validé en COPIL, {{ bilan.annee }}</footer>{% endblock %}\n",
        encoding="utf-8",
    )
    cli("report", "2022", root, "-o", root / "b.html")
    html = (root / "b.html").read_text(encoding="utf-8")
    assert "<footer>Bilan validé en COPIL, 2022</footer>" in html
    assert "I. Préambule" in html


def test_templates_option_is_searched(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    folder = tmp_path / "mes-modeles"
    folder.mkdir()
    (folder / "bilan.md.j2").write_text(
        "# {{ bilan.territoire.nom }} ({{ bilan.annee }})\n", encoding="utf-8"
    )
    cli("report", "2022", root, "-f", "md", "-o", root / "b.md", "--templates", folder)
    assert (root / "b.md").read_text(encoding="utf-8") == "# CLSM de Test (2022)\n"


@pytest.mark.parametrize(
    ("body", "code", "line"),
    [
        ("ligne 1\n{{ bilan.inexistant }}\n", "n'a pas d'attribut « inexistant »", 2),
        ("{% if %}\n", "« %} » inattendu", 1),
        ("\n\n{{ ''.__class__.__mro__ }}\n", "opération interdite", 3),
        ("{{ 'a' * 10**9 }}\n", "opération interdite", 1),
        ("{{ 7 ** 99999999 }}\n", "opération interdite", 1),
    ],
)
def test_template_errors_are_located_and_bounded(
    cli: Cli, territory: Callable[..., Path], body: str, code: str, line: int
) -> None:
    root = territory()
    (root / "templates").mkdir()
    (root / "templates" / "bilan.md.j2").write_text(body, encoding="utf-8")
    started = time.perf_counter()
    result = cli("report", "2022", root, "-f", "md", "-o", root / "b.md")
    assert time.perf_counter() - started < 5
    assert result.code == 1
    assert f"bilan.md.j2:{line}: erreur [modele-" in result.err
    assert code in result.err
    assert "Traceback" not in result.err
    assert not (root / "b.md").exists()


def test_invalid_files_are_refused_with_their_problems(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(plan_yaml=MINIMAL["plan.yaml"].replace("titre: Former", "titr: Former"))
    result = cli("report", "2022", root, "-o", root / "b.html")
    assert result.code == 1
    assert "[cle-inconnue]" in result.err
    assert "rapport refusé" in result.err
    assert not (root / "b.html").exists()


def test_without_a_year_the_latest_activity_is_reported(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory(activite__2023_yaml="annee: 2023\nconclusion: Une année de transition.\n")
    result = cli("report", root, "-f", "md", "-o", root / "b.md")
    assert result.code == 0
    assert "Bilan d'activité 2023" in (root / "b.md").read_text(encoding="utf-8")


def test_a_year_without_activity_is_a_clear_error(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    result = cli("report", "2019", root)
    assert result.code == 1
    assert "pas de fichier activite/2019.yaml (années disponibles : 2022)" in result.err
    # no plan covers 2019: writing its file would be refused by nouvelle-annee
    assert (
        "aucun plan ne couvre 2019 : choisissez une année disponible, ou écrivez d'abord le plan"
        " de cette période" in result.err
    )
    # a year the plan covers: the command that writes its file, as typed from here
    result = cli("report", "2023", cwd=root)
    assert "commencez l'année avec « clsm nouvelle-annee 2023 »" in result.err
    result = cli("report", "2023", cwd=root / "activite")
    assert "« clsm nouvelle-annee 2023 .. »" in result.err


def test_default_output_and_refusal_to_overwrite_a_foreign_file(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    assert cli("report", "2022", root, cwd=tmp_path).code == 0
    produced = tmp_path / "out" / "bilan-territoire-2022.html"
    assert produced.is_file()
    assert cli("report", "2022", root, cwd=tmp_path).code == 0, "its own output is replaced"
    mine = tmp_path / "mon-bilan.html"
    mine.write_text("<p>mon travail</p>", encoding="utf-8")
    refused = cli("report", "2022", root, "-o", mine, cwd=tmp_path)
    assert refused.code == 1
    assert "--force" in refused.err
    assert mine.read_text(encoding="utf-8") == "<p>mon travail</p>"
    assert cli("report", "2022", root, "-o", mine, "--force", cwd=tmp_path).code == 0


def _saved_by(path: Path, person: str) -> None:
    """What Word or LibreOffice do on save: record who modified the file last, and when."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    core = parts["docProps/core.xml"].decode()
    core = re.sub(r"<cp:lastModifiedBy\s*/>|<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>", "", core)
    core = re.sub(r"(<dcterms:modified[^>]*>)[^<]*", r"\g<1>2030-01-02T03:04:05Z", core)
    stamp = f"<cp:lastModifiedBy>{person}</cp:lastModifiedBy>"
    parts["docProps/core.xml"] = core.replace(
        "</cp:coreProperties>", stamp + "</cp:coreProperties>"
    ).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_docx_or_grid_edited_since_clsm_wrote_it_is_not_replaced(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    root = territory()
    for args, target in (
        (("report", "2022", root, "-f", "docx"), tmp_path / "copil.docx"),
        (("export", root), tmp_path / "grille.xlsx"),
    ):
        assert cli(*args, "-o", target, cwd=tmp_path).code == 0
        assert cli(*args, "-o", target, cwd=tmp_path).code == 0, "untouched: clsm's own"
        _saved_by(target, "Claire Martin")
        edited = target.read_bytes()
        refused = cli(*args, "-o", target, cwd=tmp_path)
        assert refused.code == 1, refused.err
        assert "modifié depuis" in refused.err
        assert "--force" in refused.err
        assert target.read_bytes() == edited
        assert cli(*args, "-o", target, "--force", cwd=tmp_path).code == 0


def test_missing_chart_library_still_gives_the_html(
    cli: Cli, territory: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from clsm_cli.bilan.writers import charts

    monkeypatch.setattr(charts, "available", lambda: False)
    root = territory()
    result = cli("report", "2022", root, "-o", root / "b.html")
    assert result.code == 0
    assert 'pip install "clsm[rapport]"' in result.err
    assert "Partenaires actifs par secteur : Collectivité : 1" in (root / "b.html").read_text(
        encoding="utf-8"
    )


def test_missing_docx_library_says_which_pip_install(
    cli: Cli, territory: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)
    result = cli("report", "2022", territory(), "-f", "docx", "-o", "x.docx")
    assert result.code == 1
    assert "python-docx" in result.err
    assert 'pip install "clsm[rapport]"' in result.err


# ---------------------------------------------------------------- the formats, read back


@pytest.fixture(scope="module")
def poitiers_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from clsm_cli.bilan.writers.formats import write

    folder = tmp_path_factory.mktemp("bilans")
    bilan = bilan_of(PLANS / "poitiers", 2022)
    outputs = {}
    for fmt in ("html", "docx", "pdf", "md"):
        target = folder / f"bilan.{fmt}"
        write(bilan, fmt, [], target, force=False)
        outputs[fmt] = target
    return outputs


def test_docx_has_headings_tables_and_images(poitiers_outputs: dict[str, Path]) -> None:
    import docx

    document = docx.Document(str(poitiers_outputs["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Sommaire", "I. Préambule", "II. Le partenariat en 2022"]
    assert "V. La cellule de concertation" in headings
    referrals = [t for t in document.tables if t.rows[0].cells[0].text == "Mois"]
    assert len(referrals) == 1
    assert len(referrals[0].rows) == 7
    assert referrals[0].rows[1].cells[1].text == "ICF Habitat"
    assert len(document.inline_shapes) == 2
    assert document.core_properties.title == "CLSM de Poitiers — Bilan d'activité 2022"
    with zipfile.ZipFile(poitiers_outputs["docx"]) as archive:
        assert 'TOC \\o "1-3"' in archive.read("word/document.xml").decode("utf-8")


def test_pdf_has_pages_and_the_title(poitiers_outputs: dict[str, Path]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(poitiers_outputs["pdf"]))
    assert len(reader.pages) > 10
    first = reader.pages[0].extract_text()
    assert "CLSM DE POITIERS" in first
    assert "Bilan d'activité 2022" in first
    assert reader.metadata is not None
    assert reader.metadata.title == "CLSM de Poitiers — Bilan d'activité 2022"


def test_html_is_self_contained(poitiers_outputs: dict[str, Path]) -> None:
    html = poitiers_outputs["html"].read_text(encoding="utf-8")
    assert html.count("<svg") == 2
    assert 'role="img" aria-label="Partenaires actifs par secteur : Santé : 23' in html
    assert not re.search(r'(src|href)="(?!#|data:|https?:|mailto:)', html)
    assert "<link" not in html


def test_markdown_links_its_chart_images(poitiers_outputs: dict[str, Path]) -> None:
    text = poitiers_outputs["md"].read_text(encoding="utf-8")
    assert text.startswith("# CLSM de Poitiers — Bilan d'activité 2022\n")
    assert "](bilan-graphiques/partenaires-secteurs.png)" in text
    assert (
        poitiers_outputs["md"].parent / "bilan-graphiques" / "partenaires-secteurs.png"
    ).is_file()
    assert "| Santé | 23 |" in text


def test_markdown_perspectives_are_a_tight_list(poitiers_outputs: dict[str, Path]) -> None:
    """One action per line under its axis: no blank line between two items."""
    text = poitiers_outputs["md"].read_text(encoding="utf-8")
    perspectives = text[text.index("## VIII. Perspectives 2023") :]
    assert (
        "- **1.1.1** Maintenir la dynamique des SISM\n- **1.3.1** Réactiver le groupe de travail"
        in perspectives
    )


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(
    LIBREOFFICE is None, reason="LibreOffice absent (apt-get install libreoffice-writer)"
)
def test_libreoffice_opens_the_docx(poitiers_outputs: dict[str, Path], tmp_path: Path) -> None:
    assert LIBREOFFICE is not None
    pdf_path = libreoffice_pdf(LIBREOFFICE, poitiers_outputs["docx"], tmp_path)
    from pypdf import PdfReader

    pdf = PdfReader(str(pdf_path))
    assert len(pdf.pages) > 10
    assert "CLSM de Poitiers" in pdf.pages[0].extract_text()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium absent (apt-get install chromium)")
def test_chromium_renders_the_html(poitiers_outputs: dict[str, Path], tmp_path: Path) -> None:
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path}/profil",
            "--dump-dom",
            poitiers_outputs["html"].as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "II. Le partenariat en 2022" in done.stdout
    assert "<svg" in done.stdout


@pytest.mark.parametrize(
    ("body", "code"),
    [("{{ bilan.nope }}", "modele-invalide"), ("{{ bilan.__class__ }}", "modele-interdit")],
)
def test_template_problems_carry_their_code(
    territory: Callable[..., Path], tmp_path: Path, body: str, code: str
) -> None:
    from clsm_cli.bilan.writers.jinja import TemplateProblem, render

    folder = tmp_path / "modeles"
    folder.mkdir()
    (folder / "bilan.md.j2").write_text(body, encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        render(bilan_of(territory(), 2022), "bilan.md.j2", [folder], html=False)
    assert caught.value.problem.code == code
    assert caught.value.problem.line == 1


def test_own_reports_outside_out_are_recognised(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    for fmt in ("html", "md", "docx"):
        target = root / f"copil.{fmt}"
        assert cli("report", "2022", root, "-f", fmt, "-o", target).code == 0
        assert cli("report", "2022", root, "-f", fmt, "-o", target).code == 0, fmt
    foreign = root / "autre.docx"
    foreign.write_bytes(b"PK not really a docx")
    assert cli("report", "2022", root, "-f", "docx", "-o", foreign).code == 1
    assert foreign.read_bytes() == b"PK not really a docx"


# ---------------------------------------------------------------- a coordinator's trial, read back

ESSAI_PLAN = (
    MINIMAL["plan.yaml"]
    + """\
              - id: 1.1.1-c
                libelle: Budget consacré à l'impression du guide
                unite: euros
                cibles: [{valeur: 3000}]
              - id: 1.1.1-d
                libelle: Financement obtenu
                unite: euros
                cibles: [{valeur: 5000}]
  - id: "2"
    titre: Santé mentale des jeunes
    description: Axe en cours de construction avec l'Éducation nationale.
"""
)
ESSAI_ACTIVITE = (
    MINIMAL["activite/2022.yaml"].replace(
        "reunions:",
        """\
  - action: 1.1.1
    type: evenement
    titre: Ciné-débat
    date: 2022-10-07
    partenaires: [unafam]
    participants: 40
reunions:""",
    )
    + """\
  - indicateur: 1.1.1-d
    valeur: 2500
saisines:
  - mois: 2022-01
    saisissant: Bailleur social
    niveau: 2
    decision: Visite à domicile conjointe.
  - mois: 2022-03
    saisissant: Un voisin
    niveau: 1
    decision: Situation déjà connue du CMP.
gouvernance: |
  Le COPIL s'est réuni une fois, au printemps.
"""
)
ESSAI_PARTENAIRES = MINIMAL["partenaires.yaml"].replace(
    "secteur: habitants-usagers-citoyens\n",
    "secteur: habitants-usagers-citoyens\n    depuis: 2022\n",
)


@pytest.fixture
def essai(territory: Callable[..., Path]) -> Path:
    """A territory like a coordinator's first one: partial counts, an indicator without a
    value, an axis without objectives, referrals without notes, a governance comment."""
    return territory(
        plan_yaml=ESSAI_PLAN,
        activite__2022_yaml=ESSAI_ACTIVITE,
        partenaires_yaml=ESSAI_PARTENAIRES,
    )


def texte(path: Path) -> str:
    """The text a reader sees in a bilan of any format, its white space collapsed."""
    if path.suffix == ".html":
        raw = unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))
    elif path.suffix == ".md":
        raw = path.read_text(encoding="utf-8").replace("*", "")
    elif path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        raw = "\n".join(p.text for p in document.paragraphs)
        raw += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    else:
        from pypdf import PdfReader

        raw = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", visible(raw))


def produire(cli: Cli, root: Path, fmt: str) -> Path:
    """The bilan 2022 of `root` in one format, through the command line."""
    target = root / f"bilan.{fmt}"
    result = cli("report", "2022", root, "-f", fmt, "-o", target)
    assert result.code == 0, result.err
    return target


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "md"])
def test_every_format_words_a_partial_total_alike(cli: Cli, essai: Path, fmt: str) -> None:
    text = texte(produire(cli, essai, fmt))
    assert (
        "Réalisations de l'année : au moins 40 personnes (non renseigné pour 1 réalisation),"
        " 61 présences." in text
    )
    assert f"≥{NNBSP}40 personnes" not in text


def test_an_indicator_without_value_is_in_its_chart_and_its_text(cli: Cli, essai: Path) -> None:
    html = produire(cli, essai, "html").read_text(encoding="utf-8")
    (figure,) = re.findall(
        r'<figure id="graphique-indicateurs-cibles-euros">.*?</figure>', html, re.S
    )
    figure = unescape(figure)
    assert (
        f"Budget consacré à l'impression du guide : cible 3{NNBSP}000\u00a0€ (2024),"
        " réalisé non renseigné" in figure
    )
    assert "non renseigné</text>" in figure


def test_statuses_have_the_same_distinct_colours_in_html_and_docx(cli: Cli, essai: Path) -> None:
    import docx

    html = produire(cli, essai, "html").read_text(encoding="utf-8")
    css = dict(re.findall(r"\.statut-([a-z-]+) \{ color: #([0-9A-F]{6}); \}", html))
    assert set(css) == {"atteint", "en-bonne-voie", "en-retard", "non-atteint"}
    assert len(set(css.values())) == 4
    document = docx.Document(str(produire(cli, essai, "docx")))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Indicateur"]
    statut = table.rows[1].cells[-1].paragraphs[0].runs[0]
    assert statut.text == "en bonne voie"
    assert str(statut.font.color.rgb) == css["en-bonne-voie"]


def test_docx_says_the_new_partners_as_markdown_does(cli: Cli, essai: Path) -> None:
    for fmt in ("docx", "md"):
        text = texte(produire(cli, essai, fmt))
        assert (
            "3 structures partenaires actives en 2022, dont 1 nouveau partenaire"
            " et 1 représentant des usagers et des familles." in text
        ), fmt


def test_docx_columns_fit_their_words_and_captions_stay_with_their_chart(
    cli: Cli, essai: Path
) -> None:
    import docx
    from docx.shared import Cm

    document = docx.Document(str(produire(cli, essai, "docx")))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Indicateur"]
    widths = [column.width for column in table.columns]
    assert sum(widths) == pytest.approx(Cm(17), rel=0.01)
    header = [cell.text for cell in table.rows[0].cells]
    width = dict(zip(header, widths, strict=True))
    codes = ("Action", "Cible", "Écart", "Statut")
    assert all(width["Indicateur"] > width[c] for c in codes), "labels take the codes' room"
    assert width["Action"] < Cm(2.2) < width["Statut"], "a code is narrow; « en retard » whole"
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    assert captions
    assert all(p.paragraph_format.keep_with_next for p in captions)


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_the_governance_comment_comes_before_the_meetings(cli: Cli, essai: Path, fmt: str) -> None:
    text = texte(produire(cli, essai, fmt))
    partie = text[text.index("Gouvernance", text.index("Gouvernance") + 1) :]
    commentaire = partie.index("Le COPIL s'est réuni une fois, au printemps.")
    assert commentaire < partie.index("Comité de pilotage") < partie.index("Avril 2022")


def test_referrals_show_a_note_column_only_when_some_referral_has_a_note(
    cli: Cli, essai: Path
) -> None:
    import docx

    html = produire(cli, essai, "html").read_text(encoding="utf-8")
    assert "<th>Décision</th></tr>" in html
    assert "| Mois | Saisine / sollicitation | Niveau | Décision |\n|---|---|--:|---|\n" in (
        produire(cli, essai, "md").read_text(encoding="utf-8")
    )
    document = docx.Document(str(produire(cli, essai, "docx")))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Mois"]
    assert [c.text for c in table.rows[0].cells] == [
        "Mois",
        "Saisine / sollicitation",
        "Niveau",
        "Décision",
    ]
    annotee = ESSAI_ACTIVITE.replace(
        "decision: Situation déjà connue du CMP.",
        "decision: Situation déjà connue du CMP.\n    note: Revue en juin",
    )
    (essai / "activite" / "2022.yaml").write_text(annotee, encoding="utf-8")
    text = texte(produire(cli, essai, "md"))
    assert "| Décision | Note |" in text
    assert "| Situation déjà connue du CMP. | Revue en juin |" in text
    assert "| Visite à domicile conjointe. | |" in text


def test_a_referrals_decision_starts_on_its_rows_first_line(cli: Cli, essai: Path) -> None:
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    def walk(box: boxes.Box):  # type: ignore[no-untyped-def]
        yield box
        for child in getattr(box, "children", []):
            yield from walk(child)

    def first_line(cell: boxes.Box) -> float:
        return next(b.position_y for b in walk(cell) if isinstance(b, boxes.LineBox))

    laid_out = HTML(filename=str(produire(cli, essai, "html"))).render()
    rows = [
        [c for c in row.children if isinstance(c, boxes.TableCellBox)]
        for page in laid_out.pages
        for row in walk(page._page_box)
        if isinstance(row, boxes.TableRowBox)
    ]
    (janvier,) = [
        cells
        for cells in rows
        if cells
        and any(b.text == "Janvier" for b in walk(cells[0]) if isinstance(b, boxes.TextBox))
    ]
    assert len({first_line(cell) for cell in janvier}) == 1, "the Décision cell is not lower"


@pytest.mark.parametrize("fmt", ["html", "md", "docx"])
def test_an_axis_without_objectives_shows_its_description_in_the_plan(
    cli: Cli, essai: Path, fmt: str
) -> None:
    text = texte(produire(cli, essai, fmt))
    plan = text[text.rindex("Le plan d'action 2022–2024") :]
    assert "Santé mentale des jeunes" in plan
    assert "Axe en cours de construction avec l'Éducation nationale." in plan


def test_markdown_paragraphs_stand_apart_and_say_the_meetings(cli: Cli, essai: Path) -> None:
    from markdown_it import MarkdownIt

    source = produire(cli, essai, "md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").render(source)
    assert "<p>Structure porteuse : Ville de Test.</p>" in html
    assert "<p><strong>Sommaire</strong></p>" in html
    assert "<p>1 réunion en 2022 :</p>\n<h4>Avril 2022</h4>" in html
    assert "1 réunion en 2022 : Avril 2022" in texte(produire(cli, essai, "docx"))


def test_headings_of_free_text_stay_under_the_bilans_own(cli: Cli, essai: Path) -> None:
    activite = ESSAI_ACTIVITE.replace(
        "gouvernance: |\n", "gouvernance: |\n  ## Écriture du futur plan\n\n"
    )
    (essai / "activite" / "2022.yaml").write_text(activite, encoding="utf-8")
    html = produire(cli, essai, "html").read_text(encoding="utf-8")
    assert "<h5>Écriture du futur plan</h5>" in html
    markdown = produire(cli, essai, "md").read_text(encoding="utf-8")
    assert "\n##### Écriture du futur plan\n" in markdown
    import docx

    document = docx.Document(str(produire(cli, essai, "docx")))
    (titre,) = [p for p in document.paragraphs if p.text == "Écriture du futur plan"]
    assert titre.style.name == "Heading 5"


@pytest.mark.parametrize("inside", ["", "activite"], ids=["territoire", "activite"])
def test_outputs_go_to_the_territorys_out_folder_from_inside_it(
    cli: Cli, territory: Callable[..., Path], inside: str
) -> None:
    """From the territory or one of its folders, report and export write to ITS out/ (they
    wrote activite/out/ from activite/); from elsewhere, to out/ of the current folder."""
    root = territory()
    here = root / inside
    report = cli("report", "2022", cwd=here)
    assert report.code == 0, report.err
    assert sorted(p.name for p in (root / "out").iterdir()) == ["bilan-territoire-2022.html"]
    assert not (root / "activite" / "out").exists()
    shown = "../out/" if inside else "out/"
    assert f"écrit : {shown}bilan-territoire-2022.html" in report.out
    export = cli("export", cwd=here)
    assert export.code == 0, export.err
    assert any(p.name.startswith("grille-") for p in (root / "out").iterdir())


def test_outputs_from_elsewhere_go_to_out_of_the_current_folder(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory()
    result = cli("report", "2022", root.name, cwd=root.parent)
    assert result.code == 0, result.err
    assert (root.parent / "out" / "bilan-territoire-2022.html").is_file()
    assert not (root / "out").exists()


def test_the_reference_column_is_shown_only_when_some_indicator_has_one(
    cli: Cli, essai: Path
) -> None:
    """Besançon's indicators had targets but no reference: their table had a « Référence »
    column empty on every row."""
    import docx

    def entetes(root: Path) -> dict[str, list[str]]:
        html = produire(cli, root, "html").read_text(encoding="utf-8")
        (thead,) = re.findall(r"<thead><tr><th>Indicateur</th>.*?</thead>", html, re.S)
        md = produire(cli, root, "md").read_text(encoding="utf-8")
        (ligne,) = [x for x in md.splitlines() if x.startswith("| Indicateur |")]
        document = docx.Document(str(produire(cli, root, "docx")))
        (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Indicateur"]
        return {
            "html": re.findall(r"<th[^>]*>([^<]*)</th>", thead),
            "md": [x.strip() for x in ligne.strip("|").split("|")],
            "docx": [c.text for c in table.rows[0].cells],
        }

    for fmt, colonnes in entetes(essai).items():
        assert colonnes[:3] == ["Indicateur", "Action", "Cible"], fmt
    plan = essai / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "cibles: [{valeur: 3000}]",
            "cibles: [{valeur: 3000}]\n" + " " * 16 + "reference: {annee: 2021, valeur: 2000}",
        ),
        encoding="utf-8",
    )
    for fmt, colonnes in entetes(essai).items():
        assert colonnes[:4] == ["Indicateur", "Action", "Référence", "Cible"], fmt
    text = produire(cli, essai, "md").read_text(encoding="utf-8")
    assert f"| 2{NNBSP}000\u00a0€ (2021) | 3{NNBSP}000\u00a0€ (2024) |" in text


def test_docx_figures_are_aligned_right_as_in_the_html(cli: Cli, essai: Path) -> None:
    """Word tables had every figure left-aligned, under a header the HTML aligns right; the
    sectors' total row is bold, as in the HTML."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document(str(produire(cli, essai, "docx")))

    def alignements(premier: str) -> list[list[bool]]:
        (table,) = [t for t in document.tables if t.rows[0].cells[0].text == premier]
        return [
            [c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in row.cells]
            for row in table.rows
        ]

    for row in alignements("Indicateur"):  # Action, Cible, Valeur 2022, Écart, Statut
        assert row == [False, False, True, True, True, False]
    assert all(row == [False, True, False] for row in alignements("Secteur"))
    assert all(row == [False, True] for row in alignements("Séance"))
    assert all(row == [False, False, True, False] for row in alignements("Mois"))
    (secteurs,) = [t for t in document.tables if t.rows[0].cells[0].text == "Secteur"]
    total = secteurs.rows[-1].cells
    assert total[0].text == "Total"
    assert all(run.bold for cell in total[:2] for run in cell.paragraphs[0].runs)


# ---------------------------------------------------------------- perspectives

THREE_ACTIONS = MINIMAL["plan.yaml"] + textwrap.indent(
    textwrap.dedent("""\
        - id: 1.1.2
          titre: Groupe de parole des aidants
          pilote: unafam
          statut: abandonnee
        - id: 1.1.3
          titre: Annuaire des ressources
          pilote: ville
        - id: 1.1.4
          titre: Ciné-débat
          pilote: ville
          statut: en-cours
        """),
    " " * 10,
)


def test_perspectives_leave_out_the_abandoned_actions(cli: Cli, territory: Territory) -> None:
    # the stranger's Saint-Nazaire: an action abandoned in the plan and in the year, without
    # calendrier, was listed among the actions planned for next year
    activite = MINIMAL["activite/2022.yaml"] + (
        "actions:\n"
        "  - action: 1.1.2\n"
        "    statut: abandonnee\n"
        "  - action: 1.1.3\n"
        "    statut: abandonnee\n"
        "    commentaire: Faute de moyens\n"
    )
    root = territory(plan_yaml=THREE_ACTIONS, activite__2022_yaml=activite)
    assert cli("validate", root).code == 0
    text = report(cli, root)
    found = re.search(r"^## \S+ Perspectives 2023$", text, re.MULTILINE)
    assert found is not None
    perspectives = text[found.end() : text.index("\n## ", found.end())]
    assert "**1.1.4** Ciné-débat" in perspectives
    assert "**1.1.1** Former les acteurs" in perspectives
    assert "1.1.2" not in perspectives  # abandoned in the plan
    assert "1.1.3" not in perspectives  # abandoned in the year's activity
    # the plan's table still names them all
    assert "**1.1.2** Groupe de parole des aidants" in text


def test_the_charts_texts_put_a_space_before_each_semicolon(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """French puts a space before « ; », as the evaluation's charts do: the bilan's texts
    for its charts read « Collectivité : 1; Habitants… »."""
    root = territory()
    assert cli("report", "2022", root, "-o", tmp_path / "b.md").code == 0
    text = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "Partenaires actifs par secteur : Collectivité : 1 ; " in text
    assert re.search(r"\S; ", text) is None, re.findall(r".{30}\S; .{30}", text)


def test_an_indicators_notes_are_set_apart_in_the_docx(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """A rate's « numerator / denominator » under an indicator's name read as more of the name
    in the DOCX (same style, next line): it is now in grey italics, as the HTML's small text."""
    import docx

    root = territory()
    target = tmp_path / "bilan.docx"
    result = cli("report", "2022", root, "-o", target)
    assert result.code == 0, result.err
    cells = [c for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells]
    [cell] = [c for c in cells if c.text.startswith("Acteurs formés")]
    runs = [r for p in cell.paragraphs for r in p.runs if r.text.strip()]
    assert [(r.text, bool(r.italic)) for r in runs] == [
        ("Acteurs formés", False),
        ("acteurs formés / acteurs concernés", True),
    ]
    assert runs[1].font.color.rgb == docx.shared.RGBColor(0x59, 0x59, 0x59)


def test_a_realisations_partners_are_named_in_the_files_order(
    cli: Cli, territory: Callable[..., Path], tmp_path: Path
) -> None:
    """The partners of a realisation were listed by identifier (« CCAS, Régie…, GEM…,
    Direction de la santé publique »): the bilan names them as the coordinator listed them."""
    activity = MINIMAL["activite/2022.yaml"].replace(
        "partenaires: [ch]", "partenaires: [ville, ch]"
    )
    assert "[ville, ch]" in activity
    target = tmp_path / "bilan.md"
    assert cli("report", "2022", territory(activite__2022_yaml=activity), "-o", target).code == 0
    assert "Partenaires : Ville de Test et Centre hospitalier" in target.read_text(encoding="utf-8")
