"""Reading comparisons by what they imply about the thing asked.

"Is the second note higher or lower than the first?" is answered "lower" by "The first note is
higher." and "higher" by "The pitch goes up": a statement about the other item is turned round,
and a verb of change ("rises", "drops", "increases") describes the second relative to the
first. "Which clip is louder? 1 or 2" is answered 2 by "Clip 1 is quieter.". Events named in
the question ("Does the dog bark occur before or after the door knock?") are followed by their
words ("The knock follows the bark" -> before).
"""

from __future__ import annotations

import re

from ..vocab.lexicon.questions import CHANGE_WORDS, side_words
from ..vocab.text import CJK_CHAR
from .answer_text import clauses
from .judge_frame import ANSWER, HEDGE, Frame, Reading
from .mentions import find

_MOVEMENT = re.compile(rf"^(?:{CHANGE_WORDS})$")
_PASSIVE = re.compile(r"\b(?:is|was|are|were|gets|get)\s+$")
_BY = re.compile(r"^\s+by\b")
_ORDINAL_REF = re.compile(
    r"\b(?P<first>first|1st|former|initial|primer[oa]?|premi[eè]re?|erste[rn]?)\b"
    r"|\b(?P<second>second|2nd|latter|segund[oa]|deuxième|seconde?|zweite[rn]?)\b"
    r"|(?P<cfirst>第一|前者|1つ目|最初)|(?P<csecond>第二|后者|後者|2つ目)"
    r"|\b(?:clip|note|sample|recording|utterance|audio|sound|word|sentence|speaker|track|number|one)\s*#?\s*"
    r"(?:(?P<n1>1|one)|(?P<n2>2|two))\b|#\s*(?:(?P<h1>1)|(?P<h2>2))\b", re.IGNORECASE)
# "The second note is higher, or perhaps the same.": no difference offered as the alternative
# "..., or they may be equal", "though they could be equally loud": the same offered with a modal too
_OR_SAME = re.compile(r"\b(?:or |(?:though|although) (?=(?:they|both|the two) (?:may|might|could)\b))"
                      r"(?:(?:perhaps|maybe|possibly|probably|just) )?"
                      r"(?:(?:they|both|the two) (?:(?:may|might|could) (?:well |also )?)?"
                      r"(?:are|be|sound|seem) |they'?re |it'?s |it is )?"
                      r"(?:(?:about|roughly|exactly|practically|essentially) )?"
                      r"(?:the same|equal|equally \w+|identical|similar|no different)\b", re.IGNORECASE)
# "neither one is clearly better than the other": a tie, whatever comparative follows
_NEITHER = re.compile(r"\bneither(?: one| of (?:them|the two)| recording| clip| sample| speaker| voice"
                      r"| note)? "
                      r"(?:is|sounds|seems|was) (?:(?:clearly|noticeably|really|much|any|obviously) )?"
                      r"(?:\w+er|more \w+|less \w+)\b", re.IGNORECASE)
_NOT_MORE = re.compile(r"(?:\b(?:not|never|no)|n't)\s+(?:(?:any|much|really|at all|actually|clearly)\s+)?$",
                       re.IGNORECASE)
_DENIED_ALTERNATIVE = re.compile(r"^[\s,;—–-]*(?:(?:and|but) )?(?:not|rather than|instead of|never)\s+$",
                                 re.IGNORECASE)
_FORWARD = re.compile(r"^(?:then|next|afterwards|later)$")
_THAN = re.compile(r"^\s*(?:than|compared (?:to|with)|relative to)\s+(?:(?:that|those) (?:of|in)\s+|in\s+)?"
                   r"(?:the\s+)?$", re.IGNORECASE)


