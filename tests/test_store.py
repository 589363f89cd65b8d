"""The predictions store: append + flush, resume by file id, torn tails, whole-file writes."""

from __future__ import annotations

import json

import pytest

from dsuperb.errors import StoreError
from dsuperb.infra.jsonfiles import write_json_atomic, write_jsonl_atomic
from dsuperb.runfolder.store import PredictionStore, read_predictions


def row(file, response="yes", error=None):
    return {"instance": "I", "file": file, "instruction": "q?", "label": "yes", "response": response,
            "error": error}


def test_appended_rows_are_on_disk_before_close(tmp_path):
    path = tmp_path / "p" / "I.jsonl"
    store = PredictionStore(path)
    assert store.open() == {}
    store.append([row("a"), row("b")])
    # flushed: another reader sees both rows while the store is still open
    assert [r["file"] for r in read_predictions(path)] == ["a", "b"]
    store.close()


def test_reopen_returns_done_rows_and_never_writes_a_row_twice(tmp_path):
    path = tmp_path / "I.jsonl"
    with PredictionStore(path) as store:
        store.open()
        store.append([row("a"), row("b")])
    with PredictionStore(path) as store:
        done = store.open()
        assert set(done) == {"a", "b"}
        store.append([row("b", "other"), row("c")])
    rows = read_predictions(path)
    assert [r["file"] for r in rows] == ["a", "b", "c"]
    assert rows[1]["response"] == "yes"


TORN_TAILS = [b'{"instance": "I", "file": "c", "resp', b'{"instance": "I", "file": "c"}', b"\x00\x00"]


@pytest.mark.parametrize("tail", TORN_TAILS)
def test_torn_last_line_is_cut_off_and_the_sample_runs_again(tmp_path, tail):
    path = tmp_path / "I.jsonl"
    good = "".join(json.dumps(row(f)) + "\n" for f in ("a", "b")).encode()
    path.write_bytes(good + tail)
    store = PredictionStore(path)
    done = store.open()
    assert set(done) == {"a", "b"} and store.repaired
    store.append([row("c")])
    store.close()
    lines = path.read_text().splitlines()
    assert [json.loads(line)["file"] for line in lines] == ["a", "b", "c"]


def test_reader_ignores_a_torn_tail_without_touching_the_file(tmp_path):
    path = tmp_path / "I.jsonl"
    data = (json.dumps(row("a")) + "\n" + '{"file": "b", "re').encode()
    path.write_bytes(data)
    assert [r["file"] for r in read_predictions(path)] == ["a"]
    assert path.read_bytes() == data


def test_damage_in_the_middle_is_an_error_naming_file_and_line(tmp_path):
    path = tmp_path / "I.jsonl"
    path.write_text(json.dumps(row("a")) + "\nnot json\n" + json.dumps(row("b")) + "\n")
    with pytest.raises(StoreError, match=r"I\.jsonl:2: not a JSON row"):
        PredictionStore(path).open()
    assert "not json" in path.read_text()  # nothing was thrown away


def test_drop_failed_removes_error_rows_so_they_run_again(tmp_path):
    path = tmp_path / "I.jsonl"
    with PredictionStore(path) as store:
        store.open()
        store.append([row("a"), row("b", None, "ValueError: boom"), row("c")])
    with PredictionStore(path) as store:
        assert set(store.open(drop_failed=True)) == {"a", "c"}
        store.append([row("b")])
    rows = read_predictions(path)
    assert sorted(r["file"] for r in rows) == ["a", "b", "c"] and all(r["error"] is None for r in rows)


def test_whole_file_writes_replace_atomically_and_leave_no_temporary_files(tmp_path):
    target = tmp_path / "results.json"
    write_json_atomic(target, {"v": 1})
    write_json_atomic(target, {"v": 2})
    assert json.loads(target.read_text()) == {"v": 2}
    write_jsonl_atomic(tmp_path / "s.jsonl", [{"a": 1}, {"a": 2}])
    assert (tmp_path / "s.jsonl").read_text() == '{"a": 1}\n{"a": 2}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json", "s.jsonl"]


def test_a_failed_whole_file_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "results.json"
    write_json_atomic(target, {"v": 1})
    with pytest.raises(TypeError):
        write_json_atomic(target, {"v": object()})
    assert json.loads(target.read_text()) == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["results.json"]


def test_unreadable_json_files_are_store_errors_naming_the_file(tmp_path):
    from dsuperb.infra.jsonfiles import read_json
    from dsuperb.runfolder.records import read_checked as read_checked_json

    (tmp_path / "latin1.json").write_bytes(b'{"model": "caf\xe9"}')
    with pytest.raises(StoreError, match="latin1.json: not UTF-8 text"):
        read_json(tmp_path / "latin1.json")
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(StoreError, match="folder.json: cannot be read"):
        read_json(tmp_path / "folder.json")
    (tmp_path / "results.json").write_text('{"complete": true}')
    with pytest.raises(StoreError, match="results.json: not a valid results file \\(top level: .*required"):
        read_checked_json(tmp_path / "results.json", "results")
