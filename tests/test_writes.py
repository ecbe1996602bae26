"""Nothing of the user's is ever lost: interrupted, failed or refused writes leave files intact."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from clsm_cli.problems import ClsmError
from clsm_cli.writing.atomic import write_bytes
from conftest import Result

Cli = Callable[..., Result]
ORIGINAL = b"nom: T\nterritoire: T\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replaces_atomically_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "clsm.yaml"
    target.write_bytes(ORIGINAL)
    target.chmod(0o640)
    write_bytes(target, b"nouveau")
    assert target.read_bytes() == b"nouveau"
    assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


def test_a_failing_write_leaves_the_target_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "clsm.yaml"
    target.write_bytes(ORIGINAL)

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(ClsmError, match="le disque est plein"):
        write_bytes(target, b"x" * 10_000)
    assert target.read_bytes() == ORIGINAL
    assert leftovers(tmp_path) == []


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
real = os.fsync
def slow(fd):
    Path(sys.argv[2]).write_text("ready")
    time.sleep(30)
    real(fd)
os.fsync = slow
from clsm_cli.writing.atomic import write_bytes
write_bytes(Path(sys.argv[1]), b"x" * 5_000_000)
"""


def test_a_write_killed_in_the_middle_leaves_the_original(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(ORIGINAL)
    flag = tmp_path / "flag"
    process = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target), str(flag)])
    deadline = time.monotonic() + 20
    while not flag.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert flag.exists(), "the writer never reached the middle of its write"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert target.read_bytes() == ORIGINAL


def _small_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_500, 1_500))


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_full_disk_fails_in_french_and_keeps_the_previous_report(
    territory: Callable[..., Path], tmp_path: Path, fmt: str
) -> None:
    root = territory()
    target = tmp_path / f"bilan.{fmt}"
    previous = (
        '# Bilan d\'activité 2021 (version précédente)\n<meta name="generator" content="clsm">\n'
    )
    target.write_text(previous, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "clsm_cli",
            "report",
            "2022",
            str(root),
            "-f",
            fmt,
            "-o",
            str(target),
            "--force",
        ],
        capture_output=True,
        text=True,
        preexec_fn=_small_disk,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert "la taille permise" in done.stderr or "le disque est plein" in done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == previous
    assert leftovers(tmp_path) == []


def test_a_read_only_target_is_not_replaced(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    clsm = root / "clsm.yaml"
    before = clsm.read_bytes()
    clsm.chmod(0o444)
    try:
        result = cli("fmt", root)
    finally:
        clsm.chmod(0o644)
    assert result.code == 1
    assert "lecture seule" in result.err
    assert clsm.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_a_read_only_folder_fails_cleanly(cli: Cli, territory: Callable[..., Path]) -> None:
    root = territory()
    before = (root / "clsm.yaml").read_bytes()
    root.chmod(0o555)
    try:
        result = cli("fmt", root)
    finally:
        root.chmod(0o755)
    assert result.code == 1
    assert "permission refusée" in result.err
    assert (root / "clsm.yaml").read_bytes() == before


def test_fmt_refuses_to_write_what_would_change_meaning(
    cli: Cli, territory: Callable[..., Path]
) -> None:
    root = territory()
    mixed = b"nom: T\r\nterritoire: T\n"
    (root / "clsm.yaml").write_bytes(mixed)
    result = cli("fmt", root)
    assert result.code == 1
    assert "fins de ligne mélangées" in result.err
    assert (root / "clsm.yaml").read_bytes() == mixed
