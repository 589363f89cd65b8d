"""Analyses that ask a model the same question again in another form, each run as its own run folder.

- `instructions` (`dsuperb eval --instruction-variants K`): each sample is answered under its own
  instruction and under K others drawn from the instance's instruction pool (the distinct
  instructions of its dataset) that offer the same answer options, the sample's label kept
  (`instructions.py`).
- `permutations` (`--audio-permutations K`): each multi-audio sample is answered with its audios
  in their own order and in K others, the label following the order as the card's `audio_order`
  says (`permutations.py`).

Every answer is a row of its own, keyed `<file>#i<k>` or `<file>#p<k>` (k = 0 is the sample as the
dataset gives it), with `variant_of` (the sample's id) and `variant` (the instruction, or the order
of the audios as their original places), so storing, resuming, sharding, merging and scoring work
as for any run. What is asked is planned before the first request from the dataset's text columns
alone (`plan.py`): deterministic for a seed, the same in every shard, with each sample left out
counted under its reason.
"""
