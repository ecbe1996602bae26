"""clsm's sandbox writes and calls exactly as Jinja's own does, only quicker.

The sandbox (french/templating.py) escapes plain text without markupsafe's `Markup` wrapper
on the way, and remembers Jinja's verdict on a plain function or method: the text a template
produces must not change by a character, whatever the value and wherever it is written (a
block, a macro, a `set`, a filter, a call, a loop), and what Jinja refuses to call stays
refused.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from clsm_cli.french import templating

VALUES: list[object] = [
    "",
    "texte simple",
    'l\'année « 2024 » & <b>gras</b> "cité"',
    "".join(chr(c) for c in range(32, 127)),
    "é à ç œ – — … ’ \u00a0 \U0001f600",
    Markup("<em>déjà sûr</em> &amp;"),
    12,
    3.5,
    None,
    True,
    ["a<b", "c&d"],
]

SOURCE = """\
{% macro cellule(x) %}<td>{{ x }}</td>{% endmacro %}
{% macro enveloppe() %}<div>{{ caller() }}</div>{% endmacro %}
{% set bloc %}<p>{{ v }}</p>{% endset %}
{% block corps %}
[{{ v }}] {{ cellule(v) }} {{ bloc }}
{% filter upper %}{{ v }}{% endfilter %}
{% call enveloppe() %}{{ v }}{% endcall %}
{% for c in [v, v] %}<i>{{ c }}</i>{% endfor %}
{% autoescape false %}{{ v }}{% endautoescape %}
{{ v ~ "<&>" }} {{ v | string }} {{ v | e }}
{% endblock %}
"""


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_escaped_text_is_the_same_as_jinja_s(tmp_path: Path, value: object) -> None:
    (tmp_path / "essai.html.j2").write_text(SOURCE, encoding="utf-8")
    ours = templating.sandbox([tmp_path], html=True).get_template("essai.html.j2")
    reference = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(tmp_path)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    ).get_template("essai.html.j2")
    assert ours.render(v=value) == reference.render(v=value)


def test_a_template_read_from_the_compiled_cache_escapes_the_same(tmp_path: Path) -> None:
    (tmp_path / "essai.html.j2").write_text("{{ v }}|{{ m }}", encoding="utf-8")
    values = {"v": "<a href='x'>&</a>", "m": Markup("<br>")}
    first = templating.sandbox([tmp_path], html=True).get_template("essai.html.j2")
    again = templating.sandbox([tmp_path], html=True).get_template("essai.html.j2")
    expected = "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;|<br>"
    assert first.render(**values) == again.render(**values) == expected


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_the_quick_escape_says_what_markupsafe_says(value: object) -> None:
    assert str(templating._escape_text(value)) == str(escape(value))


class Objet:
    """What a template may be handed: plain methods, and methods Jinja must refuse."""

    def texte(self, valeur: object, *, suffixe: str = "") -> str:
        return f"<{valeur}>{suffixe}"

    def efface(self) -> str:
        return "effacé"

    efface.alters_data = True  # type: ignore[attr-defined]

    def dangereux(self) -> str:
        return "exécuté"

    dangereux.unsafe_callable = True  # type: ignore[attr-defined]

    def epuise(self) -> str:
        raise StopIteration


@jinja2.pass_context
def contexte(context: jinja2.runtime.Context) -> str:
    return str(context["nom"])


def render(tmp_path: Path, source: str, **values: object) -> str:
    (tmp_path / "appel.html.j2").write_text(source, encoding="utf-8")
    env = templating.sandbox([tmp_path], html=True)
    return env.get_template("appel.html.j2").render(**values)


def test_a_method_is_called_with_its_arguments_in_loops_and_blocks(tmp_path: Path) -> None:
    source = (
        "{% for i in [1, 2] %}{{ o.texte(i, suffixe='!') }}{% endfor %}"
        "{% set b %}{{ o.texte('b') }}{% endset %}{{ b }}"
        "{% macro m(x) %}{{ o.texte(x) }}{% endmacro %}{{ m(3) }}{{ f() }}"
    )
    expected = "&lt;1&gt;!&lt;2&gt;!&lt;b&gt;&lt;3&gt;Anne"
    assert render(tmp_path, source, o=Objet(), f=contexte, nom="Anne") == expected


@pytest.mark.parametrize("method", ["efface", "dangereux"])
def test_what_jinja_refuses_to_call_stays_refused(tmp_path: Path, method: str) -> None:
    source = f"{{{{ o.texte(1) }}}}{{% for i in [1, 2] %}}{{{{ o.{method}() }}}}{{% endfor %}}"
    for _ in range(2):  # the verdict remembered is the same verdict
        with pytest.raises(SecurityError):
            render(tmp_path, source, o=Objet())


def test_a_call_that_raises_stop_iteration_is_undefined(tmp_path: Path) -> None:
    with pytest.raises(UndefinedError):
        render(tmp_path, "{{ o.epuise() }}", o=Objet())


ATTRIBUTES = (
    "{% for i in [1, 2] %}{{ o.valeur }}|{{ d.cle }}|{{ t.upper() }}|{{ o.texte(i) }}|{% endfor %}"
)
"""Attributes read twice (the second time from what the sandbox remembers): an object's,
a dict's key, a text's method, a method called."""


def test_attributes_read_as_jinja_reads_them(tmp_path: Path) -> None:
    o, d, t = Objet(), {"cle": "<v>"}, "<texte>"
    o.valeur = "<a&b>"  # type: ignore[attr-defined]
    (tmp_path / "attributs.html.j2").write_text(ATTRIBUTES, encoding="utf-8")
    jinja = SandboxedEnvironment(loader=jinja2.FileSystemLoader(tmp_path), autoescape=True)
    expected = jinja.get_template("attributs.html.j2").render(o=o, d=d, t=t)
    assert expected.startswith("&lt;a&amp;b&gt;|&lt;v&gt;|&lt;TEXTE&gt;|&lt;1&gt;|")
    assert render(tmp_path, ATTRIBUTES, o=o, d=d, t=t) == expected


@pytest.mark.parametrize(
    "source",
    [
        "{{ o.texte }}{{ o.texte.__func__ }}",
        "{{ o.efface }}{{ o.__class__ }}",
        "{{ t.upper }}{{ t.format(o) }}",
    ],
    ids=["fonction", "classe", "str-format"],
)
def test_what_jinja_refuses_to_read_stays_refused(tmp_path: Path, source: str) -> None:
    """A public attribute read first, then a private one, or `str.format` reaching one."""
    for _ in range(2):  # the second time, from what the sandbox remembers
        with pytest.raises(SecurityError):
            render(tmp_path, source * 2, o=Objet(), t="{0.__class__}")
