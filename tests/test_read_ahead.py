"""Large files read ahead in a second process (loader/ahead.py): the same values as read
here, and never stale ones."""

from __future__ import annotations

import os
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
    (tmp_path / "clsm.yaml").write_text("nom: CLSM\n", encoding="utf-8")
    ahead.start(["2025", str(tmp_path)])  # `clsm report 2025 TERRITOIRE`'s arguments
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


@pytest.mark.usefixtures("reader")
def test_only_the_territorys_own_files_are_read_ahead(tmp_path: Path) -> None:
    """An archive folder beside a territory's files is not read by the command: not read
    ahead either (the parent would have waited for it)."""
    root = tmp_path / "territoire"
    (root / "activite").mkdir(parents=True)
    (root / "archives").mkdir()
    (root / "clsm.yaml").write_text("nom: CLSM\n", encoding="utf-8")
    for name in ("plan.yaml", "activite/2025.yaml", "archives/plan-2015.yaml"):
        (root / name).write_text(PLAN, encoding="utf-8")
    ahead.start([str(tmp_path)])  # a folder of territories
    names = {Path(p).relative_to(root.resolve()).as_posix() for p in ahead._awaited}
    assert names == {"clsm.yaml", "plan.yaml", "activite/2025.yaml"}


@pytest.mark.usefixtures("reader")
def test_a_reader_the_command_did_not_wait_for_is_ended(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN * 3, encoding="utf-8")
    ahead.start([str(plan)])
    pid = ahead._reader
    assert pid
    ahead.stop()  # what the clsm process does before leaving
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # ended and collected: no orphan keeps stdout open
