"""The project's pre-commit hooks, installed in a temporary repository and run by real commits (offline)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from hashlib import sha1
from pathlib import Path

import pytest
import yaml
from pre_commit.clientlib import load_config, load_manifest

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / ".pre-commit-config.yaml"
MANIFEST = REPO / ".pre-commit-hooks.yaml"
DOCS_HOOK = "dsuperb docs (pages generated from the cards)"
VALIDATE_HOOK = "dsuperb validate (task cards)"


def card(task: str, instance: str, metric: str = "llm_classification") -> str:
    return f"""name: {task}
description: The model hears a clip and says whether the speaker is happy or sad.
domains: [speech]
category: paralinguistics
type: classification
metric: {metric}
keywords: [emotion]
license: CC-BY-4.0
label_set: [happy, sad]
instances:
  - name: {instance}
    hf_path: org/{instance}
    revision: {sha1(instance.encode()).hexdigest()}
"""


@pytest.fixture
def hooked_repo(tmp_path, monkeypatch):
    for key, value in {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
                       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                       "GIT_CEILING_DIRECTORIES": str(tmp_path),
                       "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HF_HUB_OFFLINE": "1"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("SKIP", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(CONFIG, repo / ".pre-commit-config.yaml")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo,
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    write_task(repo, "Emotion", card("Emotion", "Emotion_Data"))
    first = commit(repo, "first task")  # the docs hook writes docs/ from the card: add it, commit again
    assert first.returncode != 0 and hook_result(first.stdout, DOCS_HOOK) == "Failed"
    assert (repo / "docs" / "TASKS.md").is_file()
    done = commit(repo, "first task")
    assert done.returncode == 0, done.stdout
    return repo


def write_task(repo: Path, task: str, text: str) -> None:
    write(repo / "tasks" / task / "task.yaml", text)
    write(repo / "tasks" / task / "README.md", f"# {task}\n\nWhat the task is, and where its data is from.\n")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    # git sends a hook's output to stderr; keep both in order in .stdout
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").stdout.strip()


def hook_result(output: str, name: str) -> str:
    match = re.search(rf"^{re.escape(name)}\.+(Passed|Failed|\(no files to check\)Skipped)$", output, re.M)
    assert match, f"hook {name!r} not in the output:\n{output}"
    return match.group(1)


def test_broken_card_blocks_the_commit_and_the_fixed_one_passes(hooked_repo):
    before = head(hooked_repo)
    write_task(hooked_repo, "Pitch", card("Pitch", "Pitch_Data", metric="no_such_metric"))
    done = commit(hooked_repo, "broken card")
    assert done.returncode != 0
    assert hook_result(done.stdout, VALIDATE_HOOK) == "Failed"
    finding = r"^tasks/Pitch/task.yaml:6: metric: error: unknown metric 'no_such_metric'"
    assert re.search(finding, done.stdout, re.M)
    assert head(hooked_repo) == before

    write(hooked_repo / "tasks" / "Pitch" / "task.yaml", card("Pitch", "Pitch_Data"))
    done = commit(hooked_repo, "fixed card")  # the docs hook adds Pitch to docs/TASKS.md
    assert done.returncode != 0 and hook_result(done.stdout, DOCS_HOOK) == "Failed"
    assert hook_result(done.stdout, VALIDATE_HOOK) == "Passed"
    assert "[Pitch](../tasks/Pitch/task.yaml)" in (hooked_repo / "docs" / "TASKS.md").read_text()
    done = commit(hooked_repo, "fixed card")  # as a contributor does: add what the hook wrote, commit
    assert done.returncode == 0, done.stdout
    assert hook_result(done.stdout, DOCS_HOOK) == "Passed"
    assert hook_result(done.stdout, VALIDATE_HOOK) == "Passed"
    assert hook_result(done.stdout, "check YAML syntax") == "Passed"
    assert head(hooked_repo) != before


def test_a_task_readme_is_checked_when_it_changes(hooked_repo):
    before = head(hooked_repo)
    readme = hooked_repo / "tasks" / "Emotion" / "README.md"
    readme.write_text("# Emotion\n\n<fill: what the task is>\n", encoding="utf-8")
    done = commit(hooked_repo, "unfilled README")
    assert done.returncode != 0 and hook_result(done.stdout, VALIDATE_HOOK) == "Failed"
    assert re.search(r"^tasks/Emotion/README.md:3: error: placeholder not filled in", done.stdout, re.M)
    assert head(hooked_repo) == before
    readme.write_text("# Emotion\n\nThe model hears a voice and names the emotion.\n", encoding="utf-8")
    done = commit(hooked_repo, "filled README")
    assert done.returncode == 0, done.stdout
    assert hook_result(done.stdout, VALIDATE_HOOK) == "Passed"


def test_the_hook_checks_instance_names_across_the_repository(hooked_repo):
    write_task(hooked_repo, "Mood", card("Mood", "Emotion_Data"))
    done = commit(hooked_repo, "duplicate instance")
    assert done.returncode != 0
    assert "instance name 'Emotion_Data' is used more than once" in done.stdout


def test_syntax_and_lint_hooks(hooked_repo):
    before = head(hooked_repo)
    write(hooked_repo / "config" / "broken.json", '{"a": 1,}\n')
    write(hooked_repo / "config" / "broken.yaml", "key: [unclosed\n")
    write(hooked_repo / "tool.py", "import os\n")
    workflow = ("on: pull_request_targt\n"
                "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ls\n")
    write(hooked_repo / ".github" / "workflows" / "check.yml", workflow)
    done = commit(hooked_repo, "broken files")
    assert done.returncode != 0
    assert hook_result(done.stdout, "check JSON syntax") == "Failed"
    assert hook_result(done.stdout, "check YAML syntax") == "Failed"
    assert hook_result(done.stdout, "ruff check") == "Failed"
    assert "F401" in done.stdout
    assert hook_result(done.stdout, "actionlint (GitHub workflows)") == "Failed"
    assert 'unknown Webhook event "pull_request_targt"' in done.stdout
    assert hook_result(done.stdout, VALIDATE_HOOK).endswith("Skipped")
    assert hook_result(done.stdout, DOCS_HOOK).endswith("Skipped")
    assert head(hooked_repo) == before

    write(hooked_repo / "config" / "broken.json", '{"a": 1}\n')
    write(hooked_repo / "config" / "broken.yaml", "key: [closed]\n")
    write(hooked_repo / "tool.py", "import os\n\nprint(os.sep)\n")
    workflow = hooked_repo / ".github" / "workflows" / "check.yml"
    workflow.write_text(workflow.read_text().replace("pull_request_targt", "pull_request"))
    done = commit(hooked_repo, "fixed files")
    assert done.returncode == 0, done.stdout


def test_config_uses_local_hooks_only():
    config = load_config(str(CONFIG))  # pre-commit's own schema check
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    expected = {"ruff", "check-yaml", "check-json", "actionlint", "dsuperb-docs", "dsuperb-validate"}
    assert expected <= set(hooks)
    # language: system (read back as "unsupported" by pre-commit >= 4.4) builds no environment,
    # so nothing is downloaded.
    assert {hook["language"] for hook in hooks.values()} <= {"system", "unsupported"}


def test_published_hook_matches_the_local_one():
    (published,) = load_manifest(str(MANIFEST))  # pre-commit's own schema check
    local = {h["id"]: h for h in yaml.safe_load(CONFIG.read_text())["repos"][0]["hooks"]}["dsuperb-validate"]
    assert published["id"] == "dsuperb-validate"
    assert published["entry"] == local["entry"]
    assert published["pass_filenames"] and local["pass_filenames"]
    files = re.compile(published["files"])
    assert files.search("tasks/MyTask/task.yaml") and files.search("benchmark/tasks/MyTask/task.yaml")
    assert files.search("tasks/MyTask/README.md") and not files.search("tasks/MyTask/task.yaml.bak")
    assert not files.search("README.md") and not files.search("docs/README.md")
    local_files = re.compile(local["files"])
    assert local_files.search("tasks/MyTask/task.yaml") and not local_files.search("tests/data/task.yaml")
    assert local_files.search("tasks/MyTask/README.md") and not local_files.search("tasks/README.md")
