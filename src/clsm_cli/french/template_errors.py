"""Jinja's errors in French: what went wrong in a user's template, and the nearest name.

Jinja says its errors in English ("'Bilan object' has no attribute 'conclusio'",
"Unexpected end of template. Jinja was looking for…"). The bilan's templates
(bilan/writers/jinja.py) and the grid's computed columns (excel/grid_sheet.py) render in the
same sandbox (templating.py) and say their errors through `explain`, so that a mistake reads
the same in both. Messages are recognised by Jinja's fixed wording; one that is not known is
kept as Jinja wrote it, behind a French lead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.utils import missing

TOKENS = {
    "end of print statement": "}}",
    "begin of print statement": "{{",
    "end of statement block": "%}",
    "begin of statement block": "{%",
    "end of comment": "#}",
    "begin of comment": "{#",
    "end of template": "la fin du modèle",
    "template data / text": "du texte",
    "name": "un nom",
    "integer": "un nombre",
    "float": "un nombre",
    "string": "un texte entre guillemets",
    "operator": "un opérateur",
}
"""Jinja's names for its tokens, as a template's author writes or reads them."""


class UnknownName(jinja2.UndefinedError):
    """A name or attribute a template asked for and that does not exist; keeps the object it
    was asked of (`missing` for a top-level name) so that the nearest name can be offered."""

    def __init__(self, message: str, obj: Any, name: Any) -> None:
        super().__init__(message)
        self.obj = obj
        self.name = name


class Undefined(jinja2.StrictUndefined):
    """Jinja's strict undefined, whose error says what was asked of what (`UnknownName`).

    StrictUndefined binds its dunder methods to the base `_fail_with_undefined_error`, which
    raises `self._undefined_exception(message)`: that class is replaced by a maker of
    `UnknownName` for the plain case (a sandbox's refusal keeps its SecurityError)."""

    __slots__ = ()

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = missing,
        name: str | None = None,
        exc: type[jinja2.TemplateRuntimeError] = jinja2.UndefinedError,
    ) -> None:
        super().__init__(hint, obj, name, exc)
        if hint is None and exc is jinja2.UndefinedError:

            def unknown(message: str) -> UnknownName:
                return UnknownName(message, obj, name)

            self._undefined_exception = unknown  # type: ignore[assignment]


def _token(described: str) -> str:
    return f"« {TOKENS.get(described, described)} »"


def _block(found: re.Match[str]) -> str:
    """`le bloc « if »` and the tag that closes it, from Jinja's end-of-block message."""
    looking = re.findall(r"'(\w+)'", found["looking"] or "")
    closing = next((tag for tag in looking if tag.startswith("end")), None)
    inner = found["inner"]
    if inner is None:
        return ""
    end = f" : ajoutez {{% {closing} %}}" if closing else ""
    return f"le bloc « {inner} » ouvert plus haut n'est pas fermé{end}"


_END = re.compile(
    r"^Unexpected end of template\.(?: Jinja was looking for the following tags: "
    r"(?P<looking>.*?)\.)?(?: The innermost block that needs to be closed is '(?P<inner>\w+)'\.)?$"
)
_UNKNOWN_TAG = re.compile(
    r"^Encountered unknown tag '(?P<tag>\w+)'\.(?: (?:Jinja was looking for the following tags:|"
    r"You probably made a nesting mistake\. Jinja is expecting this tag, but currently looking"
    r" for) (?P<looking>.*?)\.)?(?: The innermost block that needs to be closed is"
    r" '(?P<inner>\w+)'\.)?$"
)
_EXPECTED = re.compile(r"^expected token '(?P<expected>.+?)', got '(?P<got>.+?)'$")
_EOF_EXPECTED = re.compile(r"^unexpected end of template, expected '(?P<expected>.+?)'\.$")
_EXPRESSION = re.compile(r"^Expected an expression, got '(?P<got>.+?)'$")
_UNEXPECTED = re.compile(r"^unexpected '(?P<got>.+?)'(?:, expected '(?P<expected>.+?)')?$")
_NO_FILTER = re.compile(r"^No (?P<kind>filter|test) named '(?P<name>[^']+)'(?: found)?\.$")
_UNSAFE = re.compile(
    r"^access to attribute '(?P<name>[^']+)' of '(?P<type>[^']+)' object is unsafe"
)


