"""Scoring: answer extraction, judges, and the metric registry.

Public functions live in `dsuperb.scoring.api`; importing this package stays cheap (the metric
modules load when a metric is first used).
"""

from .api import JudgeSpecError, ScoredInstance, UnknownMetric, aggregate, make_judge, normalise, score_rows

__all__ = ["JudgeSpecError", "ScoredInstance", "UnknownMetric", "aggregate", "make_judge", "normalise",
           "score_rows"]
