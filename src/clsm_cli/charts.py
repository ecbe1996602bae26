"""Charts of the bilan with matplotlib: SVG for HTML, PNG for DOCX and PDF.

matplotlib is an optional extra (`pip install "clsm[rapport]"`); it is imported here only,
and only when a report with charts is rendered.
"""

from __future__ import annotations

import io
from typing import Any

from .bilan import Graphique
from .problems import ClsmError

COLORS = ("#1f5f8b", "#e39b2f", "#6a9f58", "#b5474b")


def _figure_class() -> Any:
    """matplotlib's Figure, without pyplot (whose import loads every style sheet)."""
    try:
        import matplotlib
    except ImportError:
        raise ClsmError(
            "les graphiques demandent matplotlib, qui n'est pas installé",
            hint='installez-le : python -m pip install "clsm[rapport]"',
        ) from None
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "clsm",
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    from matplotlib.figure import Figure

    return Figure


def available() -> bool:
    """Whether charts can be drawn here (without importing matplotlib yet)."""
    import importlib.util

    return importlib.util.find_spec("matplotlib") is not None


def _figure(graphique: Graphique) -> Any:
    figure_class = _figure_class()
    count = len(graphique.libelles)
    horizontal = len(graphique.series) == 1 and count > 4
    height = max(2.2, 0.32 * count + 0.9) if horizontal else 3.0
    fig = figure_class(figsize=(6.4, height), dpi=150)
    ax = fig.subplots()
    positions = list(range(count))
    width = 0.8 / len(graphique.series)
    for index, (name, values) in enumerate(graphique.series.items()):
        data = [v if v is not None else 0.0 for v in values]
        offset = [p + (index - (len(graphique.series) - 1) / 2) * width for p in positions]
        color = COLORS[index % len(COLORS)]
        if horizontal:
            bars = ax.barh(offset, data, height=width, color=color, label=name)
        else:
            bars = ax.bar(offset, data, width=width, color=color, label=name)
        labels = [f"{v:g}".replace(".", ",") for v in data]
        ax.bar_label(bars, labels=labels, padding=2, fontsize=8)
    if horizontal:
        ax.set_yticks(positions, graphique.libelles)
        ax.invert_yaxis()
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
    else:
        ax.set_xticks(positions, graphique.libelles)
        if graphique.unite:
            ax.set_ylabel(graphique.unite)
    if len(graphique.series) > 1:
        ax.legend(frameon=False, loc="upper right")
    fig.tight_layout()
    return fig


def svg(graphique: Graphique) -> str:
    """The chart as inline SVG markup (text kept as text, for search and screen readers)."""
    fig = _figure(graphique)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "clsm"})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def png(graphique: Graphique) -> bytes:
    """The chart as a PNG image."""
    fig = _figure(graphique)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": "clsm"})
    return buffer.getvalue()
