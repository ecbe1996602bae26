"""`clsm fmt`, `clsm diff` and `clsm init`, against real git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from clsm_cli.writing.fmt import format_text
from conftest import PLANS, REPO, Result, at

Cli = Callable[..., Result]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, territory: Callable[..., Path]) -> Path:
    root = tmp_path / "depot"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.email", "coordination@example.org")
    git(root, "config", "user.name", "Coordination")
    git(root, "config", "commit.gpgsign", "false")
    shutil.copytree(territory(), root / "plans" / "test")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "plan initial")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- fmt


COMMENTED = """\
# yaml-language-server: $schema=../../schemas/partenaires.schema.json
# L'annuaire du CLSM : tenu par la coordination.

partenaires:
  # Les fondateurs d'abord.
  - secteur: collectivite   # la ville
    nom: Ville de Test
    id: ville

  - id: unafam
    nom: "UNAFAM"
    secteur: habitants-usagers-citoyens
    representant_usagers: true
"""


def test_fmt_orders_keys_and_keeps_every_comment(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "t"
    shutil.copytree(PLANS / "cctc", root)
    (root / "partenaires.yaml").write_text(COMMENTED, encoding="utf-8")
    result = cli("fmt", root)
    assert result.code == 0
    text = (root / "partenaires.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:6] == [
        "# yaml-language-server: $schema=../../schemas/partenaires.schema.json",
        "# L'annuaire du CLSM : tenu par la coordination.",
        "",
        "partenaires:",
        "  # Les fondateurs d'abord.",
        "  - id: ville",
    ]
    assert (
        "secteur: collectivite # la ville" in text or "secteur: collectivite   # la ville" in text
    )
    assert "  - id: unafam\n    nom: UNAFAM\n" in text
    assert cli("fmt", "--check", root).code == 0


def test_fmt_leaves_formatted_files_untouched_byte_for_byte(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "t"
    shutil.copytree(PLANS / "poitiers", root)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*.yaml")}
    result = cli("fmt", root)
    assert result.code == 0
    assert "0 reformaté," in result.out
    for path, (data, mtime) in before.items():
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == mtime


def test_fmt_check_changes_nothing_and_exits_1(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    before = (root / "clsm.yaml").read_bytes()
    result = cli("fmt", "--check", root)
    assert result.code == 1
    assert "à reformater" in result.out
    assert (root / "clsm.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("nom: T\r\nterritoire: T\nmission: x\r\n", "fins de ligne mélangées"),
        ("nom: [T\n", "lancez d'abord clsm validate"),
    ],
)
def test_fmt_refuses_what_it_cannot_keep(text: str, reason: str) -> None:
    result = format_text(text, "territoire")
    assert result.texte is None
    assert result.raison is not None
    assert reason in result.raison


def test_fmt_keeps_crlf_files_in_crlf() -> None:
    result = format_text("territoire: T\r\nnom: T\r\n", "territoire")
    assert result.texte == "nom: T\r\nterritoire: T\r\n"


def test_fmt_never_changes_a_number_or_a_quoted_id() -> None:
    text = "nom: T\nterritoire: T\ncoordination:\n  structure_porteuse: '08'\n  etp: 0.60\n"
    result = format_text(text, "territoire")
    assert result.texte is not None
    assert "structure_porteuse: '08'" in result.texte
    assert "etp: 0.60" in result.texte


# ---------------------------------------------------------------- diff


def test_diff_head_in_the_plans_own_terms(cli: Cli, repo: Path) -> None:
    territory = repo / "plans" / "test"
    edit(territory / "plan.yaml", "cibles: [{valeur: 60}]", "cibles: [{valeur: 70}]")
    edit(territory / "plan.yaml", "unite: nombre", "unite: heures")
    edit(
        territory / "partenaires.yaml",
        "  - id: ch\n",
        "  - id: mda\n    nom: Maison des ados\n    secteur: sante\n  - id: ch\n",
    )
    result = cli("diff", "HEAD", cwd=repo)
    assert result.code == 0
    assert result.out.splitlines() == [
        "test/partenaires.yaml",
        "  • partenaire ajouté : Maison des ados (mda)",
        "test/plan.yaml",
        "  • cible de 1.1.1-a relevée de 60 % à 70 %".replace(" %", "\u202f%"),
        "  • indicateur 1.1.1-b : l'unité passe de « nombre » à « heures »",
    ]


def test_diff_between_commits_sees_renumbered_and_moved_actions(cli: Cli, repo: Path) -> None:
    plan = repo / "plans" / "test" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("id: 1.1.1\n", "id: 1.2.1\n").replace(
        '      - id: "1.1"\n        titre: Sensibiliser\n        actions:',
        '      - id: "1.1"\n        titre: Sensibiliser\n'
        '      - id: "1.2"\n        titre: Former\n        actions:',
    )
    plan.write_text(text, encoding="utf-8")
    activity = repo / "plans" / "test" / "activite" / "2022.yaml"
    edit(activity, "action: 1.1.1", "action: 1.2.1")
    assert cli("validate", repo / "plans").code == 0
    git(repo, "commit", "-qam", "renumérotation")
    result = cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    changes = json.loads(result.out)
    kinds = {(c["nature"], c["message"]) for c in changes}
    assert ("ajout", "objectif 1.2 ajouté : Former") in kinds
    assert ("renumerotation", "action 1.1.1 renumérotée 1.2.1 : Former les acteurs") in kinds
    assert ("deplacement", "action 1.2.1 déplacée de l'objectif 1.1 à l'objectif 1.2") in kinds


def test_diff_markdown_and_word_diff_for_long_text(cli: Cli, repo: Path) -> None:
    territory = repo / "plans" / "test"
    long_before = (
        "Ateliers de sensibilisation pour les professionnels du territoire,"
        " animés par le CH et l'UNAFAM, deux fois par an."
    )
    edit(
        territory / "plan.yaml",
        "titre: Former les acteurs\n",
        f"titre: Former les acteurs\n            description: {long_before}\n",
    )
    git(repo, "commit", "-qam", "description")
    edit(territory / "plan.yaml", "deux fois par an", "trois fois par an")
    text = cli("diff", "HEAD", cwd=repo).out
    assert "action 1.1.1 : la description modifiée" in text
    assert "[-deux-] {+trois+} fois par an." in text
    md = cli("diff", "HEAD", "-f", "md", cwd=repo).out
    assert md.startswith("**1 changement**\n\n### test/plan.yaml\n")
    assert "~~deux~~ **trois** fois par an." in md


def test_diff_records_new_values_and_activity(cli: Cli, repo: Path) -> None:
    activity = repo / "plans" / "test" / "activite" / "2022.yaml"
    edit(activity, "numerateur: 35", "numerateur: 38")
    text = cli("diff", "HEAD", cwd=repo).out
    assert "valeur de 1.1.1-a pour 2022 : 83,3\u202f% (35 / 42) → 90,5\u202f% (38 / 42)" in text


def test_diff_two_folders_and_two_files(
    cli: Cli, tmp_path: Path, territory: Callable[..., Path]
) -> None:
    old = territory()
    new = tmp_path / "nouveau"
    shutil.copytree(old, new)
    edit(new / "plan.yaml", "titre: Former les acteurs", "titre: Former tous les acteurs")
    assert (
        "l'intitulé passe de « Former les acteurs » à « Former tous les acteurs »"
        in cli("diff", old, new).out
    )
    assert "l'intitulé passe de" in cli("diff", old / "plan.yaml", new / "plan.yaml").out
    assert cli("diff", old, new, "--exit-code").code == 1
    assert cli("diff", old, old, "--exit-code").code == 0
    assert cli("diff", old, old).out == "Aucun changement dans les fichiers du plan.\n"


def test_diff_unknown_revision_is_a_clear_error(cli: Cli, repo: Path) -> None:
    result = cli("diff", "v9999", cwd=repo)
    assert result.code == 2
    assert "« v9999 » n'est ni un chemin ni une révision git" in result.err


def test_diff_as_git_difftool(repo: Path) -> None:
    territory = repo / "plans" / "test"
    edit(territory / "plan.yaml", "titre: Former les acteurs", "titre: Former les élus")
    git(repo, "config", "difftool.clsm.cmd", 'clsm diff "$LOCAL" "$REMOTE"')
    out = git(repo, "difftool", "--no-prompt", "--tool=clsm", "--", "plans/test/plan.yaml")
    assert "l'intitulé passe de « Former les acteurs » à « Former les élus »" in out


def test_diff_two_activity_files_reads_them_as_activities(
    cli: Cli, tmp_path: Path, territory: Callable[..., Path]
) -> None:
    old = territory()
    new = tmp_path / "nouveau"
    shutil.copytree(old, new)
    edit(new / "activite" / "2022.yaml", "numerateur: 35", "numerateur: 38")
    result = cli("diff", old / "activite" / "2022.yaml", new / "activite" / "2022.yaml")
    assert result.code == 0, result.err
    assert (
        "valeur de 1.1.1-a pour 2022 : 83,3\u202f% (35 / 42) → 90,5\u202f% (38 / 42)" in result.out
    )
    # copies with names that say nothing, outside a territory: the content tells the kind
    # (with no plan to give the unit, the figures are bare)
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(old / "activite" / "2022.yaml", a)
    shutil.copy(new / "activite" / "2022.yaml", b)
    assert "valeur de 1.1.1-a pour 2022 : 83,3 (35 / 42) → 90,5 (38 / 42)" in cli("diff", a, b).out


def test_diff_of_an_invalid_file_names_line_and_column(
    cli: Cli, tmp_path: Path, territory: Callable[..., Path]
) -> None:
    old = territory()
    new = tmp_path / "nouveau"
    shutil.copytree(old, new)
    edit(new / "activite" / "2022.yaml", "numerateur: 35", "numerateur: beaucoup")
    result = cli("diff", old / "activite" / "2022.yaml", new / "activite" / "2022.yaml")
    assert result.code == 1
    line = next(
        i
        for i, text in enumerate((new / "activite" / "2022.yaml").read_text().splitlines(), 1)
        if "beaucoup" in text
    )
    assert f"2022.yaml:{line}:" in result.err
    assert "fichier invalide" in result.err


def test_diff_as_git_difftool_on_an_activity_file(repo: Path) -> None:
    activity = repo / "plans" / "test" / "activite" / "2022.yaml"
    edit(activity, "numerateur: 35", "numerateur: 38")
    git(repo, "config", "difftool.clsm.cmd", 'clsm diff "$LOCAL" "$REMOTE"')
    out = git(repo, "difftool", "--no-prompt", "--tool=clsm", "--", "plans/test/activite/2022.yaml")
    assert "(35 / 42) → 90,5\u202f% (38 / 42)" in out


# ---------------------------------------------------------------- init, and the whole story


def test_init_fmt_commit_edit_diff(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "mon-clsm"
    result = cli("init", root)
    assert result.code == 0
    for name in (
        "clsm.yaml",
        "partenaires.yaml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "schemas/plan.schema.json",
    ):
        assert (root / name).exists(), name
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["schemas/plan.schema.json"] == "plan*.yaml"
    assert cli("validate", root).code == 0  # --strict fails until the example texts go
    assert cli("fmt", "--check", root).code == 0
    git(root, "init", "-q")
    git(root, "config", "user.email", "c@example.org")
    git(root, "config", "user.name", "C")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    plan = next(root.glob("plan-*.yaml"))
    edit(plan, "- valeur: 500", "- valeur: 600")
    assert cli("fmt", root).code == 0
    git(root, "commit", "-qam", "cible")
    edit(plan, "statut: en-cours", "statut: realisee")
    text = cli("diff", "HEAD~1", cwd=root).out
    assert "cible de 1.1.1-personnes relevée de 500 à 600" in text
    assert "action 1.1.1 : le statut passe de « en-cours » à « realisee »" in text


def test_init_refuses_a_folder_with_plan_files(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    before = (root / "clsm.yaml").read_bytes()
    result = cli("init", root)
    assert result.code == 1
    assert "contient déjà des fichiers de plan" in result.err
    assert (root / "clsm.yaml").read_bytes() == before


def test_pre_commit_hooks_are_declared() -> None:
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: clsm-validate" in hooks
    assert "- id: clsm-fmt" in hooks


def test_fmt_puts_long_text_in_blocks() -> None:
    long = " ".join(["sensibilisation"] * 12)
    text = f'nom: T\nterritoire: T\nmission: {long}\nhistorique: "ligne 1\\nligne 2"\n'
    result = format_text(text, "territoire")
    assert result.texte is not None
    assert "mission: >-\n  sensibilisation" in result.texte
    assert "historique: |-\n  ligne 1\n  ligne 2\n" in result.texte
    assert format_text(result.texte, "territoire").texte == result.texte


def test_diff_with_an_invalid_file_says_so_without_calling_it_removed(
    cli: Cli, tmp_path: Path, territory: Callable[..., Path]
) -> None:
    old = territory()
    new = tmp_path / "casse"
    shutil.copytree(old, new)
    edit(new / "plan.yaml", "titre:", "titr:")
    activities = sorted((new / "activite").glob("*.yaml"))
    edit(activities[0], "annee:", "anne:")
    out = cli("diff", old, new, cwd=tmp_path).out
    line, column = at(activities[0].read_text(encoding="utf-8"), "anne:")
    name = activities[0].relative_to(tmp_path).as_posix()
    assert f"{name}:{line}:{column} : fichier invalide dans la nouvelle version" in out
    assert "supprimé" not in out
    assert "supprimée" not in out


def test_diff_head_locates_the_first_error_of_an_invalid_file(cli: Cli, repo: Path) -> None:
    plan = repo / "plans" / "test" / "plan.yaml"
    edit(plan, "cibles: [{valeur: 60}]", "cibles: [{valeur: beaucoup}]")
    line, column = at(plan.read_text(encoding="utf-8"), "beaucoup")
    result = cli("diff", "HEAD", cwd=repo)
    assert result.code == 0, result.err
    said = result.out.splitlines()
    assert said[0] == "plans/test/plan.yaml"
    assert said[1].startswith(
        f"  • plans/test/plan.yaml:{line}:{column} : fichier invalide dans la nouvelle version ("
    )
    assert said[1].endswith("), ignoré dans la comparaison")
    # committed, then seen from the territory's folder: named as the user sees the file
    # (never the temporary copy git's revision was read into), with the revision
    git(repo, "commit", "-qam", "valeur invalide")
    out = cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo / "plans" / "test").out
    [change] = json.loads(out)
    assert change["fichier"] == "plan.yaml"
    assert change["nature"] == "invalide"
    assert change["message"].startswith(
        f"plan.yaml:{line}:{column} : fichier invalide dans la version HEAD ("
    )
