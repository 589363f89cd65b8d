"""Reading which option(s) a text commits to from the options it names, and option markers.

One option put forward -> that option. Several -> a hedge (a single answer) or the set (a
multi-label answer; a tag offered only as a possibility, "might be rain", makes it a hedge). Only
a broader word -> no choice ("North American"). Only a denial, with two options -> the other one
("It's not a minor chord."). Nothing -> out of options, with what was said.
"""

from __future__ import annotations

import re

from ..vocab.lexicon import lexicon
from ..vocab.lexicon.answer_words import NUMBER_WORDS, ORDINALS
from .judge_frame import ANSWER, BROAD, HEDGE, NONE, REFUSAL, SET, Frame, Reading
from .mentions import (
    ASSERTED,
    EMBEDDED,
    HEDGED,
    LISTED,
    MINOR,
    NAMING,
    NEGATED,
    REFUSED,
    REFUSING,
    classify,
    find,
)


def read_choice(text: str, frame: Frame, short: bool = False) -> Reading:
    mentions = classify(text, find(text, frame.terms, short), frame.terms, lists_answer=frame.multi)
    naming = [m for m in mentions if m.status in NAMING]
    chosen = _ordered(m for m in naming if m.names_one)
    if frame.multi:
        extra = _ordered(m for m in mentions if m.status == MINOR and m.names_one)
        named = chosen + [o for o in extra if o not in chosen]
        tentative = [m.text for m in naming if m.status == HEDGED and m.names_one]
        if named and tentative:  # "Thunder. The hiss might be rain.": a "possibly" tag is no tag given
            return Reading(HEDGE, (), f"a tentative tag: {tentative[0]}")
        if named:
            return Reading(SET, tuple(frame.choices[i] for i in named), "")
    outside = [m for m in naming if m.resolution.how == "outside"]
    if not chosen:  # "a little kid": a mention played down is still the only one named
        chosen = _ordered(m for m in mentions if m.status == MINOR and m.names_one)[:2]
    if len(chosen) == 1:
        played_down = [m for m in mentions
                       if m.status == MINOR and m.names_one and chosen[0] not in m.options]
        if played_down:  # "Neutral to slightly sad", "English mixed with some Cantonese": both named
            return Reading(HEDGE, (), f"names {frame.choices[chosen[0]]} and, played down, "
                                      f"{played_down[0].text} to a single-answer question")
        alternatives = [m.text for m in outside if m.status == HEDGED]
        if alternatives:
            return Reading(HEDGE, (), f"hedges: {frame.choices[chosen[0]]} or {alternatives[0]} "
                                      "(not one of the options)")
        also = _also_named(text, [m for m in naming if m.names_one], outside) \
            or _or_alternative(text, [m for m in naming if chosen[0] in m.options])
        if also:
            return Reading(HEDGE, (), f"names {frame.choices[chosen[0]]} and {also} (not one of the options) "
                                      "to a single-answer question")
        return Reading(ANSWER, (frame.choices[chosen[0]],), "")
    if len(chosen) > 1:
        names = ", ".join(frame.choices[i] for i in chosen)
        return Reading(HEDGE, tuple(frame.choices[i] for i in chosen), f"hedges between options: {names}")
    broad = [m for m in naming if m.resolution.how == "broad"]
    if broad and len(broad[0].options) < len(frame.choices):
        covered = ", ".join(frame.choices[i] for i in sorted(broad[0].options))
        return Reading(BROAD, (), f"'{broad[0].text}' is broader than one option (it covers {covered})")
    if broad:
        return Reading(NONE, (), f"out of options: '{broad[0].text}' covers every option")
    denied = _ordered(m for m in mentions if m.status == NEGATED and m.names_one)
    if len(denied) == 1 and len(frame.options) == 2:
        other = 1 - denied[0]
        return Reading(ANSWER, (frame.choices[other],),
                       f"denies {frame.choices[denied[0]]}, of two options")
    if any(m.status == LISTED for m in mentions):
        listed = ", ".join(dict.fromkeys(m.text for m in mentions if m.status == LISTED))
        return Reading(HEDGE, (), f"hedges between options: only lists them ({listed})")
    if any(m.status in (REFUSED, EMBEDDED) for m in mentions) or REFUSING.search(text):
        return Reading(REFUSAL, (), "refusal: no answer given")
    if denied:
        named = ", ".join(frame.choices[i] for i in denied)
        return Reading(NONE, (), f"out of options: only rules out {named}")
    if outside and not frame.options and len({m.text.lower() for m in outside}) == 1:
        # no option list: a reply naming another member of the label's family answers, wrongly
        return Reading(ANSWER, (outside[0].text,), "")
    if outside:
        return Reading(NONE, (), f"out of options: names {outside[0].text!r}, not one of the options")
    return Reading(NONE, (), "")


_COORDINATED = re.compile(r"^\s*(?:,|and|&|/|\+|plus|as well as|along with|together with|then|followed by|"
                          r"with)\s*(?:,\s*)?(?:and\s+)?(?:then\s+)?(?:a|an|the|some)?\s*$", re.IGNORECASE)
