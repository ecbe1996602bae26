"""Large files read ahead in a second process (loader/ahead.py): the same values as read
here, and never stale ones."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from clsm_cli.loader import ahead, load_file, parse

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")

PLAN = "titre: Plan\nperiode: {debut: 2023, fin: 2027}\naxes:\n" + "".join(
    f"  - id: '{n}'\n    titre: Axe {n} — « santé » l’été\n    objectifs: []\n"
    for n in range(1, 400)
)


@pytest.fixture
def reader(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A reader for every file, whatever its size; stopped after the test."""
    monkeypatch.setattr(ahead, "LARGE", 1)
    yield
    ahead.stop()


@pytest.mark.usefixtures("reader")
def test_a_file_read_ahead_gives_the_values_read_here(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    ahead.start(["report", "2025", str(tmp_path)])
    assert str(plan.resolve()) in ahead._awaited  # the territory's file is read ahead
    raw = plan.read_bytes()
    values = ahead.values(plan, raw)
    assert values is not None
    assert values == parse(PLAN, "plan.yaml").data
    assert load_file(plan).data == values  # asked again: read here, the same
    assert ahead.values(plan, raw) is None  # taken once


@pytest.mark.usefixtures("reader")
def test_a_file_changed_after_it_was_read_ahead_is_read_again(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    ahead.start([str(plan)])
    changed = PLAN.replace("Axe 1 ", "Axe un ")
    plan.write_text(changed, encoding="utf-8")
    doc = load_file(plan)
    assert doc.data == parse(changed, "plan.yaml").data
    assert doc.data["axes"][0]["titre"].startswith("Axe un")


@pytest.mark.usefixtures("reader")
def test_small_files_and_other_arguments_fork_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ahead, "LARGE", 10 * len(PLAN))
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "out").mkdir()
    ahead.start(["validate", str(tmp_path), "--strict", "2025", str(tmp_path / "absent")])
    assert ahead._pipe is None
    assert ahead.values(tmp_path / "plan.yaml", b"") is None
