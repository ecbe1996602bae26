"""How `clsm report` reads its words: the year before or after the paths, and a clear
refusal of a word that is neither."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Result

Cli = Callable[..., Result]


@pytest.mark.parametrize("order", ["year first", "year last"])
def test_report_takes_the_year_before_or_after_the_path(
    cli: Cli, tmp_path: Path, territory: Callable[..., Path], order: str
) -> None:
    root = territory()
    target = tmp_path / "bilan.md"
    words = ["2022", root] if order == "year first" else [root, "2022"]
    result = cli("report", *words, "-f", "md", "-o", target)
    assert result.code == 0, result.err
    assert "2022" in target.read_text(encoding="utf-8")


def test_report_with_the_year_after_the_path_from_the_territorys_parent(
    cli: Cli, tmp_path: Path, territory: Callable[..., Path]
) -> None:
    root = territory()
    result = cli("report", root.name, "2022", "-f", "md", cwd=root.parent)
    assert result.code == 0, result.err
    assert (root.parent / "out" / f"bilan-{root.name}-2022.md").is_file()


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (["22"], "« 22 » n'est ni une année (AAAA) ni un chemin existant"),
        (["absent", "2022"], "« absent » n'est ni une année (AAAA) ni un chemin existant"),
        (["2022", "2023"], "une seule année par bilan (reçu : 2022, 2023)"),
    ],
)
def test_report_refuses_a_word_neither_year_nor_path(
    cli: Cli, territory: Callable[..., Path], words: list[str], said: str
) -> None:
    root = territory()
    result = cli("report", *words, cwd=root)
    assert result.code == 2
    assert f"clsm : {said}" in result.err
    assert "Traceback" not in result.err
    assert not (root / "out").exists()
