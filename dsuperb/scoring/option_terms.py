"""The words that name each option of one option set, and what a lexicon term means against it.

An option is named by its own text (any case, a plural "-s"), by its head noun where that names
no other option ("guitar" for "acoustic guitar" when it is the only guitar), and by every alias
of the lexicon concept it is ("joyful", "alegre", "开心" for happy). A lexicon term in a reply
resolves against the options: the option it equals, the one option it is a kind of ("electric
guitar" -> guitar, "Mandarin" -> Chinese), or the one option whose name it shortens ("guitar" ->
acoustic guitar, "dog" -> dog bark). A broader term is *broad* and names none of them: a class
word ("a string instrument", "North American", "a bird" for rooster) even where it covers only one
option, and any term that covers several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from ..vocab.lexicon import WORD, lexicon, phrase_key
from ..vocab.text import CJK, CJK_CHAR, fold

_TOKEN_CHAR = r"\w\u0300-\u036f\u02b0-\u02ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\-"
_BEFORE = rf"(?<![{_TOKEN_CHAR}])"
_AFTER = rf"(?![{_TOKEN_CHAR}])"
# Heads too generic to stand for one option, and options that deny (no X) have no head alias.
_GENERIC_HEADS = {"sound", "sounds", "noise", "voice", "music", "speech", "one", "only", "type", "kind",
                  "other",
                  "thing", "person", "speaker", "clip", "audio", "effect", "repetition", "tone", "signal",
                  "city", "english", "language", "accent", "major", "minor", "both", "none"}
_DENYING = re.compile(r"^(?:no|non|not|without)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Resolution:
    options: frozenset[int]
    how: str  # "exact", "kind of", "covers" (one option), "broad" (several), "outside" (none)


class OptionTerms:
    """Everything about one option set that reading a reply needs, built once per set."""

    def __init__(self, options: tuple[str, ...], from_labels: bool = False):
        self.options = options
        # with no option list, the labels stand in: a broader word must not pass for one of them
        self.allow_covers = not from_labels
        self.folded = [fold(o) for o in options]
        lex = lexicon()
        found = [self._concepts_of(o) for o in options]
        self.concepts: list[tuple[str, ...]] = [names for names, _ in found]
        self.narrower = [narrower for _, narrower in found]  # the option is a kind of its concept
        self.families = {lex.family(c) for names in self.concepts for c in names} - {None}
        self.literal, self.by_surface = _literal_pattern(options, self.folded)
        self.stems = _option_stems(self.folded)
        self._short_names: dict[tuple[str, int], bool] = {}

    @staticmethod
    def _concepts_of(option: str) -> tuple[tuple[str, ...], bool]:
        """The concepts an option is, or (`True`) the concept its head word names ("chirping birds"
        is a kind of bird); proper names ("New England") are taken whole only."""
        lex = lexicon()
        found = lex.lookup(option)
        if not found and option.lower().endswith("s"):
            found = lex.lookup(option[:-1])
        if found:
            return found, False
        if sum(1 for word in option.split() if word[:1].isupper()) >= 2:
            return (), False
        hits = lexicon_hits(option)
        return (hits[-1][2], True) if hits and len(option.split()) >= 2 else ((), False)

    def option_for_surface(self, surface: str) -> frozenset[int]:
        key = fold(surface)
        hit = self.by_surface.get(key)
        if hit is None and key.endswith("es"):
            hit = self.by_surface.get(key[:-2])
        if hit is None and key.endswith("s"):
            hit = self.by_surface.get(key[:-1])
        return hit or frozenset()

    def resolve(self, names: tuple[str, ...]) -> Resolution:
        """What lexicon concepts named in a reply mean against these options."""
        lex = lexicon()
        exact, kind_of, covers, classes = set(), {}, set(), set()
        for name in names:
            above = lex.ancestors.get(name, frozenset())
            for index, option_concepts in enumerate(self.concepts):
                for concept in option_concepts:
                    if self.narrower[index]:  # the option is a kind of `concept`
                        if (concept == name or name in lex.ancestors.get(concept, frozenset())) \
                                and self._may_cover(name):
                            (covers if self._shortens(name, index) else classes).add(index)
                        continue
                    if concept == name:
                        exact.add(index)
                    elif concept in above:  # the term is a kind of this option
                        depth = _depth(name, concept)
                        kind_of[index] = min(depth, kind_of.get(index, depth))
                    elif name in lex.ancestors.get(concept, frozenset()) and self._may_cover(name):
                        (covers if self._shortens(name, index) else classes).add(index)  # the term covers it
        if exact:
            return Resolution(frozenset(exact), "exact" if len(exact) == 1 else "broad")
        if kind_of:
            nearest = min(kind_of.values())
            chosen = frozenset(i for i, d in kind_of.items() if d == nearest)
            return Resolution(chosen, "kind of" if len(chosen) == 1 else "broad")
        if covers and not classes:
            return Resolution(frozenset(covers), "covers" if len(covers) == 1 else "broad")
        if covers or classes:  # a class word ("a string instrument") is no option, even covering only one
            return Resolution(frozenset(covers | classes), "broad")
        return Resolution(frozenset(), "outside")

    def _shortens(self, name: str, index: int) -> bool:
        """Whether a broader term is the option's own name cut short ("guitar" in "acoustic guitar",
        "dog" in "dog bark"), not a class word ("a string instrument" for violin, "North American"
        for American, "a bird" for rooster): only the first names the option."""
        key = (name, index)
        if key not in self._short_names:
            words = f" {phrase_key(self.options[index])} "
            self._short_names[key] = any(f" {phrase_key(alias)} " in words
                                         for alias in lexicon().concepts[name].aliases if phrase_key(alias))
        return self._short_names[key]

    def _may_cover(self, name: str) -> bool:
        """A topic word ("emotion", "sound", "instrument": a concept with nothing above it) names no
        option, and with no option list nothing broader may stand for a label."""
        return self.allow_covers and bool(lexicon().concepts[name].parents)

    def family_of(self, names: tuple[str, ...]) -> bool:
        """Whether concepts belong to the families these options come from."""
        lex = lexicon()
        return any(lex.family(name) in self.families for name in names)


@lru_cache(maxsize=2048)
def option_terms(options: tuple[str, ...], from_labels: bool = False) -> OptionTerms:
    return OptionTerms(options, from_labels)


def _depth(name: str, ancestor: str) -> int:
    """Steps from a concept up to one of its ancestors (breadth first)."""
    lex = lexicon()
    frontier, depth, seen = {name}, 0, set()
    while frontier and depth < 20:
        if ancestor in frontier:
            return depth
        seen |= frontier
        frontier = {p for n in frontier for p in lex.concepts[n].parents} - seen
        depth += 1
    return depth


def _literal_pattern(options: tuple[str, ...], folded: list[str]) -> tuple[re.Pattern, dict]:
    by_surface: dict[str, set[int]] = {}
    for index, key in enumerate(folded):
        if key:
            by_surface.setdefault(key, set()).add(index)
    for index, key in enumerate(folded):  # other spellings of the same name
        for variant in _spellings(key):
            if variant not in by_surface:
                by_surface[variant] = {index}
    heads: dict[str, set[int]] = {}
    for index, option in enumerate(options):
        words = folded[index].split()
        if len(words) >= 2 and not _DENYING.match(folded[index]) and option[:1].islower() \
                and words[-1].isalpha() and words[-1] not in _GENERIC_HEADS and len(words[-1]) > 2:
            heads.setdefault(words[-1], set()).add(index)
    for head, owners in heads.items():
        if head not in by_surface and len(owners) == 1 and not lexicon().lookup(head):
            by_surface[head] = set(owners)
    for index, key in enumerate(folded):  # "birds chirping" for "chirping birds"
        words = key.split()
        if len(words) == 2 and not _DENYING.match(key) and all(w.isalpha() for w in words):
            by_surface.setdefault(f"{words[1]} {words[0]}", {index})
    surfaces = sorted(by_surface, key=len, reverse=True)
    body = "|".join(_bounded(s) for s in surfaces) or r"(?!x)x"
    return re.compile(body, re.IGNORECASE), {k: frozenset(v) for k, v in by_surface.items()}


_STEM_LENGTH = 6  # shorter stems collide ("posit-ive" / "posit-ion")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of an English word: "distorted" and "distortion" share "distort"."""
    return _STEMMER.stemWord(word.lower())