# "Rain is falling and thunder rumbles", "A siren wails while a dog barks": two events, two clauses
_CLAUSES_JOINED = re.compile(r"^\s*(?:[a-z]+\s+){1,3}?(?:,\s*)?(?:and|while|whereas)\s+(?:[a-z]+\s+){0,2}$")


def _also_named(text: str, chosen: list, outside: list) -> str | None:
    """A second thing of the same kind named alongside the answer ("Rain and thunder.")."""
    lex = lexicon()
    for other in outside:
        if other.status != ASSERTED or not any(lex.concepts[name].parents for name in other.concepts):
            continue  # a topic word ("her emotion", "the genre") names no second answer
        for mention in chosen:
            first, second = sorted((mention, other), key=lambda m: m.start)
            gap = text[first.end:second.start]
            if _COORDINATED.match(gap) or _CLAUSES_JOINED.match(gap):
                return other.text
    return None


_OR_AFTER = re.compile(r"^\s*,?\s*or\s+(?:maybe\s+|possibly\s+|perhaps\s+|even\s+)?(?:an?\s+|the\s+)?"
                       r"(?!not\b|so\b|rather\b|else\b|more\b|less\b|other\b|something\b|no\b)"
                       r"([^\W\d][\w'-]*)", re.IGNORECASE)
_OR_BEFORE = re.compile(r"(?:^|[^\w'-])([^\W\d][\w'-]*)\s*,?\s+or\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_NOT_ALTERNATIVES = {"either", "whether", "yes", "and", "it", "is", "be", "sound", "sounds", "maybe",
                     "probably"}


def _or_alternative(text: str, mentions: list) -> str | None:
    """ "palatal or palato-alveolar": the answer offered next to another word, named or not (a second
    name of the same answer, "replayed or synthesized", is no alternative)."""
    same = {m.start for m in mentions}
    for mention in mentions:
        after = _OR_AFTER.match(text[mention.end:])
        if after and after.group(1).lower() not in _NOT_ALTERNATIVES \
                and mention.end + after.start(1) not in same:
            return after.group(1)
        before = _OR_BEFORE.search(text[:mention.start])
        if before and before.group(1).lower() not in _NOT_ALTERNATIVES and before.start(1) not in same:
            return before.group(1)
    return None


def _ordered(mentions) -> list[int]:
    out: list[int] = []
    for mention in mentions:
        for index in sorted(mention.options):
            if index not in out:
                out.append(index)
    return out


_ORDINAL_WORDS = "|".join(sorted((re.escape(k) for k in ORDINALS if k.isascii()), key=len, reverse=True))
_NUMBER_WORDS = "|".join(sorted((re.escape(k) for k in NUMBER_WORDS if k.isascii()), key=len, reverse=True))


def read_marker(text: str, frame: Frame) -> Reading | None:
    """ "(B)", "B.", "B) violin", "option B", "option two", "the 3rd option" -> the option marked."""
    if not frame.markers:
        return None
    keys = "|".join(re.escape(k) for k in sorted(frame.markers, key=len, reverse=True))
    stripped = text.strip()
    match = (re.fullmatch(rf"\(?({keys})[).:]?", stripped, re.IGNORECASE)
             or re.match(rf"\(?({keys})(?:\)|[.:]\s|:)", stripped, re.IGNORECASE)
             or re.search(rf"\(({keys})\)|\b(?:option|choice|letter|answer|number)\s*#?\s*\(?({keys})\b",
                          stripped, re.IGNORECASE))
    marked = {m.lower() for m in re.findall(rf"\(({keys})\)", stripped, re.IGNORECASE)}
    if len(marked) > 1 and not frame.multi:  # "(A) and (D)"
        return Reading(HEDGE, (), "marks several options: " + ", ".join(sorted(k.upper() for k in marked)))
    key = next((g for g in match.groups() if g), None) if match else None
    if key is None:
        key = _spelled_marker(stripped, frame)
    if key is None or key.lower() not in frame.markers:
        return None
    option = frame.markers[key.lower()]
    return Reading(ANSWER, (option,), f"marks option {key.upper()}")


def _spelled_marker(text: str, frame: Frame) -> str | None:
    """ "Option two", "the 3rd option", "the first choice" -> the marker of that position."""
    word = re.search(rf"\b(?:option|choice)\s+(?:number\s+)?({_NUMBER_WORDS})\b", text, re.IGNORECASE) \
        or re.search(rf"\b(?:the\s+)?({_ORDINAL_WORDS})\s+(?:option|choice|one listed)\b", text,
                     re.IGNORECASE)
    if not word:
        return None
    spoken = word.group(1).lower()
    position = int(NUMBER_WORDS.get(spoken) or ORDINALS.get(spoken) or 0)
    if position < 1:
        return None
    ordered = list(frame.markers)
    return ordered[position - 1] if position <= len(ordered) else None


def refusal_or_none(text: str) -> Reading:
    if REFUSING.search(text):
        return Reading(REFUSAL, (), "refusal: no answer given")
    return Reading(NONE, (), "")
