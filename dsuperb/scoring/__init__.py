"""Scoring: answer extraction, judges, and the metric registry."""
