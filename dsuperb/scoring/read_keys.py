"""Reading musical keys and chords the way musicians write them: "Am", "A min", "a minor",
"Cmaj", "C# major" = "Db major" (enharmonics are the same key).
"""

from __future__ import annotations

import re

from .judge_frame import ANSWER, HEDGE, NONE, Frame, Reading
from .mentions import negated_before

_PITCH = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_OPTION = re.compile(r"^\s*([A-Ga-g])\s*(#|♯|b|♭|-?sharp|-?flat)?\s*(major|minor|maj|min|m|M)\s*$")
# In running text the letter is upper-case ("Am", "C major"), or lower-case before a spelled-out mode.
_MENTION = re.compile(r"(?<![\w#])(?:([A-G])\s*(#|♯|b|♭|-?sharp|-?flat)?\s*(major|minor|maj|min|m|M)(?![a-z])"
                      r"|([a-g])\s*(#|♯|-?sharp|-?flat)?\s+(major|minor)\b)")


def key_of(letter: str, accidental: str | None, mode: str) -> tuple[int, str]:
    shift = 0
    if accidental:
        shift = 1 if accidental in ("#", "♯") or "sharp" in accidental else -1
    quality = "major" if mode in ("major", "maj", "M") else "minor"
    return (_PITCH[letter.lower()] + shift) % 12, quality


def option_keys(options: tuple[str, ...]) -> dict:
    """index -> (pitch class, major/minor) when every option is a key; {} otherwise."""
    out = {}
    for index, option in enumerate(options):
        match = _OPTION.match(option)
        if not match:
            return {}
        out[index] = key_of(*match.groups())
    return out


def read_keys(text: str, frame: Frame, keys: dict) -> Reading | None:
    found = []
    for match in _MENTION.finditer(text):
        letter, accidental, mode = (match.group(1), match.group(2), match.group(3)) if match.group(1) \
            else (match.group(4), match.group(5), match.group(6))
        if negated_before(text[max(0, match.start() - 40):match.start()]):
            continue
        found.append((key_of(letter, accidental, mode), match.group(0).strip()))
    if not found:
        return None
    distinct = list(dict.fromkeys(key for key, _ in found))
    if len(distinct) > 1:
        return Reading(HEDGE, (), "hedges between keys: " + ", ".join(dict.fromkeys(t for _, t in found)))
    for index, key in keys.items():
        if key == distinct[0]:
            option = frame.options[index]
            return Reading(ANSWER, (option,), f"reads '{found[0][1]}' as {option}")
    return Reading(NONE, (), f"out of options: the key {found[0][1]!r} is not one of them")