def read_comparison(text: str, frame: Frame) -> Reading | None:
    relation = frame.relation
    if not relation:
        return None
    if _OR_SAME.search(text):
        return Reading(HEDGE, (), "hedges: or the two are the same")
    if _NEITHER.search(text):
        return Reading(HEDGE, (), "neither is said to be more: a tie, not one of the two")
    words = _side_words(relation)
    results: list[tuple[int, str]] = []
    for clause in clauses(text):
        part = text[clause.start:clause.end]
        found = list(words.finditer(part))
        if _both_sides_offered(part, found):
            return Reading(HEDGE, (), "hedges: names both sides of the comparison")
        previous_end = 0
        for number, match in enumerate(found):
            if number and _DENIED_ALTERNATIVE.search(part[previous_end:match.start()]):
                continue  # "The second note is lower, not higher."
            side = "more" if match.group("more") else "less"
            if _NOT_MORE.search(part[max(0, match.start() - 24):match.start()]):
                side = _other(side)  # "The first audio is not better than the second.": the other way
            if _PASSIVE.search(part[:match.start()]) and _BY.match(part[match.end():]):
                side = _other(side)  # "the knock is followed by the bark"
            verdict = _resolve(part, match, side, previous_end, frame)
            if verdict is not None:
                results.append(verdict)
            previous_end = match.end()
    if not results:
        return _ordinal_named(text, frame)
    chosen = {index for index, _ in results}
    if len(chosen) > 1:
        return Reading(HEDGE, (), "hedges: the comparison points both ways")
    index = chosen.pop()
    return Reading(ANSWER, (frame.choices[index],), results[0][1])


def _resolve(part: str, match: re.Match, side: str, previous_end: int,
             frame: Frame) -> tuple[int, str] | None:
    relation = frame.relation
    word = match.group(0).lower()
    asked = relation.get("asked") or {}
    if relation["sides"]:  # options are the two sides ("higher" / "lower")
        if _MOVEMENT.match(word):  # a change from the first to the second describes the second
            referent = 2 if asked.get("kind") == "ordinal" else "subject"
        else:
            referent = _referent(part, match, previous_end, asked)
        subject = asked.get("subject") if asked.get("kind") == "ordinal" else "subject"
        if referent is not None and referent != subject:
            side = _other(side)
        index = next(i for i, s in relation["sides"].items() if s == side)
        turned = referent not in (None, subject)
        how = "about the other item, turned round" if turned else "about the item asked"
        return index, f"reads '{match.group(0)}' {how}"
    if set(frame.terms.folded) == {"yes", "no"}:  # "Is the second sound louder than the first?"
        referent = _referent(part, match, previous_end, {"kind": "ordinal"})
        subject = asked.get("subject", 2)
        referent = subject if referent is None or _MOVEMENT.match(word) else referent
        louder = referent if side == relation.get("asked_side") else 3 - referent
        index = frame.option_index("yes" if louder == subject else "no")
        return index, f"reads '{match.group(0)}' of item {referent}"
    if not frame.numbers and len(frame.options) == 2 and not _ordinal_options(frame):
        return _between_named(part, match, side, previous_end, frame)
    # options are the items ("Which clip is louder? 1 or 2", "..., the first or the second?")
    referent = _referent(part, match, previous_end, {"kind": "ordinal"})
    if referent is None:
        return None
    item = referent if side == relation.get("asked_side") else 3 - referent
    for index, (value, _) in frame.numbers.items():
        if value == item:
            return index, f"reads '{match.group(0)}' of item {referent} as item {item}"
    for index, which in _ordinal_options(frame).items():
        if which == item:
            return index, f"reads '{match.group(0)}' of item {referent} as item {item}"
    return None


def _ordinal_named(text: str, frame: Frame) -> Reading | None:
    """A short reply that only points at one of two items ("The latter.", "Clip 2.") where the
    options are "first" and "second"."""
    options = _ordinal_options(frame)
    if not options or len(text.split()) > 4:
        return None
    items = {_ordinal(m) for m in _ORDINAL_REF.finditer(text)}
    if len(items) != 1:
        return None
    item = items.pop()
    index = next(i for i, which in options.items() if which == item)
    return Reading(ANSWER, (frame.choices[index],), f"reads {text.strip()!r} as item {item}")


