"""The first line that ties a file clsm writes to its JSON Schema (yaml-language-server):
it names the nearest `schemas/` above the file that holds the schema — the territory's own
(`clsm init`) or the repository's (`clsm schema`) — and is left out when there is none,
instead of linking editors to a file that does not exist."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import Result

Cli = Callable[..., Result]
LINE = "# yaml-language-server: $schema="


def _schema_of(path: Path) -> Path | None:
    """The schema a file's first line links to, resolved from the file's folder."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if not first.startswith(LINE):
        return None
    return (path.parent / first.removeprefix(LINE)).resolve()


def _repository(cli: Cli, tmp_path: Path) -> tuple[Path, Path]:
    """A repository with `schemas/` at its root and a territory under plans/, without the
    territory's own schemas/ (as the README lays a repository out)."""
    repo = tmp_path / "depot"
    root = repo / "plans" / "redon"
    assert cli("init", root, "--territoire", "Pays de Redon", "--periode", "2023-2026").code == 0
    for schema in (root / "schemas").iterdir():
        schema.unlink()
    (root / "schemas").rmdir()
    assert cli("schema", "-o", repo / "schemas").code == 0
    return repo, root


def test_a_new_year_links_the_repository_schemas(cli: Cli, tmp_path: Path) -> None:
    repo, root = _repository(cli, tmp_path)
    assert cli("nouvelle-annee", "2024", root).code == 0
    year = root / "activite" / "2024.yaml"
    assert year.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../schemas/activite.schema.json\n"
    )
    assert _schema_of(year) == (repo / "schemas" / "activite.schema.json").resolve()
    assert cli("fmt", "--check", root).code == 0


def test_without_any_schemas_nothing_links_to_nothing(cli: Cli, tmp_path: Path) -> None:
    _, root = _repository(cli, tmp_path)
    for schema in (tmp_path / "depot" / "schemas").iterdir():
        schema.unlink()
    assert cli("nouvelle-annee", "2025", root).code == 0
    assert _schema_of(root / "activite" / "2025.yaml") is None
    assert cli("export", root, "-o", tmp_path / "grille.xlsx").code == 0
    fresh = tmp_path / "ailleurs" / "redon"
    result = cli("import", tmp_path / "grille.xlsx", "-o", fresh, cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    for name in ("clsm.yaml", "partenaires.yaml", "plan-2023-2026.yaml"):
        text = (fresh / name).read_text(encoding="utf-8")
        assert "yaml-language-server" not in text, name
    assert cli("validate", fresh).code == 0


def test_an_imported_grid_links_the_schemas_it_finds(cli: Cli, tmp_path: Path) -> None:
    repo, root = _repository(cli, tmp_path)
    assert cli("export", root, "-o", tmp_path / "grille.xlsx").code == 0
    # typed from the territory's future folder, not from the repository's root
    fresh = repo / "plans" / "pontchateau"
    fresh.mkdir()
    result = cli("import", tmp_path / "grille.xlsx", "-o", ".", cwd=fresh)
    assert result.code == 0, result.out + result.err
    for name, kind in (
        ("clsm.yaml", "territoire"),
        ("partenaires.yaml", "partenaires"),
        ("plan-2023-2026.yaml", "plan"),
    ):
        linked = _schema_of(fresh / name)
        assert linked == (repo / "schemas" / f"{kind}.schema.json").resolve(), name
        assert linked.is_file()
