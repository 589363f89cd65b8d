"""The control runs `--control` names (what each does to the audio: `dsuperb.controls`).

Apart from the data layer so that the command line, the run card and the report can name them
without importing numpy; held equal to the schemas' enums by a test.
"""

from __future__ import annotations

SILENCE, SHUFFLE = "silence", "shuffle"
CONTROLS = (SILENCE, SHUFFLE)
