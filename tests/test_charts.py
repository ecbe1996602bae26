"""Charts drawn beside the reading (a forked worker) are the charts drawn in the process."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest

from clsm_cli import charts
from clsm_cli.bilan import Graphique

pytest.importorskip("matplotlib")
pytestmark = pytest.mark.skipif(
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


def test_the_worker_draws_the_same_svg_and_png(worker: charts._Worker) -> None:
    svg, png = charts.svg(GRAPHIQUE), charts.png(GRAPHIQUE)
    assert charts._worker is worker
    assert svg == charts._svg(GRAPHIQUE)
    assert png == charts._png(GRAPHIQUE)
    assert "Social et médico-social" in svg
    assert png.startswith(b"\x89PNG")


def test_a_dead_worker_leaves_the_drawing_to_the_process(worker: charts._Worker) -> None:
    worker.process.kill()
    worker.process.join(5)
    assert charts.svg(GRAPHIQUE) == charts._svg(GRAPHIQUE)
    assert charts._worker is None


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
