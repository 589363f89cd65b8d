"""Where and when a run was made, for its run card: the git commit of a clone, the hardware, and
the start, end and wall time of each `dsuperb eval` session.

Everything here is best effort and never fails a run: no git, no clone, no nvidia-smi, an odd
/proc simply leave a field null. torch is read only when something else already imported it
(a torch model was loaded); otherwise `nvidia-smi` is asked when it is installed. Nothing here
imports torch.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

PROBE_TIMEOUT_S = 5
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def now(timespec: str = "seconds") -> str:
    return datetime.now(timezone.utc).isoformat(timespec=timespec)


def git_state(where: Path = PACKAGE_DIR) -> dict | None:
    """{"commit", "dirty"} of the clone `where` lies in; None when not a clone or git is absent."""
    if shutil.which("git") is None:
        return None
    commit = _run(["git", "-C", str(where), "rev-parse", "HEAD"])
    if not commit:
        return None
    status = _run(["git", "-C", str(where), "status", "--porcelain", "--untracked-files=no"])
    return {"commit": commit, "dirty": bool(status)}


def hardware() -> dict:
    """CPU model and count, and GPUs (name, memory, driver) as torch or nvidia-smi tell them."""
    gpus, cuda, source = _gpus_from_torch()
    smi = _gpus_from_nvidia_smi()
    if smi:
        if not gpus:
            gpus, source = smi, "nvidia-smi"
        else:  # torch does not know the driver: take it from nvidia-smi, GPU by GPU
            for gpu, other in zip(gpus, smi, strict=False):
                gpu.setdefault("driver", other.get("driver"))
    return {"platform": platform.platform(), "python": platform.python_version(),
            "cpu": {"model": _cpu_model(), "count": os.cpu_count()},
            "gpus": gpus, "cuda": cuda, "gpu_source": source}


def start_timing(previous: dict | None = None) -> dict:
    """Timing of a session starting now; a resumed run keeps its first start and past wall time."""
    previous = previous or {}
    return {"started": previous.get("started") or now(), "session_started": now("milliseconds"),
            "finished": None, "wall_s": previous.get("wall_s"),
            "sessions": int(previous.get("sessions") or 0) + 1}


def finish_timing(timing: dict | None) -> dict | None:
    """The timing once the session ends: its end, and the wall time of every session so far."""
    if not timing or not timing.get("session_started"):
        return timing
    finished = datetime.now(timezone.utc)
    try:
        session = (finished - datetime.fromisoformat(timing["session_started"])).total_seconds()
    except (TypeError, ValueError):
        return timing
    return {**timing, "finished": finished.isoformat(timespec="seconds"),
            "wall_s": round(float(timing.get("wall_s") or 0.0) + max(0.0, session), 3)}


def _run(command: list[str]) -> str | None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _cpu_model() -> str | None:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _gpus_from_torch() -> tuple[list[dict], str | None, str | None]:
    torch = sys.modules.get("torch")  # only when a model already loaded it
    try:
        if torch is None or not torch.cuda.is_available():
            return [], None, None
        gpus = []
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            gpus.append({"name": props.name, "memory_mib": int(props.total_memory // 2**20)})
        return gpus, torch.version.cuda, "torch"
    except Exception:  # a broken CUDA set-up must not stop the run that records it
        return [], None, None


def _gpus_from_nvidia_smi() -> list[dict]:
    if shutil.which("nvidia-smi") is None:
        return []
    out = _run(["nvidia-smi", "--query-gpu=name,memory.total,driver_version",
                "--format=csv,noheader,nounits"])
    gpus = []
    for line in (out or "").splitlines():
        parts = [part.strip() for part in line.split(",")]
        if len(parts) == 3:
            memory = int(parts[1]) if parts[1].isdigit() else None
            gpus.append({"name": parts[0], "memory_mib": memory, "driver": parts[2]})
    return gpus
