"""The run folder: what `dsuperb eval` writes and `merge`, `score` and `report` read.

```
runs/<model-slug>[__<control>][__shard-<i>-of-<n>]/
  run_card.json                 what produced the run (runcard.py; schemas/run_card.schema.json)
  predictions/<instance>.jsonl  appended and flushed as answers arrive (store.py)
  scored/<instance>.jsonl       written whole (scored.py)
  results.json                  written whole (records.py; schemas/results.schema.json)
```

Every reader and writer of these files goes through this package: `layout` names them,
`records` types their rows and documents, `store` appends predictions, `runcard` records and
compares settings, `scored` scores an instance into the folder, `reader` opens a finished run,
and `merge` joins shards.
"""
