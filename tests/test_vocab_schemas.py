"""Each closed set of names has one owner in `dsuperb.vocab`: the schemas that write the names into
files, and the options of `dsuperb eval` that take them, hold exactly the owner's names."""

from __future__ import annotations

from dsuperb.commands.eval import eval_command
from dsuperb.infra.schemas import load_schema
from dsuperb.vocab.controls import CONTROLS
from dsuperb.vocab.prompts import STRATEGIES
from dsuperb.vocab.tasktypes import TaskType
from dsuperb.vocab.variants import KINDS


def test_the_schemas_hold_the_vocabulary_names():
    assert load_schema("task")["$defs"]["task_type"]["enum"] == [kind.value for kind in TaskType]
    assert load_schema("results")["$defs"]["instance"]["properties"]["type"]["enum"] == [
        kind.value for kind in TaskType]
    run_card = load_schema("run_card")["properties"]
    assert run_card["control"]["enum"] == [None, *CONTROLS]
    assert load_schema("results")["properties"]["control"]["enum"] == [None, *CONTROLS]
    assert run_card["generation"]["properties"]["prompt_strategy"]["enum"] == list(STRATEGIES)
    assert run_card["analysis"]["oneOf"][1]["properties"]["kind"]["enum"] == list(KINDS)
    report = load_schema("report")
    assert report["properties"]["prompt_strategies"]["items"]["properties"]["strategy"]["enum"] == list(
        STRATEGIES)
    assert report["properties"]["audio_dependence"]["items"]["properties"]["kind"]["enum"] == list(CONTROLS)
    assert report["$defs"]["analysis_run"]["properties"]["kind"]["enum"] == list(KINDS)


def test_eval_offers_the_vocabulary_names():
    options = {param.name: param for param in eval_command.params}
    assert tuple(options["control"].type.choices) == CONTROLS
    assert tuple(options["prompt_strategy"].type.choices) == STRATEGIES
    assert options["prompt_strategy"].default == STRATEGIES[0]
