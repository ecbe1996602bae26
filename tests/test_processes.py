"""What the `clsm` process leaves behind when it ends: no traceback after a Ctrl-C, no process
of its own (the reader ahead, the chart worker), nothing said about a closed output.

Only the real process forks its helpers and leaves with os._exit, so these tests run it.
An orphan is reparented to the nearest "subreaper": each test runs clsm under a small
Python wrapper that is one, and counts the processes left to it once clsm has ended.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clsm_cli.loader import ahead
from conftest import MINIMAL

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="the helper processes are forked on Linux with two cores or more",
)

_WRAPPER = r"""
import ctypes, json, os, signal, subprocess, sys, time

ctypes.CDLL(None, use_errno=True).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER: orphans come here
children, command = int(sys.argv[1]), sys.argv[2:]
# clsm as a terminal's foreground job: Ctrl-C not ignored, even when the tests run in the
# background of a non-interactive shell, which starts them ignoring it (POSIX)
signal.signal(signal.SIGINT, signal.SIG_DFL)
process = subprocess.Popen(
    command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
)
sent = False
if children:  # once clsm has started its helpers, Ctrl-C, as a terminal sends it
    listed = f"/proc/{process.pid}/task/{process.pid}/children"
    while process.poll() is None:
        with open(listed) as found:
            if len(found.read().split()) >= children:
                break
        time.sleep(0.001)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        sent = True
out, err = process.communicate()
left = []
while True:
    try:
        left.append(os.waitpid(-1, 0)[0])
    except ChildProcessError:
        break
print(json.dumps({"code": process.returncode, "out": out.decode(), "err": err.decode(),
                  "left": len(left), "sent": sent}))
"""


def _run(*args: str | Path, interrupt_after: int = 0) -> dict[str, Any]:
    """`python -m clsm_cli ARGS…` under the wrapper; interrupted (Ctrl-C) once it has this
    many child processes. Its code, stdout, stderr, and how many processes it left."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _WRAPPER,
            str(interrupt_after),
            sys.executable,
            "-m",
            "clsm_cli",
            *map(str, args),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def _python(program: str) -> subprocess.CompletedProcess[str]:
    """A short Python program run in its own process: its code, output and errors."""
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )


def _large_plan(actions: int) -> str:
    """The minimal plan and many more axes, each with an action: long enough to read and
    check that clsm is still at work when it is interrupted; under `ahead.LARGE`, so that the
    reader stays its child until it ends (it may still send the positions)."""
    more = "".join(
        f'  - id: "{n}"\n    titre: Axe {n}\n    objectifs:\n'
        f'      - id: "{n}.1"\n        titre: Objectif {n}.1\n        actions:\n'
        f"          - id: {n}.1.1\n            titre: Action {n}\n            pilote: ch\n"
        f"            description: {'Une action du plan, décrite longuement. ' * 20}\n"
        for n in range(2, actions + 2)
    )
    return MINIMAL["plan.yaml"] + more


@pytest.mark.parametrize(
    ("command", "helpers"),
    [
        (["validate"], 1),  # the reader ahead
        (["report", "2022"], 2),  # the reader ahead and the chart worker
    ],
    ids=["validate", "report"],
)
def test_ctrl_c_is_said_in_a_word_and_leaves_no_process(
    territory: Callable[..., Path], command: list[str], helpers: int, tmp_path: Path
) -> None:
    folder = territory(plan_yaml=_large_plan(600))
    assert (folder / "plan.yaml").stat().st_size < ahead.LARGE
    output = ["-o", str(tmp_path / "bilan.html")] if command[0] == "report" else []
    # on a loaded machine the watcher may see the helpers late, and its Ctrl-C reach clsm
    # as it ends, its work done (exit 0, nothing said): tried again, the case being one
    # where clsm is interrupted at work
    for _ in range(5):
        done = _run(*command, folder, *output, interrupt_after=helpers)
        if done["sent"] and not (done["code"] == 0 and not done["err"]):
            break
    assert done["sent"], "clsm ended before its helpers could be seen, five times"
    assert done["code"] != 0 or done["err"], "each Ctrl-C came once clsm had ended, five times"
    assert "Traceback" not in done["err"], done["err"]
    assert done["err"].strip() == "clsm : interrompu"
    assert done["code"] == 1
    assert done["left"] == 0, "a process of clsm's outlived it"


