"""Reading a yes/no answer: a leading "Yes" / "No" (or "Sí", "Nein", "いいえ", "不是"), a clause that
is only yes or no ("..., but no."), else what the reply says about the property asked.

"They are different speakers" answers "same speaker?" with no; "the recording is clean" answers
"background noise?" with no; "not a clean recording" with yes. "Yes and no" and "Yes/no" are
hedges; a leading "No" that opens a refusal ("No, I cannot tell ...") is a refusal.
"""

from __future__ import annotations

import re

from ..vocab.lexicon import lexicon
from ..vocab.lexicon.answer_words import NO_WORDS, YES_WORDS
from .answer_text import clauses, sentences
from .judge_frame import ANSWER, HEDGE, REFUSAL, Frame, Reading
from .mentions import EMBEDDING, NOT_RULED_OUT, REFUSING, negated_before
from .option_terms import lexicon_hits

_LATIN_YES = "|".join(w for w in YES_WORDS.split("|") if re.match(r"[a-zà-ÿ]", w))
_LATIN_NO = "|".join(w for w in NO_WORDS.split("|") if re.match(r"[a-zà-ÿ]", w))
_OTHER_YES = "|".join(w for w in YES_WORDS.split("|") if not re.match(r"[a-zà-ÿ]", w))
_OTHER_NO = "|".join(w for w in NO_WORDS.split("|") if not re.match(r"[a-zà-ÿ]", w))
_LEAD = re.compile(rf"^\W*(?:(?P<yes>{_LATIN_YES})\b|(?P<no>{_LATIN_NO})\b(?!\s+(?:idea|clue|way|doubt|"
                   rf"question|matter|problem)\b)"
                   rf"|(?P<yes2>{_OTHER_YES})(?=[、，,。.!！\s]|$)|(?P<no2>{_OTHER_NO})(?=[、，,。.!！\s]|$))",
                   re.IGNORECASE)
# "Yes and no", "yes/no"; not "Yes, no doubt" (the same idiom the lead reads as no "no")
_BOTH = re.compile(rf"^\W*(?:{_LATIN_YES}|{_LATIN_NO})\s*(?:and|or|/|,)\s*(?:{_LATIN_YES}|{_LATIN_NO})\b"
                   rf"(?!\s+(?:idea|clue|way|doubt|question|matter|problem)\b)", re.IGNORECASE)
_OFFERS_OTHER = {
    word: re.compile(rf"\b(?:could|might|may)\s+(?:also\s+|well\s+|just as well\s+)?(?:be\s+)?(?:a\s+)?"
                     rf"{other}\b|\bor (?:maybe |possibly |perhaps )?{other}\b"
                     rf"|\b{other} is (?:also |equally )?(?:possible|plausible)"
                     rf"|\b(?:maybe|perhaps|possibly|or) {'not' if word == 'yes' else '(?:so|yes)'}\b",
                     re.IGNORECASE)
    for word, other in (("yes", "no"), ("no", "yes"))}
_ONLY = re.compile(r"^\W*(?:(?:it'?s|it is|there'?s|there is|there are|this is|i hear|i can hear|"
                   r"you can hear|we hear)\s+)?(?:only|just|nothing but|merely|purely|solely)\b"
                   r"|\b(?:can|could) only (?:be )?hear"
                   r"|\bthere (?:is|are) only\b|\bconsists? (?:only|solely|entirely|purely) of\b"
                   r"|\bcontains? only\b|\bnothing but\b|\bnothing (?:else )?(?:except|other than|besides)\b",
                   re.IGNORECASE)
# "Maybe.", "Not sure.": a first sentence that only says the reader cannot decide
_UNSURE = re.compile(r"^\W*(?:maybe|perhaps|possibly|not sure|unsure|uncertain|unclear|hard to (?:say|tell)|"
                     r"difficult to (?:say|tell)|can'?t (?:say|tell)|it depends)\s*(?:[.!?;]|$)",
                     re.IGNORECASE)
_LAST_WORD = re.compile(rf"(?:[,;:—–]|\b(?:so|thus|hence|therefore|then|actually|wait))\s*,?\s*"
                        rf"(?:(?P<yes>{_LATIN_YES})|(?P<no>{_LATIN_NO}))\s*[.!]*\s*$", re.IGNORECASE)
