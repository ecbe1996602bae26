"""Properties: no text and no bytes make the loader raise; positions stay in the file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clsm_cli.loader import decode, parse
from clsm_cli.models import Plan
from clsm_cli.problems import CATALOGUE
from clsm_cli.validation import validate

YAMLISH = st.text(
    alphabet=st.sampled_from([*"ab:-[]{}#&*!|>'\"%@`,?\t\n -.01eé~", "\x85", "\x00"]),
    max_size=200,
)


def _check(doc_text: str) -> None:
    doc = parse(doc_text, "f.yaml")
    lines = doc_text.count("\n") + doc_text.count("\r") + 2
    for problem in doc.problems:
        assert problem.code in CATALOGUE
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
