"""A real wheel, installed in a fresh virtual environment, runs every command.

An editable install reads the templates from the source tree, so it cannot see package data
left out of the wheel (`clsm init` once failed after `pip install .` for that reason). This
test builds the wheel from a copy of the sources, installs it without its dependencies in a
new virtual environment that borrows the test environment's libraries, and runs each command
from that environment's own `clsm` script, in a folder outside the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(
    args: list[str | Path], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources (the work tree stays untouched)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    dist = tmp_path_factory.mktemp("dist")
    pip_wheel = ("pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist))
    built = subprocess.run(
        [sys.executable, "-m", *pip_wheel, str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = dist.glob("clsm-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment with the wheel installed; its bin folder and environment."""
    root = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(root)
    bindir = root / "bin"
    python = bindir / "python"
    # The dependencies come from the test environment, through a .pth file: the fresh
    # environment reads that folder as plain paths (no .pth inside it is run, so the
    # editable install of the work tree stays out of reach).
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "dependances-des-tests.pth").write_text("\n".join(sorted(paths)) + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    pip_install = ("pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed")
    done = _run([python, "-m", *pip_install, wheel], root, env)
    assert done.returncode == 0, done.stdout + done.stderr
    return bindir, env


def test_the_wheel_carries_every_template(wheel: Path) -> None:
    shipped = {
        p.relative_to(REPO / "src").as_posix()
        for p in (REPO / "src" / "clsm_cli" / "templates").rglob("*")
        if p.is_file()
    }
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert shipped <= names, sorted(shipped - names)
    assert "clsm_cli/templates/init/gitignore" in names


def test_every_command_runs_from_the_installed_wheel(
    installed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bindir, env = installed
    clsm = bindir / "clsm"

    where = _run(
        [bindir / "python", "-c", "import clsm_cli; print(clsm_cli.__file__)"], tmp_path, env
    )
    assert str(bindir.parent) in where.stdout, where.stdout + where.stderr

    def ok(*args: str | Path, code: int = 0) -> str:
        done = _run([clsm, *args], tmp_path, env)
        assert done.returncode == code, f"clsm {args}: {done.stdout}{done.stderr}"
        assert "Traceback" not in done.stderr
        assert "erreur interne" not in done.stderr
        return done.stdout + done.stderr

    ok("init", "mon-clsm")
    (plan,) = (tmp_path / "mon-clsm").glob("plan-*.yaml")
    (activite,) = (tmp_path / "mon-clsm" / "activite").glob("*.yaml")
    year = activite.stem
    assert "fichiers lus" in ok("validate", "mon-clsm")

    for fmt in ("html", "md", "docx", "pdf"):
        out = tmp_path / f"bilan.{fmt}"
        ok("report", year, "mon-clsm", "-f", fmt, "-o", out)
        assert out.stat().st_size > 1000, fmt
    assert "Semaines d'information sur la santé mentale" in (tmp_path / "bilan.md").read_text()
    assert (tmp_path / "bilan.pdf").read_bytes().startswith(b"%PDF")

    ok("export", "mon-clsm", "-o", "grille.xlsx")
    ok("collecte", year, "mon-clsm", "-o", "fiche.xlsx")
    assert "inchangé" in ok("import", "fiche.xlsx", "mon-clsm")
    ok("import", "grille.xlsx", "-o", "importe")
    ok("fmt", "--check", "mon-clsm")
    (imported,) = (tmp_path / "importe").glob("plan-*.yaml")
    assert "Aucun changement" in ok("diff", plan, imported)
    ok("schema", "-o", "schemas")
    assert {p.name for p in (tmp_path / "schemas").iterdir()} >= {"plan.schema.json"}
