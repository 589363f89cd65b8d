"""Reports: read run folders, aggregate instance -> task -> category -> domain, compare models,
and render tables (markdown, CSV, JSON, HTML) and plots.

Everything here reads only what `dsuperb eval` / `dsuperb score` wrote (run folders), so a report
can be rebuilt at any time without re-running or re-scoring anything. No torch, no transformers.
"""

from ..errors import ReportError
from .build import build_report
from .load import Run, load_run

__all__ = ["ReportError", "Run", "build_report", "load_run"]
