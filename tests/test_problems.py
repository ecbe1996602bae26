"""The catalogue of problem codes: every code is tested, unknown codes are refused.

That every code is documented is checked with the guide's page that lists them
(tests/test_docs.py, `test_every_problem_code_is_documented`).
"""

from __future__ import annotations

import pytest

from clsm_cli.problems import CATALOGUE, Problem, Report
from conftest import REPO


def test_an_unknown_code_cannot_be_raised() -> None:
    with pytest.raises(ValueError, match="unknown problem code"):
        Problem("pas-un-code", "message", "f.yaml")


def test_report_sorts_and_deduplicates() -> None:
    a = Problem("yaml-syntaxe", "m", "b.yaml", 3, 1)
    b = Problem("cle-inconnue", "m", "a.yaml", 9, 2)
    report = Report(problems=[a, b, a])
    assert report.flatten("file", "line", "code") == [
        ("a.yaml", 9, "cle-inconnue"),
        ("b.yaml", 3, "yaml-syntaxe"),
    ]
    assert report.valid() is False


def test_every_code_is_exercised_by_a_test() -> None:
    tests = "".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("*.py"))
    untested = [code for code in CATALOGUE if f'"{code}"' not in tests]
    assert untested == []
