"""The built-in reference models (random, majority, null) and loading models by `module:Class`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest

from dsuperb.cards import Instance
from dsuperb.errors import ModelError
from dsuperb.infra.hashing import stable_int as stable_seed
from dsuperb.models.base import Request
from dsuperb.models.baselines import MajorityModel, NullModel, RandomModel
from dsuperb.models.options import CommonOptions
from dsuperb.models.registry import load_model

EMOTION = "What is the speaker's emotion? The answer could be happy, sad, angry, or neutral."


def instance(name="Emo_X", label_set=("happy", "sad", "angry", "neutral")):
    return Instance(name=name, task="Emo", hf_path=f"T/{name}", revision=None, type="classification",
                    metric="llm_classification", label_set=label_set)


def requests(n, instruction=EMOTION, inst="Emo_X"):
    return [Request(id=f"f{i:03d}", instance=inst, instruction=instruction) for i in range(n)]


def test_random_answers_among_the_instructions_options_roughly_uniformly():
    model = RandomModel(CommonOptions(seed=0))
    answers = model.generate(requests(400))
    counts = Counter(answers)
    assert set(counts) == {"happy", "sad", "angry", "neutral"}
    assert min(counts.values()) > 60  # 100 expected each


def test_random_depends_on_seed_instance_and_id_only_not_on_order_or_batching():
    reqs = requests(50)
    model = RandomModel(CommonOptions(seed=3))
    whole = model.generate(reqs)
    one_by_one = [model.generate([r])[0] for r in reversed(reqs)][::-1]
    assert whole == one_by_one
    assert RandomModel(CommonOptions(seed=3)).generate(reqs) == whole
    assert RandomModel(CommonOptions(seed=4)).generate(reqs) != whole
    assert model.generate(requests(50, inst="Emo_Y")) != whole


def test_random_is_the_same_in_another_process_whatever_the_hash_seed():
    code = ("from dsuperb.models.baselines import RandomModel; from dsuperb.models.base import Request as R;"
            f"print(RandomModel().generate([R(id=str(i), instance='I', instruction={EMOTION!r}) "
            "for i in range(30)]))")
    outputs = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        outputs.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                   check=True).stdout)
    assert len(outputs) == 1
    assert stable_seed(0, "I", "1") == stable_seed(0, "I", "1") != stable_seed(0, "I", "2")


def test_random_falls_back_to_the_label_set_then_to_an_empty_answer():
    model = RandomModel()
    model.prepare(instance(label_set=("yes", "no")))
    no_options = requests(40, instruction="Describe what you hear.")
    assert set(model.generate(no_options)) == {"yes", "no"}
    model.prepare(instance(name="Asr_X", label_set=None))
    assert model.generate(requests(3, instruction="Transcribe the audio.", inst="Asr_X")) == ["", "", ""]


def test_majority_answers_the_most_frequent_label_with_a_stable_tie_break():
    model = MajorityModel()
    assert model.wants_label_counts
    model.prepare(instance(), {"sad": 3, "happy": 10, "angry": 10})
    assert model.generate(requests(2)) == ["angry", "angry"]  # tie: alphabetical, not row order
    model.prepare(instance(name="Other"), {})
    assert model.generate(requests(1, inst="Other")) == [""]
    assert "prior-knowledge" in model.describe()["policy"]


def test_null_answers_empty_strings():
    assert NullModel().generate(requests(3)) == ["", "", ""]


def test_registry_loads_builtins_and_module_class_specs():
    assert isinstance(load_model("random", CommonOptions(seed=7)), RandomModel)
    assert load_model("random", CommonOptions(seed=7)).describe()["seed"] == 7
    assert isinstance(load_model("null"), NullModel)
    slow = load_model("runner_fixtures:SlowModel")
    assert slow.describe()["id"] == "slow-test-model"


@pytest.mark.parametrize("spec, message", [
    ("no_such_module_here:Model", "cannot import no_such_module_here"),
    ("runner_fixtures:NoSuchClass", "has no model class NoSuchClass"),
    ("runner_fixtures:clip", "is not a dsuperb.models.base.Model"),
])
def test_registry_reports_a_bad_module_class_spec_clearly(spec, message):
    with pytest.raises(ModelError, match=message):
        load_model(spec)