def _syntax(message: str, env: jinja2.Environment) -> tuple[str, str | None]:
    """French for a TemplateSyntaxError's (or TemplateAssertionError's) message."""
    if found := _END.match(message):
        return "fin du modèle inattendue" + (f" : {_block(found)}" if found["inner"] else ""), None
    if found := _UNKNOWN_TAG.match(message):
        tag = found["tag"]
        if found["inner"]:
            return f"balise « {tag} » inattendue : {_block(found)}", None
        close = _close(tag, _TAGS)
        return f"balise inconnue : « {tag} »", _did_you_mean(close)
    if found := _EOF_EXPECTED.match(message):
        return f"fin du modèle inattendue : {_token(found['expected'])} attendu", None
    if found := _EXPECTED.match(message):
        got, expected = _token(found["got"]), _token(found["expected"])
        return f"{got} inattendu, {expected} attendu", None
    if found := _UNEXPECTED.match(message):
        expected = f", {_token(found['expected'])} attendu" if found["expected"] else ""
        return f"{_token(found['got'])} inattendu{expected}", None
    if found := _EXPRESSION.match(message):
        return f"{_token(found['got'])} inattendu, une expression est attendue", None
    if message == "expected name or number":
        return "un nom ou un nombre est attendu après le point", None
    if message == "tag name expected":
        return "nom de balise attendu après « {% »", None
    if found := _NO_FILTER.match(message):
        known = env.filters if found["kind"] == "filter" else env.tests
        what = "filtre" if found["kind"] == "filter" else "test"
        return f"{what} inconnu : « {found['name']} »", _did_you_mean(_close(found["name"], known))
    if message.startswith("Missing end of comment tag"):
        return "commentaire non fermé", "un commentaire se termine par « #} »"
    if found := re.match(r"^block '(?P<name>\w+)' defined twice$", message):
        return f"le bloc « {found['name']} » est défini deux fois", None
    return f"syntaxe du modèle : {message}", None


_TAGS = frozenset(
    {
        *("if", "elif", "else", "endif", "for", "endfor", "block", "endblock", "extends"),
        *("include", "import", "from", "macro", "endmacro", "call", "endcall", "set"),
        *("endset", "filter", "endfilter", "with", "endwith", "raw", "endraw"),
    }
)
"""Jinja's tags, for the nearest one to an unknown tag."""


def _close(word: str, candidates: Iterable[Any]) -> list[str]:
    names = [str(c) for c in candidates if isinstance(c, str) and not c.startswith("_")]
    return difflib.get_close_matches(word, names, n=3, cutoff=0.75)


def _did_you_mean(close: list[str]) -> str | None:
    if not close:
        return None
    quoted = [f"« {word} »" for word in close]
    words = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]
    return f"vouliez-vous dire {words} ?"


def attributes(obj: Any) -> list[str]:
    """The names a template may ask of an object: a mapping's keys, else its public
    attributes (a model's fields and properties; not pydantic's own `model_…` methods)."""
    if isinstance(obj, Mapping):
        return [str(key) for key in obj]
    return [n for n in dir(obj) if not n.startswith(("_", "model_"))]


def _unknown(exc: UnknownName, names: Iterable[str]) -> tuple[str, str | None]:
    if exc.obj is missing:
        return f"nom inconnu : « {exc.name} »", _did_you_mean(_close(str(exc.name), names))
    owner = _kind(type(exc.obj).__name__)
    if not isinstance(exc.name, str):
        return f"{owner} n'a pas d'élément {exc.name!r}", None
    close = _close(exc.name, attributes(exc.obj)) or _one_level_down(exc.obj, exc.name)
    return f"{owner} n'a pas d'attribut « {exc.name} »", _did_you_mean(close)


