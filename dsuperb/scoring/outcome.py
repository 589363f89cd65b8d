"""Whether an instance's scoring stands: failures are failures, never a score.

- Every sample failed (the model never answered): the instance is `failed`, with no value.
- The judge failed on every row it was given (outage, unparseable verdicts): `failed`, no value,
  with the judge's own message. Nothing reports 0.0 for a judge that never answered.
- The judge failed on some rows: the value stands on the rows it judged (the others are left
  out, not counted wrong), the status is `ok`, `errors` counts them and the message says how
  many and why; `dsuperb eval` and `dsuperb score` still exit 1, so a rerun (which asks the judge
  only what it did not answer: verdicts are cached) can complete it.
"""

from __future__ import annotations

from collections import Counter

OK, FAILED = "ok", "failed"


def outcome(rows: list[dict]) -> tuple[str, str | None]:
    """(status, message) of one instance's scored rows."""
    samples_failed = [row for row in rows if row.get("error")]
    if rows and len(samples_failed) == len(rows):
        return FAILED, f"all {len(rows)} samples failed: first: {samples_failed[0].get('file')}: " \
                       f"{samples_failed[0]['error']}"
    judged = [row for row in rows
              if "judge" in row and not row.get("error") and row.get("response") is not None]
    judge_failed = [row for row in judged if row.get("judge_error")]
    if judge_failed:
        why = judge_failed[0].get("reason") or "the judge failed"
        if len(judge_failed) == len(judged):
            return FAILED, f"judge failed on all {len(judged)} rows: {why}"
        return OK, f"judge failed on {len(judge_failed)} of {len(judged)} rows (left out of the value): {why}"
    return OK, None


def verdict_sources(rows: list[dict]) -> dict | None:
    """How many rows each verdict source decided ({"rules": n, "llm": m}); None without a judge."""
    counts = Counter(row["verdict_source"] for row in rows if row.get("verdict_source"))
    return dict(sorted(counts.items())) or None
