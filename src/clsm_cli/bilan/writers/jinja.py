"""Rendering the bilan with Jinja: HTML and Markdown, and template errors located.

Templates are looked up user-first: the territory's `templates/`, then `--templates DIR`
(`resources.search_path`), then the shipped ones, which are also reachable as `default:NAME`
so that a user template can `{% extends "default:bilan.html.j2" %}` and replace a single
block. The sandbox and the filters are clsm's (french/templating.py); undefined names are
errors, and HTML is autoescaped: text from the plan never becomes markup.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from ...french.template_errors import explain
from ...french.templating import sandbox
from ...problems import Problem
from ...resources import SHIPPED
from ...validation.dossier import display_name
from .. import Bilan, Graphique
from .rendu import NOUVELLE_PAGE, Rendu, rendu_du_bilan

__all__ = ["NOUVELLE_PAGE", "TemplateProblem", "environment", "render", "render_document"]


class TemplateProblem(Exception):
    """A template could not be rendered; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def environment(
    search: list[Path], *, html: bool, nouvelle_page: frozenset[str] = NOUVELLE_PAGE
) -> jinja2.Environment:
    """A document's Jinja environment: clsm's sandbox and filters, and the parts that start
    a new page."""
    env = sandbox(search, html=html)
    env.globals.update(nouvelle_page=nouvelle_page)
    return env


GUIDE = "les noms disponibles sont décrits dans le guide, page « Modèles du bilan »"


def _shipped(modele: str) -> str:
    """`les modèles livrés s'appellent bilan.css, bilan.html.j2 et bilan.md.j2`."""
    names = sorted(
        p.name for p in SHIPPED.iterdir() if p.name.startswith((f"{modele}.", "bilan.css"))
    )
    return "les modèles livrés s'appellent " + ", ".join(names[:-1]) + f" et {names[-1]}"


def _problem_from(exc: BaseException, env: jinja2.Environment, rendu: Rendu) -> Problem:
    """The template error in French (french/template_errors.py), at its file and line."""
    message, hint = explain(exc, env, rendu.noms)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = display_name(Path(exc.filename)) if exc.filename else (exc.name or "modèle")
        return Problem("modele-invalide", message, where, exc.lineno, None, hint=hint)
    file, line = _template_frame(exc.__traceback__)
    if isinstance(exc, jinja2.TemplateNotFound):
        if line is None:  # the template asked for is itself missing
            file = str(exc.name)
        return Problem("modele-invalide", message, file, line, hint=hint or _shipped(rendu.modele))
    if isinstance(exc, SecurityError | OverflowError | RecursionError | MemoryError):
        return Problem("modele-interdit", message, file, line, hint=hint)
    if isinstance(exc, jinja2.UndefinedError):
        hint = f"{hint} ({GUIDE})" if hint else f"vérifiez l'orthographe ; {GUIDE}"
    return Problem("modele-invalide", message, file, line, hint=hint)


def _template_frame(tb: TracebackType | None) -> tuple[str, int | None]:
    found: tuple[str, int | None] = ("modèle", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".css", ".html", ".md")):
            found = (display_name(Path(filename)), tb.tb_lineno)
        tb = tb.tb_next
    return found


_MARK = "<!--clsm:illustration:{}-->"
_MARKS = re.compile(r"<!--clsm:illustration:(\d+)-->")


def _marks(graphiques: list[Graphique], images: str | None) -> dict[str, Markup]:
    """A mark where each chart goes; the charts replace them once the text is rendered."""
    if images is None:
        return {}
    return {graphique.id: Markup(_MARK.format(n)) for n, graphique in enumerate(graphiques)}


def _with_illustrations(text: str, graphiques: list[Graphique], images: str | None) -> str:
    """The rendered text with each chart in place of its mark: inline SVG or a PNG data URI.

    Charts are drawn last so that the chart worker (charts.py) imports matplotlib while the
    text is rendered: on a 2,000-action bilan the rendering used to wait ~0.4 s for it.
    """
    if images is None:
        return text
    from . import charts

    drawn: dict[int, str] = {}

    def illustration(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in drawn:
            graphique = graphiques[n]
            alternative = _attr(graphique.alternative)
            if images == "svg":
                svg = charts.svg(graphique)
                drawn[n] = svg.replace("<svg ", f'<svg role="img" aria-label="{alternative}" ', 1)
            else:
                data = base64.b64encode(charts.png(graphique)).decode("ascii")
                drawn[n] = f'<img src="data:image/png;base64,{data}" alt="{alternative}">'
        return drawn[n]

    return _MARKS.sub(illustration, text)


def _attr(text: str) -> str:
    return str(Markup.escape(text))


def render(
    bilan: Bilan,
    template: str,
    search: list[Path],
    *,
    html: bool,
    images: str | None = None,
    liens_images: dict[str, str] | None = None,
) -> str:
    """Render a template with the bilan; template errors raise TemplateProblem."""
    rendu = rendu_du_bilan(bilan)
    return render_document(
        rendu, template, search, html=html, images=images, liens_images=liens_images
    )


def render_document(
    rendu: Rendu,
    template: str,
    search: list[Path],
    *,
    html: bool,
    images: str | None = None,
    liens_images: dict[str, str] | None = None,
) -> str:
    """Render a template with a document's variables; template errors raise TemplateProblem."""
    env = environment(search, html=html, nouvelle_page=rendu.nouvelle_page)
    graphiques = rendu.graphiques
    try:
        images = images if html else None
        if images is not None:
            from . import charts

            charts.prepare(images, graphiques)  # drawn beside while the text renders
        tpl = env.get_template(template)
        variables = {
            **rendu.variables,
            "illustrations": _marks(graphiques, images),
            "liens_images": liens_images or {},
        }
        text = tpl.render(**variables)
        return _with_illustrations(text, graphiques, images)
    except TemplateProblem:
        raise
    except (jinja2.TemplateError, SecurityError, ArithmeticError, TypeError, ValueError) as exc:
        raise TemplateProblem(_problem_from(exc, env, rendu)) from None
    except (RecursionError, MemoryError) as exc:
        raise TemplateProblem(_problem_from(exc, env, rendu)) from None