_FILLER = re.compile(r"^\W*(?:(?:but|so|then|and|thus|hence|therefore|actually|wait|on reflection|"
                     r"on second thought|i'?d say|i would say|i think|i believe|"
                     r"my answer is|probably|definitely|certainly|likely|overall|in short|in conclusion|"
                     r"the answer is|it is|it's|that is|that's|it would be|i guess|i'd guess)\W*)+",
                     re.IGNORECASE)


def read_yes_no(text: str, frame: Frame) -> Reading | None:
    if _BOTH.match(text):
        return Reading(HEDGE, (), "hedges: says both yes and no")
    if _UNSURE.match(text):
        return Reading(HEDGE, (), f"hedges: '{text.split()[0].strip('.!?;')}' commits to neither")
    lead = _LEAD.match(text)
    if lead:
        first = text[:sentences(text)[0][1]] if sentences(text) else text
        if REFUSING.search(first):
            return Reading(REFUSAL, (), "refusal: no answer given")
        word = "yes" if lead.group("yes") or lead.group("yes2") else "no"
        if _OFFERS_OTHER[word].search(text, lead.end()):  # "Yes, although it could also be no."
            return Reading(HEDGE, (), f"hedges: leads with '{word}', then offers the other answer")
        if taken_back(text[:lead.end()], text[lead.end():]):  # "Yes ... Actually, on reflection, so no."
            return Reading(HEDGE, (), f"hedges: leads with '{word}', then takes it back")
        return _answer(frame, word, f"leads with '{lead.group(0).strip(' ,.')}'")
    said = _spoken_answers(text)
    if len(said) == 1:
        word = said.pop()
        if _OFFERS_OTHER[word].search(text):  # "Probably yes, but maybe not."
            return Reading(HEDGE, (), f"hedges: says '{word}', then offers the other answer")
        return _answer(frame, word, f"says '{word}'")
    if len(said) > 1:
        return Reading(HEDGE, (), "hedges: says both yes and no")
    return read_property(text, frame)


def taken_back(lead: str, rest: str) -> bool:
    """Whether a reply that leads with yes (or no) later says the other on its own ("Yes. Actually,
    no.", "Yes ... on reflection, so no."): the lead is then no answer."""
    spoken = _LEAD.match(lead)
    if not spoken:
        return False
    word = "yes" if spoken.group("yes") or spoken.group("yes2") else "no"
    return bool(_spoken_answers(rest) - {word})


def _spoken_answers(text: str, after: int = 0) -> set[str]:
    """The answers said as clauses of their own ("..., but no.", "Actually, no.") from `after` on,
    or as the reply's last word after a comma or a "so" ("..., the tone is sincere, so no.")."""
    said = set()
    last = _LAST_WORD.search(text, after)
    if last:
        said.add("yes" if last.group("yes") else "no")
    for clause in clauses(text):
        if clause.start < after:
            continue
        part = _FILLER.sub("", text[clause.start:clause.end]).strip(" .!?,;:")
        spoken = _LEAD.fullmatch(part) if part else None
        if spoken:
            said.add("yes" if spoken.group("yes") or spoken.group("yes2") else "no")
    return said


