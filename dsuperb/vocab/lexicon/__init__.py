"""Curated alias lexicons: what answers mean, as data.

Each family module (`emotions`, `people`, `languages`, `sounds`, `instruments`, `scenes`,
`intents`, `phonetics`, `states`) holds
`FAMILY` and `CONCEPTS`: concept name -> optional `family` (else the module's), `aliases`
(words and phrases in English and other languages, "|"-separated), optional `codes` (short
forms such as ISO codes, "F", "neu": read only when they are the whole answer), optional `is_a`
(broader concepts) and `years` (age ranges). A concept's own name is always one of its aliases.

`lexicon()` builds one index over every family: folded phrase -> concepts, and the is-a
closure, so a reader can tell an equal term ("joyful" for happy), a narrower one ("electric
guitar" for guitar) and a broader one ("a string instrument" for violin) apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from ..text import CJK, CJK_CHAR
from . import emotions, instruments, intents, languages, people, phonetics, scenes, sounds, states

_LOCALE = re.compile(r"([a-z]{2}) ([a-z]{2})")
FAMILIES = (emotions, people, languages, sounds, instruments, scenes, intents, phonetics, states)
# Word tokens: letters and digits, with CJK characters left to the substring scan.
WORD = re.compile(rf"(?:(?![{CJK}])[^\W_])+")


@dataclass(frozen=True)
class Concept:
    name: str
    family: str
    aliases: frozenset[str]
    codes: frozenset[str]
    parents: frozenset[str]
    years: tuple[int, int] | None = None


# A feature's sign is part of its name: "[+back]" and "[-back]" are two phrases, not one "back".
_SIGNED = re.compile(r"(?:(?<=^)|(?<=[\[(\s]))[+-](?=[^\W\d_])")


@lru_cache(maxsize=65536)
def phrase_key(text: str) -> str:
    """The lookup form of a phrase: lower-case, accents dropped, words joined by one space."""
    text = unicodedata.normalize("NFC", text.lower())
    text = _SIGNED.sub(lambda m: " plus " if m.group(0) == "+" else " minus ", text)
    if CJK_CHAR.search(text):  # Hangul must stay composed: NFKD would split it into jamo
        return "".join(text.split())
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join(WORD.findall(text))


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, Concept]
    by_phrase: dict[str, tuple[str, ...]]  # word phrases (space-joined keys)
    by_cjk: dict[str, tuple[str, ...]]  # CJK phrases, found inside unspaced text
    by_code: dict[str, tuple[str, ...]]
    ancestors: dict[str, frozenset[str]]
    max_cjk: int
    longest_from: dict[str, int]  # first word of a phrase -> the most words a phrase starting with it has

    def lookup(self, text: str) -> tuple[str, ...]:
        """Concepts a whole phrase names (aliases, then codes); () when none."""
        key = phrase_key(text)
        return self.by_phrase.get(key) or self.by_cjk.get(key) or self.by_code.get(key) or self.locale(key)

    def locale(self, key: str) -> tuple[str, ...]:
        """A language code with a region ("ru-RU", "it-IT", "zh-TW"): the language of its code."""
        found = _LOCALE.fullmatch(key)
        names = self.by_code.get(found.group(1), ()) if found else ()
        return tuple(name for name in names if self.concepts[name].family == "language")

    def family(self, name: str) -> str | None:
        concept = self.concepts.get(name)
        return concept.family if concept else None


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split("|") if part.strip()]


@cache
def lexicon() -> Lexicon:
    concepts: dict[str, Concept] = {}
    for module in FAMILIES:
        for name, entry in module.CONCEPTS.items():
            if name in concepts:
                raise ValueError(f"lexicon: concept {name!r} defined twice")
            years = entry.get("years")
            aliases, codes = [name, *_split(entry.get("aliases", ""))], _split(entry.get("codes", ""))
            _no_repeats(module, name, aliases, "alias")
            _no_repeats(module, name, codes, "code")
            concepts[name] = Concept(
                name, entry.get("family", module.FAMILY), frozenset(aliases), frozenset(codes),
                frozenset(_split(entry.get("is_a", ""))),
                tuple(int(y) for y in years.split("-")) if years else None)
    by_phrase: dict[str, list[str]] = {}
    by_cjk: dict[str, list[str]] = {}
    by_code: dict[str, list[str]] = {}
    for concept in concepts.values():
        for parent in concept.parents:
            if parent not in concepts:
                raise ValueError(f"lexicon: {concept.name} is_a unknown concept {parent!r}")
        for alias in concept.aliases:
            key = phrase_key(alias)
            index = by_cjk if CJK_CHAR.search(key) else by_phrase
            if key and concept.name not in index.setdefault(key, []):
                index[key].append(concept.name)
        for code in concept.codes:
            key = phrase_key(code)
            if key and concept.name not in by_code.setdefault(key, []):
                by_code[key].append(concept.name)
    ancestors = {name: _closure(name, concepts) for name in concepts}
    longest_from: dict[str, int] = {}
    for key in by_phrase:
        words = key.split()
        longest_from[words[0]] = max(longest_from.get(words[0], 0), len(words))
    return Lexicon(concepts, _frozen(by_phrase), _frozen(by_cjk), _frozen(by_code), ancestors,
                   max(len(k) for k in by_cjk), longest_from)


def _no_repeats(module, name: str, words: list[str], what: str) -> None:
    """A word listed twice in one concept is an editing slip (a paste, or the concept's own name)."""
    repeated = [word for word, count in Counter(words).items() if count > 1]
    if repeated:
        raise ValueError(f"lexicon {Path(module.__file__).name}: concept {name!r} lists the {what} "
                         f"{repeated[0]!r} twice (a concept's name is always one of its aliases)")


def _closure(name: str, concepts: dict[str, Concept]) -> frozenset[str]:
    seen: set[str] = set()
    todo = list(concepts[name].parents)
    while todo:
        parent = todo.pop()
        if parent not in seen:
            seen.add(parent)
            todo.extend(concepts[parent].parents)
    return frozenset(seen)


def _frozen(index: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(names) for key, names in index.items()}
