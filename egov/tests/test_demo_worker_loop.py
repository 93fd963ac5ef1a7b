"""`make demo` restarts its worker if it dies and stops it when the demo ends (issue 16, item 2).

The loop is the Makefile's WORKER_LOOP (a POSIX shell script run with
`sh -c`); here it runs a stand-in for `egov worker` that records its pid
and sleeps, so the test can kill it like the OOM killer or kill -9 would.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or shutil.which("sh") is None,
    reason="reading the Makefile's loop needs make and sh",
)


def _loop_script(tmp_path: Path) -> str:
    printer = tmp_path / "print.mk"
    printer.write_text('print-worker-loop:\n\t@echo "$$WORKER_LOOP"\n')
    # make and sh from PATH, as `make demo` finds them.
    command = ["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", str(printer)]
    return subprocess.run(  # noqa: S603 - fixed arguments
        [*command, "print-worker-loop"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def _wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (killed, not yet reaped by the loop) counts as gone.
    status = Path(f"/proc/{pid}/status")
    return not status.exists() or "State:\tZ" not in status.read_text()


def test_the_demo_worker_is_restarted_after_kill_9_and_stopped_with_the_demo(
    tmp_path: Path,
) -> None:
    pids = tmp_path / "pids"
    worker = tmp_path / "egov"
    # Stands in for `.venv/bin/egov`: called as "$1 worker".
    worker.write_text(f"#!/bin/sh\necho $$ >> {pids}\nexec sleep 600\n")
    worker.chmod(0o755)

    def started() -> list[int]:
        return [int(line) for line in pids.read_text().split()] if pids.exists() else []

    shell = ["sh", "-c", _loop_script(tmp_path), "demo-worker", str(worker)]
    loop = subprocess.Popen(shell, stderr=subprocess.PIPE, text=True)  # noqa: S603 - the Makefile's
    try:
        _wait_for(lambda: len(started()) == 1, "the first worker")
        first = started()[0]
        os.kill(first, signal.SIGKILL)
        _wait_for(lambda: len(started()) == 2, "the worker to be started again")
        second = started()[1]
        assert _alive(second)
    finally:
        # make demo ending: its trap sends TERM to the loop
        loop.terminate()
        _stderr = loop.communicate(timeout=30)[1]

    assert loop.returncode == 0
    assert not _alive(first)
    _wait_for(lambda: not _alive(second), "the worker to stop with the loop")
    assert "Worker stopped (exit 137); restarting it in 2 s." in _stderr
