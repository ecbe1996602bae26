"""Charts: what they show of a missing value, and drawn beside the reading (a forked worker)
the same as drawn in the process."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clsm_cli.bilan import Graphique
from clsm_cli.bilan.writers import charts

pytest.importorskip("matplotlib")
needs_worker = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="the worker is only started on Linux machines with two cores or more",
)

GRAPHIQUE = Graphique(
    id="secteurs",
    titre="Partenaires par secteur",
    libelles=["Santé", "Social et médico-social", "Logement"],
    series={"Structures": [12.0, 7.0, None]},
    alternative="12 structures de santé, 7 du social, aucune du logement.",
)


@pytest.fixture
def worker() -> Iterator[charts._Worker]:
    charts._worker = None
    charts.draw_beside_reading()
    assert charts._worker is not None
    yield charts._worker
    if charts._worker is not None:
        charts._worker.process.terminate()
    charts._worker = None


@needs_worker
def test_the_worker_draws_the_same_svg_and_png(worker: charts._Worker) -> None:
    svg, png = charts.svg(GRAPHIQUE), charts.png(GRAPHIQUE)
    assert charts._worker is worker
    assert svg == charts._svg(GRAPHIQUE)
    assert png == charts._png(GRAPHIQUE)
    assert "Social et médico-social" in svg
    assert png.startswith(b"\x89PNG")


@needs_worker
def test_a_dead_worker_leaves_the_drawing_to_the_process(worker: charts._Worker) -> None:
    worker.process.kill()
    worker.process.join(5)
    assert charts.svg(GRAPHIQUE) == charts._svg(GRAPHIQUE)
    assert charts._worker is None


@needs_worker
def test_an_error_in_the_worker_is_raised_here_with_its_cause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(graphique: Graphique) -> str:
        raise ValueError(f"{graphique.id} : dessin impossible")

    monkeypatch.setattr(charts, "_svg", broken)  # before the fork: the worker has it too
    charts._worker = None
    charts.draw_beside_reading()
    assert charts._worker is not None
    with pytest.raises(ValueError, match="secteurs : dessin impossible"):
        charts.svg(GRAPHIQUE)
    assert charts._worker is None


PAR_AXE = Graphique(
    id="participants-axes",
    titre="Personnes touchées et présences par axe en 2025",
    libelles=["Axe 1", "Axe 2", "Axe 3"],
    series={"Personnes": [347.0, None, 14.0], "Présences": [400.0, 18.0, 14.0]},
    etiquettes={
        "Personnes": ["≥ 347", "non renseigné", "14"],
        "Présences": ["400", "18", "14"],
    },
)
EUROS = Graphique(
    id="indicateurs-cibles-euros",
    titre="Indicateurs 2025 en euros : cible et réalisé",
    libelles=["Financement obtenu pour les sensibilisations", "Budget de l'impression du guide"],
    series={"Cible": [5000.0, 3000.0], "Réalisé": [2500.0, None]},
    etiquettes={"Cible": ["5 000 €", "3 000 €"], "Réalisé": ["2 500 €", "non renseigné"]},
)


@pytest.mark.parametrize("graphique", [PAR_AXE, EUROS], ids=["vertical", "horizontal"])
def test_a_missing_value_is_written_where_its_bar_would_be_without_overlap(
    graphique: Graphique,
) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = charts._figure(graphique)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    (ax,) = figure.axes
    bars = [bar.get_window_extent(renderer) for bar in ax.patches]
    drawn = [box for box in bars if box.width > 0.5 and box.height > 0.5]
    known = [v for values in graphique.series.values() for v in values if v is not None]
    assert len(drawn) == len(known), "every known value has its bar, the missing one none"
    (absent,) = [t for t in ax.texts if t.get_text() == "non renseigné"]
    box = absent.get_window_extent(renderer)
    assert not any(box.overlaps(bar) for bar in drawn)
    labels = [t.get_window_extent(renderer) for t in ax.texts if t is not absent]
    assert not any(box.overlaps(label) for label in labels if label.width)
    assert "non renseigné" in charts._svg(graphique)


UN_AXE = Graphique(
    id="participants-axes",
    titre="Personnes touchées et présences par axe en 2025",
    libelles=["Axe 1"],
    series={"Personnes": [109.0], "Présences": [116.0]},
)


@pytest.mark.parametrize("graphique", [UN_AXE, PAR_AXE, EUROS], ids=["un-axe", "axes", "euros"])
def test_the_legend_covers_no_bar_and_no_figure(graphique: Graphique) -> None:
    """One axis's bars filled the plot, and the legend in its corner hid the tallest one
    (Besançon's bilan 2025): the legend lies outside the bars, and the labels inside the
    figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = charts._figure(graphique)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    (ax,) = figure.axes
    legend = ax.get_legend().get_window_extent(renderer)
    bars = [bar.get_window_extent(renderer) for bar in ax.patches]
    labels = [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]
    assert not any(legend.overlaps(box) for box in bars + labels if box.width and box.height)
    inside = figure.bbox
    for box in [legend, *labels]:
        assert inside.x0 <= box.x0
        assert box.x1 <= inside.x1
        assert inside.y0 <= box.y0
        assert box.y1 <= inside.y1


def test_a_single_group_of_bars_does_not_fill_the_chart() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = charts._figure(UN_AXE)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    (ax,) = figure.axes
    plot = ax.get_window_extent(renderer)
    bars = sum(bar.get_window_extent(renderer).width for bar in ax.patches)
    assert bars < 0.5 * plot.width


def _ticks(svg: str) -> list[str]:
    """The texts of a drawn chart (ticks, labels, legend), in order."""
    import re

    return re.findall(r">([^<>]+)</text>", svg)


def _trajectory(libelle: str, realise: dict[int, float]) -> Graphique:
    """One indicator's trajectory: what was done, year by year."""
    from clsm_cli.bilan.graphiques import Courbe

    annees = list(realise)
    return Graphique(
        id="trajectoires-1",
        titre="Trajectoire",
        libelles=[],
        series={},
        alternative=f"{libelle} : " + ", ".join(f"{v:g}" for v in realise.values()) + ".",
        panneaux=[Courbe(libelle, annees, {"Réalisé": list(realise.values())})],
    )


def test_a_count_has_whole_ticks_and_a_share_french_decimals() -> None:
    """Two sessions a year were drawn against « 0.0 0.5 1.0 1.5 2.0 » (Saint-Nazaire trial):
    a count has whole ticks, and a tick that needs a decimal writes it the French way."""
    texts = _ticks(charts._svg(_trajectory("Séances", {2024: 1.0, 2025: 2.0})))
    assert "1" in texts
    assert not [t for t in texts if "." in t or t in ("0,5", "1,5")], texts
    taux = Graphique(
        id="taux",
        titre="Taux",
        libelles=["2024", "2025"],
        series={"Part": [0.4, 0.9]},
        alternative="0,4 puis 0,9.",
    )
    texts = _ticks(charts._svg(taux))
    assert any("," in t for t in texts), texts
    assert not [t for t in texts if "." in t], texts


def test_whole_ticks_go_by_round_steps() -> None:
    """People reached, 120 then 300: ticks by 50, as a reader counts, not by 40 or 60
    (Grenoble trial)."""
    personnes = _trajectory("Personnes", {2024: 120.0, 2025: 260.0, 2026: 300.0})
    texts = _ticks(charts._svg(personnes))
    ticks = texts[texts.index("0") : texts.index("0") + 7]
    assert ticks == ["0", "50", "100", "150", "200", "250", "300"], texts


def _legend_colours(svg: str) -> dict[str, str]:
    """Each series of a drawn chart's legend and the colour of its key (a bar's fill, a
    line's stroke): the last colour before its name."""
    import re

    legend = svg[svg.index('id="legend_1"') :]
    colours: dict[str, str] = {}
    last = ""
    for match in re.finditer(r"(?:fill|stroke): (#[0-9a-f]{6})|>([^<>]+)</text>", legend):
        if match.group(1):
            last = match.group(1)
        else:
            colours[match.group(2)] = last
    return colours


def test_a_series_has_the_same_colour_in_the_bilan_and_the_evaluation(
    territory: Callable[..., Path],
) -> None:
    """The evaluation drew « Réalisé » blue and « Cible » orange, the bilan's target chart
    « Cible » blue and « Réalisé » orange (Saint-Nazaire trial): a series that means the
    same thing has the same colour in every chart, and in every panel."""
    from clsm_cli.bilan.construction import build_bilan
    from clsm_cli.bilan.graphiques import CIBLE, REALISE, REFERENCE, Courbe, graphiques_de
    from clsm_cli.evaluation.construction import build_evaluation, plan_choisi
    from clsm_cli.validation.dossier import load_dossier

    dossier = load_dossier(territory())
    (cibles,) = [g for g in graphiques_de(build_bilan(dossier, 2022)) if g.id.startswith("ind")]
    (trajectoire,) = build_evaluation(dossier, *plan_choisi(dossier, None)).graphiques
    bilan, evaluation = (
        _legend_colours(charts._svg(cibles)),
        _legend_colours(charts._svg(trajectoire)),
    )
    assert {REALISE, CIBLE} <= bilan.keys() & evaluation.keys()
    assert bilan[REALISE] == evaluation[REALISE]
    assert bilan[CIBLE] == evaluation[CIBLE]
    assert bilan[REALISE] != bilan[CIBLE]
    # A reference beside a target in one panel and alone in the other keeps its colour.
    panels = Graphique(
        id="trajectoires-1",
        titre="Trajectoires",
        libelles=[],
        series={},
        alternative="Deux indicateurs.",
        panneaux=[
            Courbe("A", [2024, 2025], {REALISE: [1.0, 2.0], REFERENCE: [1.0, 1.0]}),
            Courbe("B", [2024, 2025], {REALISE: [1.0, 2.0], CIBLE: [2.0, 3.0]}),
        ],
    )
    figure = charts._figure(panels)
    drawn = {line.get_color() for ax in figure.axes for line in ax.lines}
    assert len(drawn) == 3, drawn  # the realised, the target, the reference: one colour each


def test_a_trajectorys_labels_clear_its_title_and_the_lines_next_to_them() -> None:
    """Redon's trial: « 75 % » at the top of a panel ran into its title, and « 55 jours »
    sat on the reference line just above it. The axis rises a fifth above the highest
    point; a label goes under its point when a line passes just above and there is more
    room below."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from clsm_cli.bilan.graphiques import CIBLE, REALISE, REFERENCE, Courbe

    panels = [
        Courbe(
            "Part sans nouvelle crise",
            [2024, 2025],
            {REALISE: [67.0, 75.0], CIBLE: [75.0, 75.0], REFERENCE: [62.0, 62.0]},
            ["67 %", "75 %"],
        ),
        Courbe(
            "Délai avant un rendez-vous",
            [2024, 2025],
            {REALISE: [55.0, 49.0], CIBLE: [45.0, 45.0], REFERENCE: [58.0, 58.0]},
            ["55 jours", "49 jours"],
        ),
    ]
    graphique = Graphique(
        id="trajectoires-1", titre="T", libelles=[], series={}, alternative="", panneaux=panels
    )
    figure = charts._figure(graphique)
    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    for ax, courbe in zip(figure.axes, panels, strict=True):
        highest = max(v for values in courbe.series.values() for v in values if v is not None)
        assert ax.get_ylim() == (0, pytest.approx(highest * 1.2))
        title = ax.title.get_window_extent(renderer)
        for text in ax.texts:
            assert not text.get_window_extent(renderer).overlaps(title), text.get_text()
    label = next(t for t in figure.axes[1].texts if t.get_text() == "55 jours")
    assert label.xy == (2024, 55.0)
    assert label.get_va() == "top"  # under its point: the reference (58) is just above
    # the target just above, the reference nearer below: over its point
    assert next(t for t in figure.axes[0].texts if t.get_text() == "67 %").get_va() == "bottom"
