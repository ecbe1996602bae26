"""Rendering the bilan with Jinja: template lookup, the sandbox, HTML and Markdown.

Templates are looked up user-first: the territory's `templates/`, then `--templates DIR`,
then the shipped ones, which are also reachable as `default:NAME` so that a user template
can `{% extends "default:bilan.html.j2" %}` and replace a single block. Rendering is
sandboxed, undefined names are errors, and HTML is autoescaped: text from the plan never
becomes markup (its Markdown is rendered with raw HTML disabled).
"""

from __future__ import annotations

import base64
import itertools
import operator
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ...figures import tracking
from ...french import formatting
from ...models.common import LIBELLES_SECTEURS
from ...problems import Problem
from ...resources import SHIPPED
from ...validation.dossier import display_name
from .. import Bilan, Graphique
from ..wording import Textes
from .word_markdown import TITRES_TEXTE

NOUVELLE_PAGE = frozenset({"partenariat", "travaux", "indicateurs", "plan"})
"""The long parts of the bilan, which start on a new page (printed HTML, PDF and DOCX); the
others follow on the page, so that none holds only a few lines."""
MAX_RESULT = 10_000_000
"""The largest string or number of digits a template expression may produce."""


class TemplateProblem(Exception):
    """A template could not be rendered; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with `*` and `**` bounded so a template cannot exhaust memory."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, op: str, left: Any, right: Any) -> Any:
        if op == "**":
            if isinstance(right, int) and isinstance(left, int) and abs(right) > 1000:
                raise SecurityError(f"puissance trop grande ({left} ** {right})")
            return operator.pow(left, right)
        sequence, count = (left, right) if isinstance(right, int) else (right, left)
        too_long = isinstance(sequence, str | list) and isinstance(count, int)
        if too_long and len(sequence) * count > MAX_RESULT:
            raise SecurityError("texte ou liste trop long pour être produit")
        return operator.mul(left, right)


class _Confined(jinja2.FileSystemLoader):
    """A user's template folder: a template may not lead (by symlink) outside of it."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        root = Path(self.searchpath[0]).resolve()
        if not Path(filename).resolve().is_relative_to(root):
            raise SecurityError(
                f"le modèle {template} est un lien vers un fichier hors du dossier {root}"
            )
        return source, filename, uptodate


