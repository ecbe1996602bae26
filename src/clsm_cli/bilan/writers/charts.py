"""Charts of the bilan with matplotlib: SVG for HTML, PNG for DOCX and PDF.

matplotlib is an optional extra (`pip install "clsm[rapport]"`); it is imported here only,
and only when a report with charts is rendered.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

from ...figures.compute import NON_RENSEIGNE
from ...french.formatting import nombre
from ...problems import ClsmError
from .. import Graphique
from ..graphiques import CIBLE, REALISE, REFERENCE

COLORS = ("#1f5f8b", "#e39b2f", "#6a9f58", "#b5474b")
SERIES_COLORS = {REALISE: COLORS[0], CIBLE: COLORS[1], REFERENCE: COLORS[2]}
"""The realised, target and reference series in the same colour in every chart and panel,
whatever their place among the series."""


def _color(name: str, index: int) -> str:
    """A series' colour: by what it means (`SERIES_COLORS`), else by its place."""
    return SERIES_COLORS.get(name) or COLORS[index % len(COLORS)]


def _figure_class() -> Any:
    """matplotlib's Figure, without pyplot (whose import loads every style sheet).

    numpy, which matplotlib imports, starts OpenBLAS with a thread per core: ~0.4 s of CPU
    (0.94 → 0.57 s for the import, measured) for charts that multiply no matrix, taken from
    the process writing the document. One thread, unless the user chose otherwise."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
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
    """Bars per series; horizontal, with wrapped labels, when labels are many or long.
    Small multiples of lines when the chart has panels."""
    if graphique.panneaux:
        return _panels(graphique)
    figure_class = _figure_class()
    count = len(graphique.libelles)
    series = len(graphique.series)
    longest = max((len(label) for label in graphique.libelles), default=0)
    horizontal = (series == 1 and count > 4) or longest > 14
    names = [textwrap.fill(label, 30) for label in graphique.libelles]
    if horizontal:
        rows = sum(max(0.3 * (name.count("\n") + 1), 0.26 * series) for name in names)
        height = max(2.2, rows + 0.9)
    else:
        height = 3.0
    fig = figure_class(figsize=(6.4, height), dpi=150)
    ax = fig.subplots()
    positions = list(range(count))
    width = 0.8 / series
    for index, (name, values) in enumerate(graphique.series.items()):
        data = [v if v is not None else 0.0 for v in values]  # no bar, labelled as such
        offset = [p + (index - (series - 1) / 2) * width for p in positions]
        color = _color(name, index)
        if horizontal:
            bars = ax.barh(offset, data, height=width, color=color, label=name)
        else:
            bars = ax.bar(offset, data, width=width, color=color, label=name)
        labels = graphique.etiquettes.get(name) or [
            NON_RENSEIGNE if v is None else nombre(v) for v in values
        ]
        shown = ["" if v is None else label for v, label in zip(values, labels, strict=True)]
        ax.bar_label(bars, labels=shown, padding=2, fontsize=8)
        for place, value, label in zip(offset, values, labels, strict=True):
            if value is None:
                _absent(ax, place, label, horizontal)
    if horizontal:
        ax.set_yticks(positions, names)
        ax.invert_yaxis()
        if count < 3:  # one or two groups: bars of a readable thickness, as standing ones
            ax.set_ylim(count, -1)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        ax.margins(x=0.18)
    else:
        ax.set_xticks(positions, names)
        _axe_francais(ax.yaxis, [v for values in graphique.series.values() for v in values])
        ax.margins(y=0.12)  # room for the tallest bar's label
        if count < 3:  # one or two groups: bars of a readable width, not the whole chart's
            ax.set_xlim(-1, count)
        if graphique.unite:
            ax.set_ylabel(graphique.unite)
    if series > 1:
        # Outside the plot, where no bar reaches: below bars that lie, above bars that stand.
        if horizontal:
            ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, 0), ncol=series)
        else:
            ax.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1), ncol=series)
    fig.tight_layout()
    return fig


PANEL_COLUMNS = 2


def _panels(graphique: Graphique) -> Any:
    """One small line chart per panel, two to a row, sharing one legend below them."""
    figure_class = _figure_class()
    count = len(graphique.panneaux)
    columns = min(PANEL_COLUMNS, count)
    rows = -(-count // columns)
    fig = figure_class(figsize=(6.4, 2.2 * rows + 0.5), dpi=150)
    axes = fig.subplots(rows, columns, squeeze=False)
    handles: dict[str, Any] = {}
    for index, courbe in enumerate(graphique.panneaux):
        ax = axes[index // columns][index % columns]
        handles.update(_panel(ax, courbe))
    for index in range(count, rows * columns):
        axes[index // columns][index % columns].set_visible(False)
    if handles:
        fig.legend(
            list(handles.values()),
            list(handles),
            frameon=False,
            loc="lower center",
            ncol=len(handles),
        )
    fig.tight_layout(rect=(0, 0.06 if rows > 1 else 0.1, 1, 1))
    return fig


def _panel(ax: Any, courbe: Any) -> dict[str, Any]:
    """A panel's lines: the first series solid and labelled, the others dashed. The axis
    rises from 0 to a fifth above the highest point, so that a label over it stays under the
    title; a value's label goes under its point when another line passes just above it and
    there is more room below."""
    handles = {}
    x = courbe.annees
    series = list(courbe.series.items())
    known = [v for _, values in series for v in values if v is not None]
    top = max(known, default=0) * 1.2 or 1
    for index, (name, values) in enumerate(series):
        data = [float("nan") if v is None else v for v in values]
        style = "-" if index == 0 else "--"
        marker = "o" if index == 0 else ("s" if index == 1 else "D")
        (line,) = ax.plot(x, data, style, marker=marker, color=_color(name, index), markersize=4)
        handles[name] = line
    name, values = series[0]
    labels = courbe.etiquettes or [nombre(v) for v in values]
    for k, (year, value, label) in enumerate(zip(x, values, labels, strict=False)):
        if value is None:  # `non renseigné`, or what the label says instead
            _absent(ax, year, str(label) if courbe.etiquettes else NON_RENSEIGNE, False)
            continue
        others = [v[k] for _, v in series[1:] if k < len(v) and v[k] is not None]
        gap_up = min((o - value for o in others if o >= value), default=top)
        gap_down = min((value - o for o in others if o < value), default=value)
        under = gap_up <= 0.1 * top < gap_down and gap_down > gap_up
        ax.annotate(
            str(label),
            (year, value),
            xytext=(0, -5 if under else 4),
            textcoords="offset points",
            ha="center",
            va="top" if under else "bottom",
            fontsize=7,
        )
    ax.set_title(textwrap.fill(courbe.titre, 42), fontsize=7.5, loc="left")
    ax.set_xticks(x, [str(year) for year in x], fontsize=7)
    ax.set_xlim(min(x) - 0.5, max(x) + 0.5)
    ax.tick_params(axis="y", labelsize=7)
    _axe_francais(ax.yaxis, [v for values in courbe.series.values() for v in values])
    ax.set_ylim(0, top)
    return handles


def _axe_francais(axis: Any, values: list[float | None]) -> None:
    """Ticks written as French readers write numbers (`1 500`, `2,5`), and whole ones only
    when the values are whole: a count of sessions has no half. Their steps are round (1, 2,
    5, 10, 20, 50…): matplotlib's own choice for whole ticks allows 40 or 60."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if all(float(v).is_integer() for v in values if v is not None):
        axis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda value, _position: nombre(float(value))))


