"""`clsm fmt`, `clsm diff` and `clsm init`, against real git repositories."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from clsm_cli.writing.fmt import format_text
from conftest import MINIMAL, PLANS, REPO, Result, at

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
        "plans/test/partenaires.yaml",
        "  • partenaire ajouté : Maison des ados (mda)",
        "plans/test/plan.yaml",
        "  • cible de 1.1.1-a relevée de 60 % à 70 %".replace(" %", "\u202f%"),
        "  • indicateur 1.1.1-b : l'unité passe de « Nombre (1 234) » à « Heures (18 h) »",
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
    assert md.startswith("**1 changement**\n\n### plans/test/plan.yaml\n")
    assert "~~deux~~ **trois** fois par an." in md


def test_diff_shows_the_words_changed_inside_a_text_of_a_list(cli: Cli, repo: Path) -> None:
    """A target raised inside a sentence of `resultats_attendus`: the words, not the two
    whole sentences."""
    territory = repo / "plans" / "test"
    sentence = (
        "60 % des acteurs du territoire intervenant auprès des personnes en situation de"
        " précarité ont été sensibilisés à la santé mentale"
    )
    edit(
        territory / "plan.yaml",
        "titre: Former les acteurs\n",
        "titre: Former les acteurs\n"
        f"            resultats_attendus:\n              - {sentence}\n"
        "              - Un annuaire partagé\n",
    )
    git(repo, "commit", "-qam", "résultats attendus")
    edit(territory / "plan.yaml", "- 60 % des acteurs", "- 70 % des acteurs")
    text = cli("diff", "HEAD", cwd=repo)
    assert text.code == 0, text.err
    assert text.out.splitlines() == [
        "plans/test/plan.yaml",
        "  • action 1.1.1 : changement dans les résultats attendus",
        "      [-60-] {+70+} % des acteurs du …",
    ]
    md = cli("diff", "HEAD", "-f", "md", cwd=repo).out
    assert "- action 1.1.1 : changement dans les résultats attendus\n  ~~60~~ **70** % des" in md
    [change] = cli("diff", "HEAD", "-f", "json", cwd=repo).json()
    assert change["mots"] == "[-60-] {+70+} % des acteurs du …"
    assert change["avant"] == [sentence, "Un annuaire partagé"]
    # a text added beside the rewritten one is still said whole
    edit(
        territory / "plan.yaml",
        "- Un annuaire partagé\n",
        "- Un annuaire partagé\n              - Un site\n",
    )
    out = cli("diff", "HEAD", cwd=repo).out
    assert "changement dans les résultats attendus — + « Un site »" in out
    assert "[-60-] {+70+}" in out


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
    assert (
        cli("diff", old, old).out == "Aucun changement dans ce que disent les fichiers comparés"
        " (leur mise en forme n'est pas comparée).\n"
    )


def test_diff_says_figures_in_their_unit(
    cli: Cli, tmp_path: Path, territory: Callable[..., Path]
) -> None:
    """« 20 en 2024, 22,5 en 2025 » for hours, « 8 000 → 8 500 » for euros: a figure is said
    in its unit, as the bilan writes it."""
    plan = MINIMAL["plan.yaml"].replace(
        "                unite: pourcentage\n"
        "                numerateur: acteurs formés\n"
        "                denominateur: acteurs concernés\n",
        "                unite: heures\n",
    )
    activite = MINIMAL["activite/2022.yaml"].replace(
        "    numerateur: 35\n    denominateur: 42\n", "    valeur: 20\n"
    )
    assert plan != MINIMAL["plan.yaml"]
    assert activite != MINIMAL["activite/2022.yaml"]
    old = territory(plan_yaml=plan, activite__2022_yaml=activite)
    new = tmp_path / "nouveau"
    shutil.copytree(old, new)
    edit(new / "activite" / "2022.yaml", "valeur: 20", "valeur: 22.5")
    edit(new / "plan.yaml", "cibles: [{valeur: 60}]", "cibles: [{valeur: 70}]")
    result = cli("diff", old, new)
    assert result.code == 0, result.err
    assert "valeur de 1.1.1-a pour 2022 : 20\u00a0h → 22,5\u00a0h" in result.out
    assert "cible de 1.1.1-a relevée de 60\u00a0h à 70\u00a0h" in result.out


def test_diff_unknown_revision_is_a_clear_error(cli: Cli, repo: Path) -> None:
    result = cli("diff", "v9999", cwd=repo)
    assert result.code == 2
    assert "« v9999 » n'est ni un chemin existant ni une révision git" in result.err


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


def test_diff_revision_limited_to_a_path(cli: Cli, repo: Path) -> None:
    """`clsm diff REV [CHEMIN]` and `clsm diff REV1 REV2 [CHEMIN]`, as `git diff REV -- PATH`."""
    shutil.copytree(repo / "plans" / "test", repo / "plans" / "autre")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "un second territoire")
    for name in ("test", "autre"):
        edit(
            repo / "plans" / name / "plan.yaml", "cibles: [{valeur: 60}]", "cibles: [{valeur: 70}]"
        )
    raised = "cible de 1.1.1-a relevée de 60\u202f% à 70\u202f%"
    everything = cli("diff", "HEAD", ".", cwd=repo)
    assert everything.code == 0, everything.err
    assert "plans/autre/plan.yaml" in everything.out.splitlines()
    assert "plans/test/plan.yaml" in everything.out.splitlines()
    for scope in ("plans/test", "plans/test/", "plans/test/plan.yaml"):
        result = cli("diff", "HEAD", scope, cwd=repo)
        assert result.code == 0, result.err
        assert result.out.splitlines() == ["plans/test/plan.yaml", f"  • {raised}"], scope
    git(repo, "commit", "-qam", "cibles relevées")
    between = cli("diff", "HEAD~1", "HEAD", "plans/test", "--format", "json", cwd=repo)
    assert between.code == 0, between.err
    [change] = between.json()
    assert (change["fichier"], change["message"]) == ("plans/test/plan.yaml", raised)
    # from inside the territory, a path as typed there
    inside = cli("diff", "HEAD~1", "HEAD", ".", cwd=repo / "plans" / "test")
    assert inside.out.splitlines() == ["plan.yaml", f"  • {raised}"]
    assert cli("diff", "HEAD", "HEAD", "plans/test", cwd=repo).out.startswith("Aucun changement")


def test_from_inside_a_folder_of_territories(cli: Cli, repo: Path, tmp_path: Path) -> None:
    """Inside `plans/` (named anything): the territories below, for every command."""
    (repo / "plans").rename(repo / "territoires")
    inside = repo / "territoires"
    # not yet committed: at HEAD, no territory there, so this one is new
    added = cli("diff", "HEAD", cwd=inside)
    assert added.code == 0, added.err
    assert added.out.splitlines() == ["test", "  • territoire ajouté : test"]
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "dossier renommé")
    edit(inside / "test" / "plan.yaml", "cibles: [{valeur: 60}]", "cibles: [{valeur: 70}]")
    assert cli("validate", cwd=inside).code == 0
    report = cli("report", "2022", "-f", "md", cwd=inside)
    assert report.code == 0, report.err
    assert (inside / "out" / "bilan-test-2022.md").is_file()
    diff = cli("diff", "HEAD", cwd=inside)
    assert diff.code == 0, diff.err
    assert diff.out.splitlines()[0] == "test/plan.yaml"
    # nowhere near a territory: the hint names the command typed, revision included
    empty = tmp_path / "vide"
    empty.mkdir()
    git(empty, "init", "-q")
    git(
        empty,
        "-c",
        "user.email=c@example.org",
        "-c",
        "user.name=C",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "vide",
    )
    lost = cli("diff", "HEAD", cwd=empty)
    assert lost.code == 2
    assert "aucun territoire ici" in lost.err
    assert "clsm diff HEAD mon-territoire" in lost.err


def test_diff_of_a_file_absent_from_the_revision_says_so(cli: Cli, repo: Path) -> None:
    activity = repo / "plans" / "test" / "activite" / "2023.yaml"
    activity.write_text("annee: 2023\n", encoding="utf-8")
    result = cli("diff", "HEAD", "plans/test/activite/2023.yaml", cwd=repo)
    assert result.code == 2
    assert (
        "clsm : plans/test/activite/2023.yaml : ce fichier n'existe pas dans la version HEAD"
        in result.err
    )


def test_diff_of_one_invalid_file_names_it_as_typed(cli: Cli, repo: Path) -> None:
    plan = repo / "plans" / "test" / "plan.yaml"
    edit(plan, "cibles: [{valeur: 60}]", "cibles: [{valeur: beaucoup}]")
    line, column = at(plan.read_text(encoding="utf-8"), "beaucoup")
    result = cli("diff", "HEAD", "plans/test/plan.yaml", cwd=repo)
    assert result.code == 1
    assert f"clsm : plans/test/plan.yaml:{line}:{column} : fichier invalide (" in result.err


@pytest.mark.parametrize("where", ["root", "inside"])
def test_diff_head_with_the_territory_in_any_subfolder(
    cli: Cli, tmp_path: Path, where: str
) -> None:
    root = tmp_path / "depot"
    assert cli("init", root / "mon-clsm").code == 0
    git(root, "init", "-q")
    git(root, "config", "user.email", "c@example.org")
    git(root, "config", "user.name", "C")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    plan = next((root / "mon-clsm").glob("plan-*.yaml"))
    edit(plan, "valeur: 300\n", "valeur: 350\n")
    cwd = root if where == "root" else root / "mon-clsm"
    result = cli("diff", "HEAD", cwd=cwd)
    assert result.code == 0, result.err
    shown = plan.name if where == "inside" else f"mon-clsm/{plan.name}"
    [file, change] = result.out.splitlines()
    assert file == shown
    assert change.startswith("  • cibles de 1.1.1-personnes : « 300 en ")
    assert "→ « 350 en " in change
    assert cli("diff", "HEAD", ".", cwd=cwd).out == result.out


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ([], "indiquez ce qu'il faut comparer"),
        (["plans"], "plans : indiquez le second fichier ou dossier à comparer"),
        (["plans", "plans", "plans"], "3 chemins donnés : comparez deux fichiers ou deux dossiers"),
        (
            ["HEAD", "HEAD", "HEAD"],
            "au plus deux révisions git à comparer (reçu : HEAD, HEAD, HEAD)",
        ),
        (["HEAD", "nulle-part"], "« nulle-part » n'est ni un chemin existant ni une révision git"),
    ],
)
def test_diff_words_that_do_not_make_a_comparison(
    cli: Cli, repo: Path, words: list[str], said: str
) -> None:
    result = cli("diff", *words, cwd=repo)
    assert result.code == 2
    assert f"clsm : {said}" in result.err
    assert "Traceback" not in result.err


def difftool_recipe() -> list[list[str]]:
    """The `git difftool` recipe of the guide (docs/recettes/git.md), word by word."""
    page = (REPO / "docs" / "recettes" / "git.md").read_text(encoding="utf-8")
    block = page.split("## `git difftool`", 1)[1].split("```shell\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line) for line in block.splitlines() if line.strip()]


def test_the_guides_difftool_recipe_fails_when_clsm_fails(repo: Path) -> None:
    configure, run = difftool_recipe()
    assert "--trust-exit-code" in run
    assert run[-1] == "plans/"
    git(repo, *configure[1:])
    activity = repo / "plans" / "test" / "activite" / "2022.yaml"
    edit(activity, "numerateur: 35", "numerateur: 38")
    ok = subprocess.run(run, cwd=repo, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "(35 / 42) → 90,5\u202f% (38 / 42)" in ok.stdout
    edit(activity, "numerateur: 38", "numerateur: beaucoup")
    failed = subprocess.run(run, cwd=repo, capture_output=True, text=True, check=False)
    assert failed.returncode != 0
    assert "plans/test/activite/2022.yaml:" in failed.stderr
    assert "fichier invalide" in failed.stderr


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
    assert "à régénérer" in (root / ".gitignore").read_text(encoding="utf-8")
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
    edit(plan, "valeur: 300\n", "valeur: 350\n")
    assert cli("fmt", root).code == 0
    git(root, "commit", "-qam", "cible")
    edit(plan, "statut: en-cours", "statut: realisee")
    text = cli("diff", "HEAD~1", cwd=root).out
    assert "cibles de 1.1.1-personnes : « 300 en " in text
    assert "→ « 350 en " in text
    assert "action 1.1.1 : le statut passe de « En cours » à « Réalisée »" in text


def test_init_refuses_a_folder_with_plan_files(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    before = (root / "clsm.yaml").read_bytes()
    result = cli("init", root)
    assert result.code == 1
    assert "contient déjà des fichiers de plan" in result.err
    assert (root / "clsm.yaml").read_bytes() == before


def test_init_refuses_the_folder_of_another_territory(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    """`clsm init` typed inside activite/ (the hint of `clsm validate .` there said so): its
    clsm.yaml, plan and partenaires.yaml would become files of the year, in error."""
    inside = territory() / "activite"
    result = cli("init", cwd=inside)
    assert result.code == 1
    assert "est dans le dossier du territoire" in result.err
    assert sorted(p.name for p in inside.iterdir()) == ["2022.yaml"]
    # a new folder named there (`clsm init x` in activite/) is inside the territory too
    result = cli("init", "x", cwd=inside)
    assert result.code == 1
    assert f"x est dans le dossier du territoire {inside.parent}" in result.err
    assert sorted(p.name for p in inside.iterdir()) == ["2022.yaml"]


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


def test_an_activity_change_is_named_with_its_folder_and_found_from_inside_it(
    cli: Cli, repo: Path
) -> None:
    """`activite/2022.yaml`, not `2022.yaml`; and `clsm diff HEAD .` typed in activite/."""
    activity = repo / "plans" / "test" / "activite" / "2022.yaml"
    edit(activity, "numerateur: 35", "numerateur: 38")
    at_root = cli("diff", "HEAD", cwd=repo).out
    assert at_root.startswith("plans/test/activite/2022.yaml\n")
    inside = cli("diff", "HEAD", ".", cwd=activity.parent).out
    assert inside.startswith("2022.yaml\n")
    assert "(35 / 42) → 90,5\u202f% (38 / 42)" in inside
    plan_only = cli("diff", "HEAD", repo / "plans" / "test" / "plan.yaml", cwd=repo).out
    assert (
        plan_only == "Aucun changement dans ce que disent les fichiers comparés"
        " (leur mise en forme n'est pas comparée).\n"
    )


def test_diff_head_outside_a_repository_says_so(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    result = cli("diff", "HEAD", cwd=root / "activite")
    assert result.code == 2
    assert "n'est pas dans un dépôt git : il n'y a pas de révision à comparer" in result.err
    assert "git init" in result.err


YEAR_FOLLOWED = """\
actions:
  - {action: 1.1.1, statut: reportee}