def _markdown_renderer() -> Callable[[str], str]:
    """Markdown to HTML, its headings moved under the bilan's own (see `TITRES_TEXTE`)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")

    def render(text: str) -> str:
        tokens = md.parse(text)
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{_niveau(token.tag)}"
        return str(md.renderer.render(tokens, md.options, {}))

    return render


def _niveau(tag: str) -> int:
    return min(6, TITRES_TEXTE + int(tag[1]) - 1)


def markdown_sous_titres(text: str) -> str:
    """Markdown whose headings are moved under the bilan's own, for the Markdown bilan:
    `# Titre` becomes `#### Titre`, and an underlined heading is written the same way."""
    from markdown_it import MarkdownIt

    lines = text.splitlines()
    tokens = MarkdownIt("commonmark").parse(text)
    dropped: set[int] = set()
    for token, inline in itertools.pairwise(tokens):
        if token.type == "heading_open" and token.map is not None and token.level == 0:
            first, end = token.map
            lines[first] = "#" * _niveau(token.tag) + " " + inline.content.replace("\n", " ")
            dropped.update(range(first + 1, end))
    return "\n".join(line for number, line in enumerate(lines) if number not in dropped)


def environment(search: list[Path], *, html: bool) -> jinja2.Environment:
    """The Jinja environment: user folders first, then the shipped templates."""
    shipped = jinja2.FileSystemLoader(str(SHIPPED))
    users = [_Confined(str(folder)) for folder in search if folder.is_dir()]
    loader = jinja2.ChoiceLoader(
        [*users, jinja2.PrefixLoader({"default": shipped}, delimiter=":"), shipped]
    )
    env = _Sandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    render_md = _markdown_renderer()

    def markdown(text: str | None) -> Markup | str:
        if not text:
            return ""
        return Markup(render_md(text)) if html else markdown_sous_titres(text)

    env.filters.update(
        date=formatting.date_fr,
        mois=formatting.mois_fr,
        nombre=formatting.nombre,
        pourcentage=formatting.pourcentage,
        accord=formatting.accord,
        effectif=formatting.effectif,
        chiffre=formatting.chiffre,
        en_unite=formatting.en_unite,
        liste=formatting.liste_fr,
        romain=formatting.romain,
        intervalle=formatting.intervalle_fr,
        periode=formatting.periode_fr,
        markdown=markdown,
    )
    env.globals.update(
        secteurs=LIBELLES_SECTEURS,
        couleurs_statuts=tracking.STATUTS_TEXTE,
        nouvelle_page=NOUVELLE_PAGE,
    )
    return env


def _problem_from(exc: BaseException, search: list[Path]) -> Problem:
    """Locate a template error at its template file and line."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(
            "modele-invalide",
            f"syntaxe du modèle : {exc.message}",
            display_name(Path(exc.filename)) if exc.filename else (exc.name or "modèle"),
            exc.lineno,
            None,
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(
            "modele-invalide",
            f"modèle introuvable : {exc.name}",
            str(exc.name),
            hint="les modèles livrés s'appellent bilan.html.j2, bilan.md.j2 et bilan.css",
        )
    file, line = _template_frame(exc.__traceback__)
    if isinstance(exc, OverflowError):
        return Problem(
            "modele-interdit",
            "opération interdite dans le modèle : calcul ou boucle trop grands",
            file,
            line,
        )
    if isinstance(exc, SecurityError):
        return Problem(
            "modele-interdit",
            f"opération interdite dans le modèle : {exc}",
            file,
            line,
            hint="les modèles n'ont accès qu'aux données du bilan et aux filtres de clsm",
        )
    if isinstance(exc, jinja2.UndefinedError):
        return Problem(
            "modele-invalide",
            f"nom inconnu dans le modèle : {exc.message}",
            file,
            line,
            hint="vérifiez l'orthographe ; les noms disponibles sont décrits dans le README",
        )
    return Problem("modele-invalide", f"erreur dans le modèle : {exc}", file, line)


def _template_frame(tb: TracebackType | None) -> tuple[str, int | None]:
    found: tuple[str, int | None] = ("modèle", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".css", ".html", ".md")):
            found = (display_name(Path(filename)), tb.tb_lineno)
        tb = tb.tb_next
    return found


def _illustrations(graphiques: list[Graphique], images: str | None) -> dict[str, Markup]:
    """Each chart as HTML: inline SVG or a PNG data URI, or nothing without matplotlib."""
    if images is None:
        return {}
    from . import charts

    result: dict[str, Markup] = {}
    for graphique in graphiques:
        if images == "svg":
            svg = charts.svg(graphique)
            svg = svg.replace(
                "<svg ", f'<svg role="img" aria-label="{_attr(graphique.alternative)}" ', 1
            )
            result[graphique.id] = Markup(svg)
        else:
            data = base64.b64encode(charts.png(graphique)).decode("ascii")
            result[graphique.id] = Markup(
                f'<img src="data:image/png;base64,{data}" alt="{_attr(graphique.alternative)}">'
            )
    return result


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
    try:
        env = environment(search, html=html)
        tpl = env.get_template(template)
        return tpl.render(
            bilan=bilan,
            textes=Textes(bilan),
            illustrations=_illustrations(bilan.graphiques, images) if html else {},
            liens_images=liens_images or {},
        )
    except TemplateProblem:
        raise
    except (jinja2.TemplateError, SecurityError, ArithmeticError, TypeError, ValueError) as exc:
        raise TemplateProblem(_problem_from(exc, search)) from None
    except (RecursionError, MemoryError) as exc:
        raise TemplateProblem(_problem_from(exc, search)) from None