def _ordinal_options(frame: Frame) -> dict[int, int]:
    """index -> 1 or 2 when the two options are the first and the second item ("first", "the latter")."""
    out = {}
    for index, option in enumerate(frame.options):
        found = _ORDINAL_REF.fullmatch(option.strip())
        if found:
            out[index] = _ordinal(found)
    return out if len(out) == 2 and set(out.values()) == {1, 2} else {}


_PREPOSITION = re.compile(r"^(?:after|before|prior to|follows|followed|precedes|preceded)$", re.IGNORECASE)


def _between_named(part: str, match: re.Match, side: str, previous_end: int,
                   frame: Frame) -> tuple[int, str] | None:
    """Two named things as options ("Which comes first, the doorbell or the dog barking?"): the one
    the relation word is said of ("The dog barks after the doorbell rings": the dog is after), else
    the object of a preposition ("After the doorbell, ..." is said of the other one)."""
    before = [m for m in find(part[previous_end:match.start()], frame.terms) if len(m.options) == 1]
    after = [m for m in find(part[match.end():], frame.terms) if len(m.options) == 1]
    if before:
        index = next(iter(before[-1].options))
    elif after:
        index = next(iter(after[0].options))
        if _PREPOSITION.match(match.group(0)):
            index = 1 - index
    else:
        return None
    asked = frame.relation.get("asked_side")
    if asked is None:
        return None
    if side != asked:
        index = 1 - index
    return index, f"reads '{match.group(0)}' as saying the {frame.options[index]} is {frame.relation[asked]}"


def _referent(part: str, match: re.Match, previous_end: int, asked: dict):
    """Which item a relation word is said of: the nearest reference before it in the clause, else the
    one after it ("nearer ... in the first recording"; "then the dog barks")."""
    before, after = part[previous_end:match.start()], part[match.end():]
    if asked.get("kind") == "named":
        forward = _FORWARD.match(match.group(0).lower())
        return _named(after if forward else before, asked, last=not forward) \
            or (None if forward else _named(after, asked, last=False))
    refs = [_ordinal(m) for m in _ORDINAL_REF.finditer(before)]
    if refs:
        return refs[-1]
    later = list(_ORDINAL_REF.finditer(after))
    if not later:
        return None
    if _THAN.match(after[:later[0].start()]):  # "lower than the first": said of the other one
        return 3 - _ordinal(later[0])
    return _ordinal(later[0])


def _named(text: str, asked: dict, last: bool) -> str | None:
    hits = []
    for role in ("subject", "other"):
        for word in asked.get(role, ()):
            for found in re.finditer(rf"\b{re.escape(word[:4])}\w*", text, re.IGNORECASE):
                hits.append((found.start(), role))
    if not hits:
        return None
    hits.sort()
    return hits[-1][1] if last else hits[0][1]


def _ordinal(match: re.Match) -> int:
    return 1 if match.group("first") or match.group("cfirst") or match.group("n1") or match.group("h1") else 2


def _side_words(relation: dict) -> re.Pattern:
    """Each side's words as whole words, and in other languages (CJK ones inside unspaced text)."""
    def side(key: str) -> str:
        other = relation.get(f"{key}_other", "")
        spaced = [w for w in other.split("|") if w and not CJK_CHAR.search(w)]
        unspaced = [w for w in other.split("|") if w and CJK_CHAR.search(w)]
        words = "|".join([side_words(relation, key), *spaced])
        return rf"\b(?:{words})\b" + (f"|{'|'.join(unspaced)}" if unspaced else "")
    return re.compile(rf"(?P<more>{side('more')})|(?P<less>{side('less')})", re.IGNORECASE)


def _other(side: str) -> str:
    return "less" if side == "more" else "more"


def _both_sides_offered(part: str, found: list[re.Match]) -> bool:
    """ "Higher or lower, ...": both sides named as alternatives."""
    for first, second in zip(found, found[1:], strict=False):
        if bool(first.group("more")) != bool(second.group("more")) \
                and re.fullmatch(r"\s*(?:or|/)\s*", part[first.end():second.start()]):
            return True
    return False
