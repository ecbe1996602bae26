"""A territory's files read ahead in a second process (loader/ahead.py): the same values as read
here, and never stale ones."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clsm_cli.loader import ahead, load_file, parse, read_positions
from conftest import MINIMAL, Result, at

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")

PLAN = "titre: Plan\nperiode: {debut: 2023, fin: 2027}\naxes:\n" + "".join(
    f"  - id: '{n}'\n    titre: Axe {n} — « santé » l’été\n    objectifs: []\n"
    for n in range(1, 400)
)


@pytest.fixture
def reader() -> Iterator[None]:
    """A reader stopped after the test."""
    yield
    ahead.stop()


@pytest.mark.usefixtures("reader")
def test_a_file_read_ahead_gives_the_values_read_here(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    (tmp_path / "clsm.yaml").write_text("nom: CLSM\n", encoding="utf-8")
    ahead.start(["2025", str(tmp_path)])  # `clsm report 2025 TERRITOIRE`'s arguments
    assert ("values", str(plan.resolve())) in ahead._awaited  # the territory's file is read ahead
    raw = plan.read_bytes()
    values = ahead.values(plan, raw)
    assert values is not None
    assert values == parse(PLAN, "plan.yaml").data
    debut = values["periode"]["debut"]  # a number keeps how it was written (fmt needs it)
    assert (type(debut).__name__, debut.raw) == ("YamlInt", "2023")
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
def test_arguments_naming_no_territory_file_fork_nothing(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "notes.txt").write_text("à lire\n", encoding="utf-8")
    ahead.start(["validate", str(tmp_path), "--strict", "2025", str(tmp_path / "absent")])
    assert ahead._pipe is None
    assert ahead.values(tmp_path / "plan.yaml", b"") is None


@pytest.mark.usefixtures("reader")
def test_at_most_so_many_files_are_read_ahead_the_largest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ahead, "_MOST", 2)
    for n, size in enumerate((1, 3, 2)):
        root = tmp_path / f"territoire-{n}"
        root.mkdir()
        (root / "clsm.yaml").write_text("nom: CLSM\n", encoding="utf-8")
        (root / "plan.yaml").write_text(PLAN * size, encoding="utf-8")
    ahead.start([str(tmp_path)])
    names = {Path(p).parent.name for _, p in ahead._awaited}
    assert names == {"territoire-1", "territoire-2"}
    plan = tmp_path / "territoire-0" / "plan.yaml"  # not read ahead: read here, the same
    assert load_file(plan).data == parse(PLAN, "plan.yaml").data


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
    names = {Path(p).relative_to(root.resolve()).as_posix() for _, p in ahead._awaited}
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


@pytest.mark.usefixtures("reader")
def test_the_positions_read_ahead_are_those_read_here(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    ahead.start([str(plan)])
    doc = load_file(plan)
    assert doc.source.read_ahead == plan
    located = doc.problem("valeur-invalide", "un problème", ("axes", 2, "titre"))
    assert (located.line, located.column) == (11, 12)  # the third axis's title
    assert (doc.source.values, doc.source.keys) == read_positions(PLAN)
    assert ahead.positions(plan) is None  # taken once


@pytest.mark.usefixtures("reader")
def test_large_files_are_read_ahead_alone_and_without_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The small files are read here meanwhile; the positions of a large one would cost the
    second core seconds."""
    monkeypatch.setattr(ahead, "LARGE", len(PLAN))
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    (tmp_path / "clsm.yaml").write_text("nom: CLSM\n", encoding="utf-8")
    ahead.start([str(tmp_path)])
    assert ahead._awaited == {("values", str(plan.resolve()))}
    assert ahead.values(plan, plan.read_bytes()) is not None
    assert ahead.positions(plan) is None  # not awaited: no wait


@pytest.mark.usefixtures("reader")
def test_no_positions_are_awaited_for_bytes_changed_since(tmp_path: Path) -> None:
    """They would be those of other bytes: waiting for them would be for nothing."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    (tmp_path / "clsm.yaml").write_text("nom: CLSM\n", encoding="utf-8")
    ahead.start([str(tmp_path)])
    changed = PLAN.replace("Axe 1 ", "Axe un ").encode()  # as read here after an edit
    assert ahead.values(plan, changed) is None
    assert ahead._awaited == {
        ("values", str((tmp_path / "clsm.yaml").resolve())),
        ("positions", str((tmp_path / "clsm.yaml").resolve())),
    }
    assert ahead.positions(plan) is None


def test_the_clsm_process_says_what_clsm_says_in_process(
    territory: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    """The `clsm` process reads ahead; `main` in-process does not: the same problems, at the
    same places (a model error, a glued comment, a syntax error, a changed key)."""
    plan = MINIMAL["plan.yaml"].replace("titre: Sensibiliser", "titre: Sensibiliser #1")
    plan += "inconnue: 1\n"
    year = MINIMAL["activite/2022.yaml"].replace("participants: 10", "participant: 10")
    folder = territory(
        plan_yaml=plan,
        activite__2022_yaml=year,
        activite__2023_yaml="annee: 2023\nrealisations: [\n",
    )
    here = cli("validate", folder, "--format", "json")
    done = subprocess.run(
        [sys.executable, "-m", "clsm_cli", "validate", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (here.code, here.out)
    codes = {(p["code"], p["line"]) for p in here.json()["problems"]}
    assert {
        ("cle-inconnue", at(plan, "inconnue")[0]),
        ("cle-inconnue", at(year, "participant:")[0]),
        ("commentaire-dans-valeur", at(plan, "#1")[0]),
    } <= codes
    assert any(code == "yaml-syntaxe" for code, _ in codes)