def _absent(ax: Any, place: float, label: str, horizontal: bool) -> None:
    """Write `non renseigné` where a missing value's bar would be, within its own slot:
    along the axis on a horizontal chart, standing up from the baseline on a vertical one."""
    style = {"fontsize": 7.5, "color": "#5b6770", "fontstyle": "italic"}
    where: dict[str, Any] = (
        {"xy": (0, place), "xytext": (3, 0), "ha": "left", "va": "center"}
        if horizontal
        else {"xy": (place, 0), "xytext": (0, 3), "ha": "center", "va": "bottom", "rotation": 90}
    )
    ax.annotate(label, textcoords="offset points", **where, **style)


def svg(graphique: Graphique) -> str:
    """The chart as inline SVG markup (text kept as text, for search and screen readers)."""
    drawn = _drawn_beside("svg", graphique)
    return drawn if isinstance(drawn, str) else _svg(graphique)


def png(graphique: Graphique) -> bytes:
    """The chart as a PNG image."""
    drawn = _drawn_beside("png", graphique)
    return drawn if isinstance(drawn, bytes) else _png(graphique)


def _svg(graphique: Graphique) -> str:
    fig = _figure(graphique)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "clsm"})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _png(graphique: Graphique) -> bytes:
    fig = _figure(graphique)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": "clsm"})
    return buffer.getvalue()