def _option_stems(folded: list[str]) -> dict[str, int]:
    """stem -> option, for one-word options whose stem is long and names no other option."""
    found: dict[str, set[int]] = {}
    for index, key in enumerate(folded):
        if key.isascii() and key.isalpha() and len(stem(key)) >= _STEM_LENGTH:
            found.setdefault(stem(key), set()).add(index)
    return {key: next(iter(owners)) for key, owners in found.items() if len(owners) == 1}


def _spellings(key: str) -> list[str]:
    """ "synth_lead" -> "synth lead", "synthlead"; "tap/flap" -> "tap", "flap"; "[-back]" -> "-back"."""
    out = []
    if re.search(r"\w[_-]\w", key):
        out += [re.sub(r"[_-]", " ", key), re.sub(r"[_-]", "", key)]
    if "/" in key and " " not in key:
        out += [part for part in key.split("/") if len(part) > 2]
    signed = re.fullmatch(r"\[([+-]\w{2,})\]", key)
    if signed:
        out.append(signed.group(1))
    return out


def _bounded(surface: str) -> str:
    """The surface as a whole token (a plural "-s"/"-es" allowed); CJK edges may touch CJK text."""
    before = rf"(?:{_BEFORE}|(?<=[{CJK}]))" if CJK_CHAR.match(surface) else _BEFORE
    plural = "(?:e?s)?" if re.search(r"[a-z]{3}$", surface) else ""
    after = rf"(?:{_AFTER}|(?=[{CJK}]))" if CJK_CHAR.search(surface[-1:]) else _AFTER
    return f"{before}{re.escape(surface)}{plural}{after}"


