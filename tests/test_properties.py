"""Properties: no text and no bytes make the loader raise; positions stay in the file."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clsm_cli.loader import decode, parse
from clsm_cli.models import Plan
from clsm_cli.problems import CATALOGUE
from clsm_cli.validation.documents import validate

YAMLISH = st.text(
    alphabet=st.sampled_from([*"ab:-[]{}#&*!|>'\"%@`,?\t\n -.01eé~", "\x85", "\x00"]),
    max_size=200,
)


ENGLISH = re.compile(r"\b(?:found|expected|while|allowed|character|scanning|parsing|token)\b")
"""Words of libyaml's and PyYAML's messages, which must never reach a coordinator."""


def _check(doc_text: str) -> None:
    doc = parse(doc_text, "f.yaml")
    lines = doc_text.count("\n") + doc_text.count("\r") + 2
    for problem in doc.problems:
        assert problem.code in CATALOGUE
        assert not ENGLISH.search(f"{problem.message} {problem.hint or ''}"), problem
        assert problem.line is None or 1 <= problem.line <= lines
    _, problems = validate(doc, Plan)
    for problem in problems:
        assert problem.code in CATALOGUE


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_yaml_like_text_gives_only_located_problems(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_only_located_problems(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_give_a_problem(raw: bytes) -> None:
    text, problems = decode(raw, "f.yaml")
    assert (text is None) == any(p.is_error for p in problems)
    if text is not None:
        _check(text)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(["titre", "periode", "axes", "objectif_global", "autre"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=5),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=4), inner, max_size=3)
            ),
            max_leaves=10,
        ),
        max_size=5,
    )
)
def test_any_structure_gives_only_located_model_problems(
    tmp_path: Path, data: dict[str, object]
) -> None:
    import json

    doc = parse(json.dumps(data, ensure_ascii=False), "plan.yaml")
    plan, problems = validate(doc, Plan)
    problems += doc.problems
    assert plan is not None or problems
    for problem in problems:
        assert problem.code in CATALOGUE
        assert problem.line is not None


TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=["Cs", "Cc", "Zl", "Zp"], blacklist_characters="\x85"
    ),
    min_size=1,
    max_size=140,
).filter(lambda t: t.strip() == t and t.strip())
MULTILINE = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, object]:
    actions = [
        {
            "id": f"1.1.{n}",
            "titre": draw(TEXT),
            "description": draw(st.one_of(TEXT, MULTILINE)),
            "prerequis": draw(st.lists(TEXT, max_size=3)),
            "statut": draw(st.sampled_from(["prevue", "en-cours", "realisee"])),
            "partenaires": draw(st.lists(IDS, max_size=2)),
        }
        for n in range(1, draw(st.integers(1, 3)) + 1)
    ]
    for action in actions:
        items = list(action.items())
        order = draw(st.permutations(items))
        action.clear()
        action.update(order)
    return {
        "periode": {"fin": 2027, "debut": 2023},
        "titre": draw(TEXT),
        "axes": [{"objectifs": [{"id": "1.1", "actions": actions}], "id": "1"}],
    }


@settings(max_examples=60, deadline=None)
@given(plans())
def test_fmt_is_idempotent_and_keeps_the_meaning(plan: dict[str, object]) -> None:
    from clsm_cli.writing.fmt import format_text
    from clsm_cli.writing.yaml_text import dumps

    text = "# un commentaire en tête\n" + dumps(plan)
    first = format_text(text, "plan")
    assert first.texte is not None, first.raison
    assert parse(first.texte, "f").data == parse(text, "f").data
    assert "# un commentaire en tête" in first.texte
    second = format_text(first.texte, "plan")
    assert second.texte == first.texte


@st.composite
def commented_activities(draw: st.DrawFn) -> str:
    """An activity file with ordinary comments (`# cN`) at every kind of position.

    After flow mappings and lists (as list items, as values, one inside the other),
    after list items and after a lone dash, after keys whose value is a block, on their
    own line before items and at the end of blocks, at the head and at the end of the file.
    """
    count = iter(range(1, 1000))

    def eol() -> str:
        if not draw(st.booleans()):
            return ""
        return " " * draw(st.integers(1, 3)) + f"# c{next(count)}"

    def own_line(indent: int) -> list[str]:
        if not draw(st.booleans()):
            return []
        blank = [""] if draw(st.integers(0, 4)) == 0 else []
        return [*blank, " " * indent + f"# c{next(count)}"]

    def session(indent: int, n: int) -> list[str]:
        pad = " " * indent
        if draw(st.booleans()):
            return [f"{pad}- {{date: 2022-05-0{n}, participants: {n}}}{eol()}"]
        return [f"{pad}- date: 2022-05-0{n}{eol()}", f"{pad}  participants: {n}{eol()}"]

    def activity(n: int) -> list[str]:
        form = draw(st.sampled_from(["flux", "bloc", "tiret-seul"]))
        if form == "flux":
            return [
                f"  - {{action: 1.1.{n}, type: evenement, titre: SISM, date: 2022-10-0{n},"
                f" participants: {n}}}{eol()}"
            ]
        lines = (
            [f"  -{eol() or '  # c' + str(next(count))}", f"    action: 1.1.{n}{eol()}"]
            if form == "tiret-seul"
            else [f"  - action: 1.1.{n}{eol()}"]
        )
        lines += own_line(draw(st.sampled_from([0, 4, 6])))
        lines.append(f"    titre: Titre {n}{eol()}")
        if draw(st.booleans()):
            lines += ["    description: |", "      Séance", "      # pas un commentaire"]
        if draw(st.booleans()):
            lines.append(f"    lieu: {{ville: Poitiers, salle: B}}{eol()}")
        if draw(st.booleans()):
            lines.append(f"    cibles: [{{valeur: 60}}, {{valeur: 80}}]{eol()}")
        partners = draw(st.sampled_from(["flux", "vide", "bloc"]))
        if partners == "flux":
            lines.append(f"    partenaires: [ville, ch]{eol()}")
        elif partners == "vide":
            lines.append(f"    partenaires: []{eol()}")
        else:
            lines += [f"    partenaires:{eol()}", f"      - ville{eol()}", f"      - ch{eol()}"]
        if draw(st.booleans()):
            lines.append(f"    seances:{eol()}")
            lines += own_line(6)
            for k in range(1, draw(st.integers(1, 2)) + 1):
                lines += session(6, k)
            lines += own_line(6)
        return lines + own_line(4)

    lines = [*own_line(0), f"annee: 2022{eol()}", f"realisations:{eol()}"]
    for n in range(1, draw(st.integers(1, 3)) + 1):
        lines += own_line(2) + activity(n)
    lines += own_line(2)
    if draw(st.booleans()):
        lines.append(f"reunions: []{eol()}")
    else:
        lines += ["reunions:", f"  - {{instance: copil, date: 2022-04}}{eol()}"]
    return "\n".join(lines + own_line(0)) + "\n"


def _comment_words(text: str) -> list[str]:
    return sorted(re.findall(r"# c[0-9]+\b", text))


@settings(max_examples=150, deadline=None)
@given(commented_activities())
@example(
    "annee: 2026\nrealisations:\n  - {action: 1.1.1, type: evenement, titre: SISM,"
    " date: 2026-10-06, participants: 140}  # c1\n"
)
@example("annee: 2022\nrealisations:\n  -  # c1\n    action: 1.1.1  # c2\n    titre: T\n")
@example("annee: 2022\nrealisations: []  # c1\nreunions: [\n  {instance: copil}]  # c2\n")
def test_fmt_keeps_comments_at_every_position_and_is_idempotent(text: str) -> None:
    from clsm_cli.writing.fmt import format_text

    first = format_text(text, "activite")
    assert first.texte is not None, first.raison
    assert parse(first.texte, "f").data == parse(text, "f").data
    assert _comment_words(first.texte) == _comment_words(text)
    assert max(map(len, first.texte.splitlines())) <= 100
    second = format_text(first.texte, "activite")
    assert second.texte == first.texte, second.raison


def _guarded(text: str) -> tuple[object, list[str]]:
    from clsm_cli.loader import Document, guarded

    doc = Document(file="f.yaml")
    builder = guarded.Builder(doc)
    builder.run(text)
    return builder.root, [p.code for p in doc.problems]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_the_quick_reader_agrees_with_the_guarded_builder(text: str) -> None:
    """Whenever the quick reader takes a text, the guarded builder reads it the same way."""
    from clsm_cli.loader.quick import read_quickly

    quick, root = read_quickly(text)
    if quick:
        guarded_root, problems = _guarded(text)
        assert problems == []
        assert root == guarded_root or (root != root and guarded_root != guarded_root)


YAML_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(YAML_DATA, st.booleans())
@example({"\x00": None}, False)  # a NUL key was once mistaken for the duplicate-key marker
def test_documents_written_by_pyyaml_read_quickly_and_alike(data: object, flow: bool) -> None:
    import yaml

    text = yaml.safe_dump({"racine": data}, allow_unicode=True, default_flow_style=flow)
    from clsm_cli.loader.quick import read_quickly

    quick, root = read_quickly(text)
    guarded_root, problems = _guarded(text)
    assert quick == (problems == [])
    if quick:
        assert root == guarded_root