def read_property(text: str, frame: Frame) -> Reading | None:
    """Yes or no from the words that assert or deny the property asked about."""
    prop = frame.prop
    if not prop:
        return None
    votes: list[tuple[int, str, str, str]] = []  # (clause index, answer, cue, how the clause began)
    parts = clauses(text)
    for number, clause in enumerate(parts):
        part = text[clause.start:clause.end]
        if REFUSING.search(part) and not any(side == "yes" for side, _, _ in _cues(part, prop)):
            continue
        for side, start, cue in _cues(part, prop):
            before = part[:start]
            if EMBEDDING.search(before) or part.rstrip().endswith("?"):
                continue
            if NOT_RULED_OUT.search(before):
                return Reading(HEDGE, (), f"hedges: does not rule out '{cue}'")
            answer = side if not negated_before(before) else ("no" if side == "yes" else "yes")
            votes.append((number, answer, cue, clause.how))
    if not votes and prop.get("differ_family"):
        apart = _two_kinds(text, prop["differ_family"].split("|"))
        if apart:  # "The first singer is male and the second is female.": not the same person
            return _answer(frame, "no", f"names two different people: {apart[0]} and {apart[1]}")
    if not votes:
        only = _ONLY.search(text) if prop.get("presence") else None
        if only:  # "Only wind and distant traffic can be heard.": nothing else, so not the thing asked
            return _answer(frame, "no", f"'{only.group(0).strip()}' hears other things, not {prop['name']}")
        other = _other_sound(text, prop["absent_if_other"]) if prop.get("absent_if_other") else None
        if other and not REFUSING.search(text):  # "Music is playing with drums and guitar." has no speech
            return _answer(frame, "no", f"describes {other}, not {prop['name']}")
        return None
    turns = [v for v in votes if v[3] == "contrast"]
    if turns:  # "similar pitch, but they are not the same speaker": the contrast decides
        last_clause = turns[-1][0]
        votes = [v for v in votes if v[0] >= last_clause]
    elif any(v[3] != "concessive" for v in votes):
        votes = [v for v in votes if v[3] != "concessive"]
    answers = {answer for _, answer, _, _ in votes}
    if len(answers) > 1:
        return Reading(HEDGE, (), f"hedges: '{votes[0][2]}' and '{votes[-1][2]}' point both ways")
    answer = answers.pop()
    return _answer(frame, answer, f"'{votes[0][2]}' answers the question about {prop['name']}: {answer}")


_SOUND_FAMILIES = {"sound", "scene", "music"}


def _other_sound(text: str, asked: str) -> str | None:
    """A sound the reply says it hears that is neither the one asked about nor a kind of it."""
    lex = lexicon()
    for start, end, names in lexicon_hits(text):
        if negated_before(text[:start]):
            continue
        related = any(name == asked or asked in lex.ancestors.get(name, ())
                      or name in lex.ancestors.get(asked, ()) for name in names)
        if not related and any(lex.family(name) in _SOUND_FAMILIES for name in names):
            return text[start:end]
    return None


def _two_kinds(text: str, families: list[str]) -> tuple[str, str] | None:
    """Two members of one family, neither a kind of the other ("male" and "female", "a child" and
    "an adult"; not "an adult" and "a young adult"), named and not denied."""
    lex = lexicon()
    named = {name for start, _, names in lexicon_hits(text) for name in names
             if lex.family(name) in families and not negated_before(text[:start])}
    for first in sorted(named):
        for second in sorted(named):
            nested = first in lex.ancestors.get(second, ()) or second in lex.ancestors.get(first, ())
            if first < second and lex.family(first) == lex.family(second) and not nested:
                return first, second
    return None


def _cues(part: str, prop: dict) -> list[tuple[str, int, str]]:
    """(yes|no, where, words) of each cue in a clause: the property's own patterns, or for a question
    about a concept ("Is the speaker happy?") its words (yes) and its rivals' (no: "sad")."""
    found = [(side, m.start(), m.group(0)) for side in ("yes", "no") if prop.get(side)
             for m in re.finditer(prop[side], part, re.IGNORECASE)]
    target = prop.get("concept")
    if target:
        lex = lexicon()
        for start, end, names in lexicon_hits(part):
            if any(name == target or target in lex.ancestors.get(name, ()) for name in names):
                found.append(("yes", start, part[start:end]))
            elif any(_rival(name, target) for name in names) and not negated_before(part[:start]):
                found.append(("no", start, part[start:end]))  # "not sad" says nothing of happy
    return sorted(found, key=lambda cue: cue[1])


_EXCLUSIVE = {"emotion", "gender", "age", "language", "scene"}


def _rival(name: str, target: str) -> bool:
    """Another member of the target's family that excludes it (sad for happy, female for male)."""
    lex = lexicon()
    family = lex.family(target)
    return family in _EXCLUSIVE and lex.family(name) == family and name != target \
        and target not in lex.ancestors.get(name, ()) and name not in lex.ancestors.get(target, ()) \
        and bool(lex.concepts[name].parents)


def _answer(frame: Frame, word: str, why: str) -> Reading:
    index = frame.option_index(word)
    option = frame.options[index] if index is not None else word
    return Reading(ANSWER, (option,), why)
