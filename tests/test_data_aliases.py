"""The data layer looks for a renamed repository at its current hub path first, then at its
earlier paths (`aliases`): in a local data folder, and on the hub (a local stand-in here)."""

from __future__ import annotations

import pytest
from hub_stand_in import HubStandIn

from dsuperb.data import open_instance
from dsuperb.data_sources import _probe_hub, local_copy
from dsuperb.errors import DataUnavailable

CURRENT, EARLIER = "DynamicSuperb/SoundType_Test", "DynamicSuperb/Sound_Type_Test"
COMMIT = "5555555555555555555555555555555555555555"


def columns(tone, rows: int = 3) -> dict:
    from dsuperb.local_dataset import audio_value

    return {"file": [f"f{i}" for i in range(rows)], "instruction": ["Tone or speech?"] * rows,
            "label": ["tone"] * rows,
            "audio": [audio_value(tone(0.2), 16_000, f"{i}.wav") for i in range(rows)]}


def test_a_local_copy_under_an_earlier_path_is_found(make_dataset, make_instance, tone):
    root = make_dataset(columns(tone), hf_path=EARLIER)
    instance = make_instance(aliases=(EARLIER,))
    opened = open_instance(instance, data_dir=root)
    assert opened.source == f"local folder {root / EARLIER}"
    assert opened.num_rows == 3
    # the current path wins when both are there
    make_dataset(columns(tone, rows=2), hf_path=CURRENT)
    assert open_instance(instance, data_dir=root).num_rows == 2


def test_without_any_copy_the_message_names_the_current_path(tmp_path, make_instance):
    instance = make_instance(aliases=(EARLIER,))
    assert local_copy(instance, tmp_path) == tmp_path / CURRENT
    assert local_copy(instance, None) is None
    with pytest.raises(DataUnavailable, match=f"no local copy at {tmp_path / CURRENT}"):
        open_instance(instance, data_dir=tmp_path)


@pytest.fixture
def online(monkeypatch):
    """The hub reachable (a stand-in) for this test only."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)

    def at(hub: HubStandIn) -> None:
        monkeypatch.setattr(constants, "ENDPOINT", hub.url)

    return at


def test_the_hub_is_asked_for_the_current_path_then_the_earlier_one(online, make_instance):
    instance = make_instance(aliases=(EARLIER,), revision=COMMIT)
    with HubStandIn({EARLIER: [COMMIT]}) as hub:
        online(hub)
        found = _probe_hub(instance, CURRENT, "", "put a copy somewhere")
    assert found == EARLIER
    assert hub.dataset_requests == [f"/api/datasets/{CURRENT}/revision/{COMMIT}",
                            f"/api/datasets/{EARLIER}/revision/{COMMIT}"]


def test_the_current_path_is_used_when_the_hub_has_it(online, make_instance):
    instance = make_instance(aliases=(EARLIER,))
    with HubStandIn({CURRENT: [COMMIT], EARLIER: [COMMIT]}) as hub:
        online(hub)
        assert _probe_hub(instance, CURRENT, "", "") == CURRENT
    assert hub.dataset_requests == [f"/api/datasets/{CURRENT}"]


def test_no_path_on_the_hub_is_one_message_naming_every_path(online, make_instance):
    instance = make_instance(aliases=(EARLIER,), revision=COMMIT)
    with HubStandIn({}) as hub:
        online(hub)
        with pytest.raises(DataUnavailable) as caught:
            _probe_hub(instance, f"{CURRENT}@{COMMIT}", "", "put a copy at DIR")
    assert str(caught.value) == (f"instance SoundType_Test: there is no hub dataset {CURRENT}@{COMMIT} "
                                 f"nor at its earlier path(s) {EARLIER} (or it is private); "
                                 "put a copy at DIR")


def test_a_revision_missing_from_the_found_repository_is_not_looked_for_elsewhere(online, make_instance):
    instance = make_instance(aliases=(EARLIER,), revision=COMMIT)
    with HubStandIn({CURRENT: ["6" * 40], EARLIER: [COMMIT]}) as hub:
        online(hub)
        with pytest.raises(DataUnavailable) as caught:
            _probe_hub(instance, CURRENT, "", "")
    assert f"revision {COMMIT} does not exist in hub dataset {CURRENT};" in str(caught.value)
    assert len(hub.dataset_requests) == 1
