"""Jinja in French: the sandbox and the filters that every template of clsm sees.

Shared by the bilan's templates (bilan/writers/jinja.py) and the computed columns of the
Excel grids (excel/export.py), so that a `valeur` is written with the same filters as the
bilan (`date`, `nombre`, `pourcentage`, `markdown`…) without the grid depending on the
bilan. Templates are looked up user-first: the given folders, then the shipped templates,
which are also reachable as `default:NAME`. Rendering is sandboxed and undefined names are
errors.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import operator
from collections.abc import Callable, MutableMapping
from pathlib import Path
from types import CodeType, FunctionType, MethodType
from typing import Any

import jinja2
import jinja2.bccache
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..figures import tracking
from ..models.common import LIBELLES_SECTEURS
from ..resources import SHIPPED
from . import formatting
from .dates import joined_ranges
from .template_errors import Undefined

MAX_RESULT = 10_000_000
"""The largest string or number of digits a template expression may produce."""
TITRES_TEXTE = 4
"""The level a free text's top headings (`# …`) take in the bilan, in every format: below the
part (1), the axis (2) and the action (3) they are written in."""


def _c_escape() -> Callable[[str], str] | None:
    """markupsafe's C escaping, without the `Markup` object `escape` wraps its result in;
    None with a markupsafe that has none (its public `escape` then does every value)."""
    try:
        from markupsafe._speedups import _escape_inner
    except ImportError:
        return None
    return _escape_inner


_escape_inner = _c_escape()


def _escape_text(value: Any) -> Any:
    """markupsafe's `escape` for what a template writes out: the same text, without wrapping
    plain text in a `Markup` object on the way (~1 µs a value, the HTML bilan or evaluation
    of 2,000 actions writes some 125,000), a range's dash joined to what follows it.
    Anything but plain text goes to markupsafe as it is."""
    if value.__class__ is str and _escape_inner is not None:
        return joined_ranges(_escape_inner(value))
    return escape(value)


class _Template(jinja2.Template):
    """A compiled template whose `{{ … }}` are escaped by `_escape_text`.

    Jinja's compiled code calls its module's `escape` only on what it writes out, which it
    then joins into the document, or into `Markup` (a block, a macro); so a plain `str` there
    reads the same. Should a Jinja release stop calling it `escape`, nothing changes."""

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: CodeType,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        namespace = template.root_render_func.__globals__
        if namespace.get("escape") is escape:
            namespace["escape"] = _escape_text
        return template


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with `*` and `**` bounded so a template cannot exhaust memory."""

    intercepted_binops = frozenset({"*", "**"})
    template_class = _Template

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}
        self._plain: dict[Callable[..., Any], bool] = {}

    def call(
        __self,  # Jinja's names: no keyword argument of a call can clash with them
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Jinja's sandboxed call. For a plain function or method — the wording's `textes.…`,
        ~20,000 calls in the evaluation of 2,000 actions — Jinja's checks depend on the
        function alone (is it marked unsafe, does it ask for the context?): their answer is
        remembered, and the call costs ~1 µs instead of ~4."""
        kind = type(__obj)
        function = __obj.__func__ if kind is MethodType else __obj if kind is FunctionType else None
        if function is None:
            return super().call(__context, __obj, *args, **kwargs)
        plain = __self._plain.get(function)
        if plain is None:
            plain = __self._plain[function] = __self.is_safe_callable(__obj) and not hasattr(
                __obj, "jinja_pass_arg"
            )
        if not plain:
            return super().call(__context, __obj, *args, **kwargs)
        kwargs.pop("_loop_vars", None)  # what Jinja's Context.call keeps for the context only
        kwargs.pop("_block_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __context.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed `obj.attribute`. For an attribute already found safe on an
        object of this type (`is_safe_attribute`), Jinja's answer is known: the value, or a
        guarded `str.format` for a text, which goes Jinja's way. ~35,000 in the evaluation
        of 2,000 actions."""
        if self._safe.get((type(obj), attribute)) and not isinstance(obj, str):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's rule, remembered per type and name: it depends on nothing else (the name,
        and whether the object is a function, a frame, a generator…), and a bilan of 2,000
        actions asks it some 60,000 times."""
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

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


class _Compiled(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier run, kept in Jinja's per-user cache folder.

    The bilan's template compiles in ~0.15 s, a tenth of a 2,000-action report. Jinja
    recompiles a template whose source changed (it keeps the source's checksum); the key
    also holds what changes the compiled code here: escaping (HTML or not) and the sandbox's
    intercepted operators. A cache that cannot be read or written is simply not used.
    """

    def __init__(self, html: bool) -> None:
        super().__init__()
        self._settings = f"clsm|html={html}|ops={sorted(_Sandbox.intercepted_binops)}"

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self._settings}|{name}", filename)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - damaged or foreign: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):  # read-only or full disk: compile next time
            super().dump_bytecode(bucket)


def _compiled(html: bool) -> jinja2.BytecodeCache | None:
    """The cache of compiled templates; None where Jinja finds no safe folder for it."""
    try:
        return _Compiled(html)
    except (RuntimeError, OSError):
        return None


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


@functools.cache
def _markdown_renderer() -> Callable[[str], str]:
    """Markdown to HTML, its headings moved under the bilan's own (see `TITRES_TEXTE`).
    Built at the first text to render (markdown-it costs ~50 ms to import)."""
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


def sandbox(search: list[Path], *, html: bool) -> jinja2.Environment:
    """A sandboxed environment with clsm's filters: user folders first, then the shipped
    templates. HTML is autoescaped: text from the plan never becomes markup (its Markdown is
    rendered with raw HTML disabled)."""
    shipped = jinja2.FileSystemLoader(str(SHIPPED))
    users = [_Confined(str(folder)) for folder in search if folder.is_dir()]
    loader = jinja2.ChoiceLoader(
        [*users, jinja2.PrefixLoader({"default": shipped}, delimiter=":"), shipped]
    )
    env = _Sandbox(
        loader=loader,
        undefined=Undefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled(html),
    )

    def markdown(text: str | None) -> Markup | str:
        if not text:
            return ""
        return Markup(_markdown_renderer()(text)) if html else markdown_sous_titres(text)

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
    env.globals.update(secteurs=LIBELLES_SECTEURS, couleurs_statuts=tracking.STATUTS_TEXTE)
    return env
