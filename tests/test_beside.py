"""The evaluation's tracking table rendered in a second process (bilan/writers/beside.py):
the same document, byte for byte, whichever way it is rendered; a user's template, or a
copy that fails, renders it in one process; no process is left behind."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from clsm_cli.bilan.writers import beside
from clsm_cli.bilan.writers.jinja import render_document
from clsm_cli.evaluation import build_evaluation, plan_choisi
from clsm_cli.evaluation.command import rendu
from clsm_cli.validation.pipeline import validate_paths
from conftest import PLANS, Result

Cli = Callable[..., Result]
POITIERS = PLANS / "poitiers"

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="fork and two cores"
)


def _evaluation_rendue(root: Path, a_cote: str | None) -> str:
    validation = validate_paths([root])
    dossier = validation.dossiers[0]
    document = rendu(build_evaluation(dossier, *plan_choisi(dossier, None)))
    document = dataclasses.replace(document, a_cote=a_cote)
    return render_document(document, "evaluation.html.j2", [], html=True, images="svg")


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return forks


def test_the_table_rendered_beside_is_the_same_document(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _evaluation_rendue(POITIERS, None)
    forks = _forks(monkeypatch)
    together = _evaluation_rendue(POITIERS, "indicateurs")
    assert len(forks) == 1  # the copy that rendered the table
    assert together == alone
    assert "Le suivi des indicateurs" in together
    assert "\x00" not in together
    with pytest.raises(ChildProcessError):  # the copy was collected
        os.waitpid(forks[0], os.WNOHANG)


def test_a_copy_that_fails_renders_it_here(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _evaluation_rendue(POITIERS, None)
    monkeypatch.setattr(beside.Copy, "text", lambda self: None)
    forks = _forks(monkeypatch)
    assert _evaluation_rendue(POITIERS, "indicateurs") == alone
    assert len(forks) == 1


def test_a_user_template_is_rendered_in_one_process(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's template could share a `namespace()` between its blocks, which a copy would
    not give back: it is rendered here, whole."""
    root = tmp_path / "poitiers"
    import shutil

    shutil.copytree(POITIERS, root)
    (root / "templates").mkdir()
    (root / "templates" / "evaluation.html.j2").write_text(
        '{% extends "default:evaluation.html.j2" %}{% set ns = namespace(n=0) %}'
        "{% block indicateurs %}{% set ns.n = 7 %}{{ super() }}{% endblock %}"
        "{% block pied %}<p>compte : {{ ns.n }}</p>{% endblock %}",
        encoding="utf-8",
    )
    forks = _forks(monkeypatch)
    monkeypatch.setattr("clsm_cli.bilan.writers.charts.draw_beside_reading", lambda: None)
    result = cli("evaluation", root, "-o", tmp_path / "e.html")
    assert result.code == 0, result.err
    assert forks == []
    text = (tmp_path / "e.html").read_text(encoding="utf-8")
    assert "<p>compte : 7</p>" in text
    assert "Le suivi des indicateurs" in text


def _document_word(root: Path) -> dict[str, bytes]:
    import io
    import zipfile

    from clsm_cli.evaluation.word import document

    validation = validate_paths([root])
    dossier = validation.dossiers[0]
    evaluation = build_evaluation(dossier, *plan_choisi(dossier, None))
    with zipfile.ZipFile(io.BytesIO(document(evaluation, images=False, search=[]))) as docx:
        return {name: docx.read(name) for name in docx.namelist()}


def test_the_word_tracking_table_made_beside_is_the_same_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with monkeypatch.context() as alone:
        alone.setattr("clsm_cli.helpers.forkable", lambda: False)
        forks = _forks(alone)
        seul = _document_word(POITIERS)
        assert forks == []
    forks = _forks(monkeypatch)
    assert _document_word(POITIERS) == seul
    assert len(forks) == 1
    assert "Cumul 2019–2022".encode() in seul["word/document.xml"]
    with pytest.raises(ChildProcessError):  # the copy was collected
        os.waitpid(forks[0], os.WNOHANG)
    monkeypatch.setattr(beside.Copy, "text", lambda self: None)  # a copy that failed
    assert _document_word(POITIERS) == seul


def test_a_word_document_that_fails_leaves_no_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    from clsm_cli.evaluation import word

    def fails(self: object) -> None:
        raise RuntimeError("après le tableau de suivi")

    monkeypatch.setattr(word._Writer, "_actions", fails)
    forks = _forks(monkeypatch)
    with pytest.raises(RuntimeError):
        _document_word(POITIERS)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # ended and collected
        os.waitpid(forks[0], os.WNOHANG)


def test_without_a_fork_the_documents_are_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system that refuses a new process (too many already): the same documents."""
    html, word = _evaluation_rendue(POITIERS, None), _document_word(POITIERS)

    def refused() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert _evaluation_rendue(POITIERS, "indicateurs") == html
    assert _document_word(POITIERS) == word