def _names(env: jinja2.Environment) -> list[str]:
    """The templates the environment can load (`default:bilan.html.j2`…)."""
    try:
        return env.list_templates()
    except TypeError:  # a loader that cannot list its templates
        return []


def _fields(obj: Any) -> list[str]:
    """A dataclass's or a model's declared fields (read without computing anything)."""
    declared = getattr(obj, "__dataclass_fields__", None) or getattr(
        type(obj), "model_fields", None
    )
    return [str(name) for name in declared or ()]


def _one_level_down(obj: Any, name: str) -> list[str]:
    """`activite.conclusion` for `bilan.conclusio`: the nearest name in the records the
    object holds (dataclasses and models only, whose fields cost nothing to read)."""
    found: list[str] = []
    for attr in _fields(obj):
        value = getattr(obj, attr, None)
        if _fields(value):
            found += [f"{attr}.{sub}" for sub in _close(name, attributes(value))]
    return found[:3]


def explain(
    exc: BaseException, env: jinja2.Environment, names: Iterable[str] = ()
) -> tuple[str, str | None]:
    """(message, hint) in French for an error raised while compiling or rendering a template;
    `names` are the variables the template was given (for the nearest name)."""
    known = [*names, *env.globals]
    if isinstance(exc, jinja2.TemplateSyntaxError):  # and TemplateAssertionError
        return _syntax(exc.message or "", env)
    if isinstance(exc, jinja2.TemplatesNotFound):
        return f"modèle introuvable : {' ni '.join(map(str, exc.templates))}", None
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"modèle introuvable : {exc.name}", _did_you_mean(_close(str(exc.name), _names(env)))
    if isinstance(exc, UnknownName):
        return _unknown(exc, known)
    if isinstance(exc, SecurityError):
        return _security(str(exc))
    if isinstance(exc, jinja2.TemplateRuntimeError) and _NO_FILTER.match(str(exc)):
        return _syntax(str(exc), env)
    if isinstance(exc, OverflowError | RecursionError | MemoryError):
        return "opération interdite dans le modèle : calcul ou boucle trop grands", None
    if isinstance(exc, TypeError) and (found := _NOT_CALLABLE.match(str(exc))):
        return f"{_kind(found['type'])} n'est pas une fonction : retirez les parenthèses", None
    return f"erreur dans le modèle : {exc}", None


_KINDS = {
    "dict": "ce dictionnaire",
    "list": "cette liste",
    "tuple": "cette liste",
    "str": "ce texte",
    "Markup": "ce texte",
    "int": "ce nombre",
    "float": "ce nombre",
    "Decimal": "ce nombre",
    "bool": "ce oui-non",
    "NoneType": "cette valeur absente (non renseignée)",
    "date": "cette date",
}
"""Python's types as a template's author knows them; a model of clsm keeps its own name
(`un objet Bilan`, `un objet Action`)."""


def _kind(name: str) -> str:
    return _KINDS.get(name, f"un objet {name}")


_NOT_CALLABLE = re.compile(r"^'(?P<type>\w+)' object is not callable$")
SECURITY_HINT = "les modèles n'ont accès qu'aux données du bilan et aux filtres de clsm"


def _security(message: str) -> tuple[str, str | None]:
    if found := _UNSAFE.match(message):
        said = f"accès interdit à l'attribut « {found['name']} » d'un objet {found['type']}"
    elif message.endswith("is not safely callable"):
        said = "appel interdit : " + message.removesuffix(" is not safely callable")
    else:
        said = message
    return f"opération interdite dans le modèle : {said}", SECURITY_HINT