@lru_cache(maxsize=16384)
def lexicon_hits(text: str, short: bool = False) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """(start, end, concepts) of every lexicon phrase in the text, longest first at each word;
    CJK phrases are found inside unspaced text; codes only when `short` (a whole short answer)."""
    lex = lexicon()
    words = [(m.start(), m.end(), phrase_key(m.group(0))) for m in WORD.finditer(text)]
    hits = []
    for i in range(len(words)):
        longest = lex.longest_from.get(words[i][2], 1 if len(words[i][2]) > 3 else 0)
        for n in range(min(longest, len(words) - i), 0, -1):
            key = " ".join(w for _, _, w in words[i:i + n])
            names = lex.by_phrase.get(key)
            if names is None and n == 1 and len(key) > 3 and key.endswith("s"):
                names = lex.by_phrase.get(key[:-1])
            if names:
                hits.append((words[i][0], words[i + n - 1][1], names))
                break
    for run in re.finditer(f"[{CJK}]+", text):
        chars = run.group(0)
        for i in range(len(chars)):
            for n in range(min(lex.max_cjk, len(chars) - i), 0, -1):
                names = lex.by_cjk.get(chars[i:i + n])
                if names:
                    hits.append((run.start() + i, run.start() + i + n, names))
                    break
    if short and len(words) <= 3 and not CJK_CHAR.search(text):
        key = " ".join(w for _, _, w in words)
        names = lex.by_code.get(key) or lex.locale(key)
        if names:
            hits.append((words[0][0], words[-1][1], names))
    return tuple(hits)