# ---------------------------------------------------------------- drawing beside the reading


class _Worker:
    """A forked process that imports matplotlib at once, then draws the charts it is sent.

    Charts can be asked for ahead (`prepare`): the worker draws them while this process goes
    on writing, and `draw` collects each when the document reaches it.
    """

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, self.connection), daemon=True)
        self.process.start()
        child.close()
        self.asked: list[str] = []
        """What was sent and not yet received, in order (the worker answers in order)."""
        self.received: dict[str, tuple[bool, str | bytes | None]] = {}

    def ask(self, kind: str, graphique: Graphique) -> None:
        key = _key(kind, graphique)
        if key not in self.asked and key not in self.received:
            self.connection.send((kind, graphique))
            self.asked.append(key)

    def draw(self, kind: str, graphique: Graphique) -> str | bytes | None:
        """The chart drawn by the worker; None when it failed."""
        key = _key(kind, graphique)
        try:
            self.ask(kind, graphique)
            while key not in self.received:
                self.received[self.asked.pop(0)] = self.connection.recv()
        except (OSError, EOFError):
            return None
        done, result = self.received.pop(key)
        return result if done else None


def _key(kind: str, graphique: Graphique) -> str:
    """A chart by its content (two bilans' charts may share an id, never a drawing)."""
    return f"{kind}:{graphique!r}"


def _serve(connection: Any, parents_end: Any) -> None:
    import signal

    parents_end.close()  # so that the parent's exit, however abrupt, ends this loop
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    with contextlib.suppress(OSError):  # needed last: the reader, the document go first
        os.nice(10)  # (evaluation of 2,000 actions on a busy machine: 2.36 → 2.19 s)
    _figure_class()
    drawers: dict[str, Callable[[Graphique], str | bytes]] = {"svg": _svg, "png": _png}
    while True:
        try:
            kind, graphique = connection.recv()
        except (EOFError, OSError):
            return
        try:
            drawn: tuple[bool, str | bytes | None] = (True, drawers[kind](graphique))
        except Exception:  # noqa: BLE001 - the parent draws it again and reports the error
            drawn = (False, None)
        try:
            connection.send(drawn)
        except OSError:  # the parent has left
            return


_worker: _Worker | None = None


def _drawn_beside(kind: str, graphique: Graphique) -> str | bytes | None:
    """The chart from the worker; None to draw it here: no worker, or it failed.

    After a failure the worker is stopped and the chart drawn again in this process,
    where any error shows with its real cause.
    """
    global _worker
    if _worker is None:
        return None
    drawn = _worker.draw(kind, graphique)
    if drawn is None:
        _worker.process.terminate()
        _worker = None
    return drawn


def prepare(kind: str, graphiques: list[Graphique]) -> None:
    """Ask the worker for these charts now (`svg` or `png`), to be collected when needed."""
    if _worker is None:
        return
    try:
        for graphique in graphiques:
            _worker.ask(kind, graphique)
    except OSError:
        return  # the worker is gone: `_drawn_beside` will find out and draw here


def stop_drawing() -> None:
    """End the worker, whatever it is doing: after a refused bilan or a Ctrl-C it would import
    matplotlib for no one, holding the terminal's output (`$(clsm report …)` waited)."""
    global _worker
    if _worker is None:
        return
    _worker.process.kill()
    _worker.process.join()
    _worker.connection.close()
    _worker = None


def draw_beside_reading() -> None:
    """Start importing matplotlib in a second process while this one reads the files.

    The import costs ~0.6 s, as much as reading a 2,000-action plan; with two cores a forked
    worker pays it in parallel, then draws the charts. Without fork (Windows, macOS) or
    with a single core, charts are simply drawn in this process. Call it before reading:
    forking a process that holds a large plan costs the parent a copy of every page it then
    touches (evaluation of 2,000 actions, started after reading: 2.17 s and 2.61 s of CPU;
    before: 2.01 s and 2.36 s, alternated runs).
    """
    global _worker
    from ...helpers import forkable, interruption_held

    if _worker is not None or not forkable() or not available():
        return
    with interruption_held():  # known, to be ended (`stop_drawing`); it ignores Ctrl-C
        _worker = _Worker()


@contextlib.contextmanager
def drawing_beside_reading(wanted: bool = True) -> Iterator[None]:
    """The chart worker for a command's length: started before it reads (if `wanted`), ended
    however it ends."""
    try:
        if wanted:
            draw_beside_reading()
        yield
    finally:
        stop_drawing()
