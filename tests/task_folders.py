"""Task folders for tests: a card and the README.md every task folder needs (`dsuperb validate`
rejects a folder without one, or one with `<fill: ...>` markers left)."""

from __future__ import annotations

from pathlib import Path


def write_task_folder(folder: Path, card: str, readme: str | None = None) -> Path:
    """Write `folder/task.yaml` and a filled README.md (the given text, or a short page)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "task.yaml").write_text(card, encoding="utf-8")
    if readme is None:
        readme = f"# {folder.name}\n\nA task written by a test: what it is, its data and how it is scored.\n"
    (folder / "README.md").write_text(readme, encoding="utf-8")
    return folder