def test_a_refused_bilan_leaves_no_chart_worker_behind(territory: Callable[..., Path]) -> None:
    """The worker started importing matplotlib while the files were read; the bilan refused,
    it is ended with clsm (`$(clsm report …)` waited for it, holding the terminal's output)."""
    folder = territory(plan_yaml=MINIMAL["plan.yaml"] + "titre: [\n")
    done = _run("report", "2022", folder)
    assert done["code"] == 1
    assert "rapport refusé" in done["err"]
    assert done["left"] == 0, "the chart worker outlived clsm"


@pytest.mark.parametrize("broken", [False, True], ids=["valide", "en-erreur"])
def test_a_closed_output_is_no_internal_error(territory: Callable[..., Path], broken: bool) -> None:
    """`clsm validate … >&-` (a hook whose caller closed the output): the exit code says it
    all; nothing about an internal error, no traceback."""
    overrides = {"plan_yaml": MINIMAL["plan.yaml"] + "inconnue: 1\n"} if broken else {}
    folder = territory(**overrides)
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "clsm_cli", "validate", folder],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1 if broken else 0, "")


def test_ctrl_c_while_the_command_line_is_imported_is_said_in_a_word() -> None:
    """A Ctrl-C in the first ~0.1 s, while Python imports clsm's command line, printed a
    traceback of the import machinery. Here the import is interrupted for sure: a finder
    raises KeyboardInterrupt when the command line's module is looked for."""
    program = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'clsm_cli.cli.main':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from clsm_cli.cli.entry import script\n"
        "script()\n"
    )
    done = _python(program)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == "clsm : interrompu"
    assert done.returncode == 1


def test_a_commands_data_is_kept_only_by_a_process_that_leaves_with_exit() -> None:
    """The `clsm` process keeps what a command validated until it leaves with os._exit (its
    teardown, object by object, cost a large plan ~25 ms for nothing); a process that goes
    on, like this one running many commands, keeps nothing."""
    import gc
    import weakref

    from clsm_cli import helpers

    class Data:
        pass

    data = Data()
    ref = weakref.ref(data)
    helpers.keep_until_exit(data)
    del data
    gc.collect()
    assert ref() is None, "kept by a process that does not leave with os._exit"
    program = (
        "import weakref\n"
        "from clsm_cli import helpers\n"
        "class Data: pass\n"
        "helpers.leave_with_exit()\n"
        "data = Data(); ref = weakref.ref(data)\n"
        "helpers.keep_until_exit(data)\n"
        "del data\n"
        "print(ref() is not None)\n"
    )
    done = _python(program)
    assert done.stdout.strip() == "True"


def test_a_ctrl_c_python_cannot_raise_is_said_in_a_word_too() -> None:
    """A Ctrl-C landing in a callback of the import system's module locks printed
    « Exception ignored in … Traceback … KeyboardInterrupt » and was lost, the command going
    on (seen once in a fresh clone's run of the test above). Such an interrupt, here from a
    weak reference's callback, ends the process in a word, like any Ctrl-C."""
    program = (
        "import sys, weakref\n"
        "from clsm_cli.cli import main\n"
        "sys.unraisablehook = main._unraisable\n"
        "class Lock: pass\n"
        "def gone(_):\n"
        "    raise KeyboardInterrupt\n"
        "lock = Lock(); ref = weakref.ref(lock, gone)\n"
        "del lock\n"
        "print('la commande a continué')\n"
    )
    done = _python(program)
    assert (done.returncode, done.stderr, done.stdout) == (1, "clsm : interrompu\n", "")
    script = (Path(__file__).parents[1] / "src" / "clsm_cli" / "cli" / "main.py").read_text(
        encoding="utf-8"
    )
    assert "sys.unraisablehook = _unraisable" in script  # the `clsm` script sets it
