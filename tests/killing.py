"""Kill a real `dsuperb eval` process with SIGKILL once enough rows are on disk (the resume tests)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path


def lines(*folders: Path, pattern: str = "predictions/*.jsonl") -> list[str]:
    """Every predictions row written so far under the run folder(s)."""
    return [line for folder in folders for p in sorted(Path(folder).glob(pattern))
            for line in p.read_text().splitlines()]


def kill_when(command: list[str], env: dict, rows_written, target: int, timeout: float = 60,
              group: bool = False) -> int:
    """Start `command`; SIGKILL it (with `group`, its whole process group: a launcher and its
    workers) once `rows_written()` reaches `target`; returns the rows then."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=group)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None and rows_written() < target:
            time.sleep(0.005)
        assert process.poll() is None, "the run ended before it could be killed"
        if group:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            (os.killpg if group else os.kill)(process.pid, signal.SIGKILL)
    return rows_written()
