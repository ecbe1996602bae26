"""The DOCX evaluation's tracking table made by a forked copy (bilan/writers/beside.py):
the same document, byte for byte, whichever way it is made; a copy that fails, or no fork
to be had, makes it here; no process is left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clsm_cli.bilan.writers import beside
from clsm_cli.evaluation import build_evaluation, plan_choisi
from clsm_cli.validation.pipeline import validate_paths
from conftest import PLANS, visible

POITIERS = PLANS / "poitiers"

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="fork and two cores"
)


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
    assert "Cumul 2019–2022" in visible(seul["word/document.xml"].decode())
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


def test_without_a_fork_the_document_is_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system that refuses a new process (too many already): the same document."""
    word = _document_word(POITIERS)

    def refused() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert _document_word(POITIERS) == word
