"""The report as one long CSV table: a row per (section, name, model), for spreadsheets and pandas."""

from __future__ import annotations

import csv
import io

COLUMNS = ["section", "name", "model", "domains", "category", "metric", "score", "ci_low", "ci_high", "raw",
           "raw_ci_low", "raw_ci_high", "na_rate", "count", "errors", "n_tasks", "baseline", "diff",
           "diff_ci_low", "diff_ci_high", "p_value", "wins", "significant_wins", "share", "note",
           # section "model": the leaderboard row and the run's provenance
           "rank", "chance", "instances_compared", "model_id", "model_revision", "judge_id",
           "judge_prompt_hash", "limit", "pinned_share", "date", "dsuperb_version", "git_commit", "wall_s",
           "hardware",
           # sections of the analyses, prompt strategies and suites: which number a row holds
           "statistic"]


def render_csv(report: dict) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows(report):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue()


def rows(report: dict):
    for caution in report["cautions"]:
        yield {"section": "caution", "note": caution}
    if report["nothing_to_compare"]:
        yield {"section": "nothing_to_compare", "note": report["nothing_to_compare"]}
    for model in report["models"]:
        provenance = model["provenance"]
        judges = provenance["judges"] or ([provenance["judge"]] if provenance["judge"] else [])
        yield {"section": "model", "name": model["label"], "model": model["label"],
               **(model["overall"] or {}),
               "n_tasks": model["tasks_compared"], "rank": model["rank"], "chance": model["chance"],
               "instances_compared": model["instances_compared"],
               "judge_id": ";".join(str(j.get("id")) for j in judges),
               "judge_prompt_hash": ";".join(j.get("prompt_hash") or "" for j in judges),
               **{k: v for k, v in provenance.items() if k not in ("judge", "judges", "run_card")},
               "note": "overall: the mean of the domain scores"}
    for section, key in (("domain", "domains"), ("category", "categories"), ("dimension", "dimensions")):
        for group in report[key]:
            for label, cell in group["scores"].items():
                yield {"section": section, "name": group["name"], "model": label, **cell}
    for task in report["tasks"]:
        for label, cell in task["scores"].items():
            yield {"section": "task", "name": task["task"], "model": label,
                   "domains": ";".join(task["domains"]), "category": task["category"],
                   "metric": task["metric"], **cell}
    for instance in report["instances"]:
        for label, cell in instance["scores"].items():
            yield {"section": "instance", "name": instance["instance"], "model": label,
                   "metric": instance["metric"], "note": f"task {instance['task']}", **cell}
    comparison = report.get("baseline")
    if comparison:
        for task in comparison["tasks"]:
            for label, test in task["models"].items():
                yield {"section": "baseline_task", "name": task["task"], "model": label,
                       "baseline": comparison["model"], "diff": test["diff"], "diff_ci_low": test["ci_low"],
                       "diff_ci_high": test["ci_high"], "p_value": test["p_value"]}
        for section, key in (("baseline_domain", "domains"), ("baseline_category", "categories")):
            for group in comparison[key]:
                for label, entry in group["models"].items():
                    yield {"section": section, "name": group["name"], "model": label,
                           "n_tasks": group["n_tasks"], "baseline": comparison["model"], **entry}
    for entry in report.get("audio_dependence") or []:
        # model: the normal run; baseline: its control run; diff: normal minus control
        parts = [("audio_dependence_overall", "all tasks", entry["overall"])]
        parts += [("audio_dependence_domain", row["name"], row) for row in entry["domains"]]
        parts += [("audio_dependence_task", row["task"], row) for row in entry["tasks"]]
        for section, name, test in parts:
            yield {"section": section, "name": name, "model": entry["normal"], "baseline": entry["control"],
                   "diff": test["diff"], "diff_ci_low": test["ci_low"], "diff_ci_high": test["ci_high"],
                   "p_value": test["p_value"], "note": f"{entry['kind']} control"}
    yield from _later_rows(report)
    for item in report["left_out"]:
        yield {"section": "left_out", "name": item["instance"], "note": item["reason"]}


def _later_rows(report: dict):
    """Prompt strategies (model: the run, baseline: the plain run), suites (name: task, note: the
    column) and analyses (one row per instance and statistic; name "all instances" for the mean)."""
    for entry in report.get("prompt_strategies") or []:
        tests = [("all tasks", entry["overall"])] + [(t["task"], t) for t in entry["tasks"]]
        for name, test in tests:
            if test:
                yield {"section": "prompt_strategy", "name": name, "model": entry["run"],
                       "baseline": entry["base"], "score": test["run"]["score"], "diff": test["diff"],
                       "diff_ci_low": test["ci_low"], "diff_ci_high": test["ci_high"],
                       "p_value": test["p_value"], "statistic": entry["strategy"]}
    for suite in report.get("suites") or []:
        rows = [(row["task"], row["scores"]) for row in suite["rows"]] + [("mean", suite["mean"])]
        for name, scores in rows:
            for column, by_model in scores.items():
                for label, estimate in by_model.items():
                    yield {"section": f"suite_{suite['suite']}", "name": name, "model": label, **estimate,
                           "note": column}
    for section in ("instruction_sensitivity", "audio_order"):
        for entry in report.get(section) or []:
            items = [("all instances", entry["overall"], "")]
            items += [(item["instance"], item, item.get("message") or "") for item in entry["instances"]]
            for name, numbers, note in items:
                for statistic in ("original", "mean", "spread", "consistency", "vote", "worst"):
                    if numbers.get(statistic):
                        found = numbers[statistic]
                        yield {"section": section, "name": name, "model": entry["label"],
                               "score": found["score"], "ci_low": found["ci_low"],
                               "ci_high": found["ci_high"], "statistic": statistic,
                               "note": found.get("instruction") or note}
