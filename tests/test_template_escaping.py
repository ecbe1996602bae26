"""clsm's templates escape what they write out exactly as Jinja's own autoescaping does.

The sandbox (french/templating.py) escapes plain text without markupsafe's `Markup` wrapper
on the way; the text a template produces must not change by a character, whatever the
value and wherever it is written (a block, a macro, a `set`, a filter, a call, a loop).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from clsm_cli.french import templating

VALUES: list[object] = [
    "",
    "texte simple",
    "l'année « 2024 » & <b>gras</b> \"cité\"",
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