depenses:
  - {action: 1.1.1, financeur: ville, montant: 6200}
saisines:
  - {mois: 2022-06, saisissant: Médecin traitant, niveau: 2, decision: Visite}
evaluations:
  - par: Comité de pilotage
    jugements:
      - {objectif: "1.1", appreciation: atteint}
"""


def test_diff_head_tells_every_field_changed_in_a_year_and_clsm_yaml(cli: Cli, repo: Path) -> None:
    """A referral's level, a spending's amount, an action's status of the year, a judgment,
    an instance's meetings planned: all changed, and « Aucun changement » (exit 0) said."""
    territory = repo / "plans" / "test"
    activity = territory / "activite" / "2022.yaml"
    activity.write_text(activity.read_text("utf-8") + YEAR_FOLLOWED, "utf-8")
    edit(territory / "clsm.yaml", "    type: copil\n", "    type: copil\n    reunions_prevues: 2\n")
    git(repo, "commit", "-qam", "suivi de l'année")
    edit(activity, "statut: reportee", "statut: abandonnee")
    edit(activity, "montant: 6200", "montant: 6300")
    edit(activity, "niveau: 2", "niveau: 1")
    edit(activity, "appreciation: atteint", "appreciation: non-atteint")
    edit(activity, "presents: [ville, unafam]", "presents: [ville]")
    edit(territory / "clsm.yaml", "reunions_prevues: 2", "reunions_prevues: 4")
    result = cli("diff", "HEAD", "--exit-code", cwd=repo)
    assert result.code == 1, result.err
    assert result.out.splitlines() == [
        "plans/test/clsm.yaml",
        "  • Comité de pilotage : le nombre de réunions prévues par an passe de « 2 » à « 4 »",
        "plans/test/activite/2022.yaml",
        "  • suivi de l'action 1.1.1 : le statut passe de « Reportée » à « Abandonnée »",
        "  • dépense 1.1.1, ville : le montant passe de « 6\u202f200\u00a0€ »"
        " à « 6\u202f300\u00a0€ »",
        "  • réunion copil d'avril 2022 : les présents — − « unafam »",
        "  • saisine juin 2022, Médecin traitant : le niveau passe de « 2 » à « 1 »",
        "  • évaluation par Comité de pilotage, jugement de l'objectif 1.1 :"
        " l'appréciation passe de « Atteint » à « Non atteint »",
    ]


def test_diff_head_tells_a_years_action_status_added(cli: Cli, repo: Path) -> None:
    """A status of the year added (as `clsm collecte` imports it) was not said at all."""
    activity = repo / "plans" / "test" / "activite" / "2022.yaml"
    activity.write_text(
        activity.read_text("utf-8") + "actions:\n  - {action: 1.1.1, statut: en-cours}\n", "utf-8"
    )
    result = cli("diff", "HEAD", "--exit-code", cwd=repo)
    assert result.code == 1, result.err
    assert "  • suivi de l'action ajouté : 1.1.1" in result.out.splitlines()


def test_diff_head_from_inside_activite_names_files_from_there(cli: Cli, repo: Path) -> None:
    """In `activite/`, `../activite/2022.yaml` was said for `2022.yaml`."""
    territory = repo / "plans" / "test"
    edit(territory / "activite" / "2022.yaml", "numerateur: 35", "numerateur: 36")
    edit(territory / "clsm.yaml", "etp: 0.5", "etp: 0.8")
    result = cli("diff", "HEAD", cwd=territory / "activite")
    assert result.code == 0, result.err
    files = [line for line in result.out.splitlines() if not line.startswith(" ")]
    assert files == ["../clsm.yaml", "2022.yaml"]
