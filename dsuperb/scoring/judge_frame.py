"""What a question asks, settled once per row before the reply is read: its options, its labels
(one, or a set), and its kind (yes/no about a property, a count or another number, the first or
the second of two things, a comparison), and the shape of a reading of the reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..vocab.lexicon import lexicon
from ..vocab.lexicon.answer_words import DECADES
from ..vocab.lexicon.questions import PROPERTIES, RELATIONS, side_words
from ..vocab.options import parse_options
from ..vocab.text import fold
from .judge_base import JudgeItem
from .option_terms import OptionTerms, lexicon_hits, option_terms

ANSWER, SET, HEDGE, BROAD, REFUSAL, NONE = "answer", "set", "hedge", "broad", "refusal", "none"
_LABEL_SET_SPLIT = re.compile(r"\s*[,;]\s*|\s+and\s+")
_MULTI_SELECT = re.compile(r"\b(?:select all|all (?:the |of the )?(?:\w+ )?(?:that|which|you hear|present|"
                           r"playing)"
                           r"|(?:list|name|mark|tick|give) (?:all|every)|there may be more than one"
                           r"|one or more|every (?:\w+ )?you hear"
                           r"|(?:all|every|each) (?:\w+ ){0,3}(?:that|which) appl(?:y|ies)"
                           r"|all that apply|which (?:\w+ )?are (?:present|playing|audible))\b",
                           re.IGNORECASE)
_NUMBER_OPTION = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*([a-zA-Zµ%]*)\s*$")
_ORDINAL_QUESTION = re.compile(r"\bwhich\b|\b(?:first|second|former|latter)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What a reply commits to: one option, a set, or why it commits to none."""

    kind: str
    options: tuple[str, ...] = ()
    reason: str = ""

    @property
    def decisive(self) -> bool:
        return self.kind in (ANSWER, SET)


@dataclass(frozen=True)
class Frame:
    instruction: str
    options: tuple[str, ...]
    markers: dict
    labels: tuple[str, ...]
    terms: OptionTerms
    multi: bool = False
    yes_no: bool = False
    numbers: dict = field(default_factory=dict)  # option index -> (value, unit)
    ordinal: bool = False
    prop: dict | None = None
    relation: dict | None = None  # the comparison asked, see read_comparison
    ages: dict = field(default_factory=dict)  # option index -> (youngest, oldest), see read_ages

    @property
    def choices(self) -> tuple[str, ...]:
        """What mentions are read against: the options, or the labels when no option list is known."""
        return self.options or self.labels

    def option_index(self, text: str) -> int | None:
        key = fold(text)
        for index, option in enumerate(self.terms.folded):
            if option == key:
                return index
        return None


def build_frame(item: JudgeItem) -> Frame:
    return _frame(item.instruction or "", tuple(item.labels), tuple(item.options))


@lru_cache(maxsize=32768)
def _frame(instruction: str, labels: tuple, options: tuple) -> Frame:
    item = JudgeItem(instruction, labels, "", options)
    parsed = parse_options(item.instruction)
    options = tuple(o for o in (item.options or parsed.texts) if str(o).strip())
    labels = [canonical(label, options) for label in label_set(unmarked(item.labels, parsed.markers, options),
                                                               options)]
    multi_select = bool(_MULTI_SELECT.search(item.instruction or ""))
    if not options and multi_select and len(labels) == 1 and "," in labels[0]:
        labels = [part.strip() for part in labels[0].split(",") if part.strip()]  # the set, no option list
    if not options and len(labels) == 1 and fold(labels[0]) in ("yes", "no"):
        options = ("yes", "no")
    folded = {fold(o) for o in options}
    yes_no = folded == {"yes", "no"}
    # a numeric label with no option list is still read as a number ("Three." for 3)
    numbers = _numeric(options) if options else _numeric(tuple(labels), least=1)
    instruction = item.instruction or ""
    return Frame(
        instruction=instruction, options=options, markers=parsed.markers, labels=tuple(labels),
        terms=option_terms(options or tuple(labels), from_labels=not options),
        multi=len(labels) > 1 or multi_select,
        yes_no=yes_no, numbers=numbers,
        ordinal=bool(numbers) and _ORDINAL_QUESTION.search(instruction) is not None
        and {v for v, _ in numbers.values()} <= {1.0, 2.0, 3.0, 4.0},
        prop=(_property(instruction) or _generic_property(instruction)) if yes_no else None,
        relation=_relation(instruction, options), ages=option_ages(options, instruction),
    )


def canonical(label: str, options: tuple[str, ...]) -> str:
    """The option a label is ("outdoor" when the instruction offers "indoors or outdoors"), else the label."""
    key = fold(label)
    if not options or any(fold(option) == key for option in options):
        return label
    terms = option_terms(options)
    named = terms.option_for_surface(label)
    if len(named) != 1:
        names = lexicon().lookup(label)
        resolution = terms.resolve(names) if names else None
        named = resolution.options if resolution and resolution.how == "exact" else frozenset()
    return options[next(iter(named))] if len(named) == 1 else label


_GENERIC_TOPIC = re.compile(r"\b(?:is|are)\s+(?:the|this|these)\s+(?:speaker|speakers|voice|person|singer|"
                            r"speech|sound|audio|clip|recording|music|song|emotion|tone|language|accent)\b(.*?)\?",
                            re.IGNORECASE)
# "Does the speaker sound happy?"
_SOUNDS_TOPIC = re.compile(r"\b(?:does|do)\s+(?:the|this|these)\s+(?:speaker|speakers|voice|person|singer"
                           r"|music|song)\s+(?:sound|seem)s?\b(.*?)\?", re.IGNORECASE)
_PRESENCE = re.compile(r"\b(?:is there|are there|do you hear|can you hear|does (?:the |this )?(?:audio|clip|"
                       r"recording|sound|speech|music|song)(?: \w+)? (?:contain|include|have|feature)"
                       r"|\b(?:is|are|does|do)(?=\s+(?:someone|somebody|anyone|anybody|people|a person"
                       r"|an? (?:man|woman|child|baby|dog|cat|bird))\s+\w+))\s+"
                       r"(?:an?\s+|any\s+|the\s+|some\s+)?([^?.,;]+)", re.IGNORECASE)
_PRESENCE_STOP = {"in", "the", "a", "an", "this", "that", "audio", "clip", "recording", "sound", "sounds",
                  "of", "any", "background", "present", "heard", "at", "all", "there", "someone", "somebody",
                  "anyone", "anybody", "people", "person"}


# "Is the word 'morning' spoken in the audio?", "Does the speaker say 'hello'?"
_SPOKEN_TERM = re.compile(r"""\b(?:(?:word|phrase|term|keyword|name)s?|say|says|said|mention|mentions"""
                          r"""|utter|utters|pronounce|pronounces)\s+(?:the (?:word|phrase|term) )?"""
                          r"""['"“‘]([^'"”’]{1,40})['"”’]""", re.IGNORECASE)


def _generic_property(instruction: str) -> dict | None:
    """A yes/no question the property table does not know: "Is the speaker happy?" (a concept of a
    family whose members exclude each other), "Is the word 'x' spoken?" (the word heard) or "Is
    there a dog barking?" (something present)."""
    spoken = _SPOKEN_TERM.search(instruction or "")
    if spoken:
        words = r"\W+".join(re.escape(w) for w in re.findall(r"\w+", spoken.group(1)))
        if words:
            return {"name": f"'{spoken.group(1)}' spoken", "yes": rf"\b{words}\b", "no": None,
                    "presence": True}
    topic = _GENERIC_TOPIC.search(instruction or "") or _SOUNDS_TOPIC.search(instruction or "")
    if topic:
        hits = lexicon_hits(topic.group(1))
        if hits:
            return {"name": topic.group(1).strip(" ?"), "concept": hits[-1][2][0], "yes": None, "no": None}
    presence = _PRESENCE.search(instruction or "")
    if presence:
        words = [w for w in re.findall(r"[a-z]+", presence.group(1).lower()) if w not in _PRESENCE_STOP]
        if words:
            cue = "|".join(rf"{re.escape(w[:max(3, len(w) - 3)])}\w*" for w in words)
            hits = lexicon_hits(presence.group(1))  # "a human scream": any word for a scream answers yes
            concept = hits[-1][2][0] if hits else None
            return {"name": presence.group(1).strip(), "yes": rf"\b(?:{cue})\b", "no": None, "presence": True,
                    "concept": concept, "absent_if_other": concept}
    return None


def unmarked(labels: tuple[str, ...], markers: dict, options: tuple[str, ...]) -> tuple[str, ...]:
    """A label given as a marker ("B") of an enumerated instruction means the option it marks."""
    if not markers:
        return labels
    folded = {fold(o) for o in options}
    return tuple(markers.get(fold(label), label) if fold(label) not in folded else label for label in labels)


def label_set(labels: tuple[str, ...], options: tuple[str, ...]) -> list[str]:
    """Labels as a list; one label that is a list of options ("dog, cat") becomes a set."""
    labels = [str(label) for label in labels if label is not None and str(label).strip()]
    if len(labels) == 1 and options:
        folded_options = {fold(o) for o in options}
        if fold(labels[0]) not in folded_options:
            parts = [p for p in _LABEL_SET_SPLIT.split(labels[0]) if p.strip()]
            if len(parts) > 1 and all(fold(p) in folded_options for p in parts):
                return parts
    return labels


def _numeric(options: tuple[str, ...], least: int = 2) -> dict:
    """Options that are all numbers ("1", "2.5m", "3"): index -> (value, unit); {} otherwise."""
    if len(options) < least:
        return {}
    out = {}
    for index, option in enumerate(options):
        match = _NUMBER_OPTION.match(option)
        if not match:
            return {}
        out[index] = (float(match.group(1).replace(",", ".")), match.group(2).lower())
    return out


_RANGE_OPTION = re.compile(r"^\s*(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})(?:\s*(?:years?|yrs?)(?: old)?)?\s*$")
_OVER_OPTION = re.compile(r"^\s*(?:(\d{1,3})\s*\+|(?:over|above|older than)\s+(\d{1,3}))\s*$", re.IGNORECASE)


_AGE_QUESTION = re.compile(r"\bage\b|\bold\b|\byears\b", re.IGNORECASE)


def option_ages(options: tuple[str, ...], instruction: str) -> dict:
    """index -> (youngest, oldest) when at least two options are age groups; {} otherwise. Bare
    ranges ("18-25") are age groups only in a question about age."""
    out = {index: span for index, option in enumerate(options) if (span := _option_span(option))}
    named = any(not _RANGE_OPTION.match(options[i]) and not _OVER_OPTION.match(options[i]) for i in out)
    return out if len(out) >= 2 and (named or _AGE_QUESTION.search(instruction)) else {}


def _option_span(option: str) -> tuple[int, int] | None:
    key = option.strip().lower()
    if key in DECADES:
        return DECADES[key]
    ranged = _RANGE_OPTION.match(key)
    if ranged:
        return int(ranged.group(1)), int(ranged.group(2))
    over = _OVER_OPTION.match(key)
    if over:
        return int(over.group(1) or over.group(2)), 120
    lex = lexicon()
    spans = [lex.concepts[name].years for name in lex.lookup(option) if lex.concepts[name].years]
    return spans[0] if spans else None


def _property(instruction: str) -> dict | None:
    for prop in PROPERTIES:
        if re.search(prop["question"], instruction, re.IGNORECASE):
            if prop.get("flip"):
                base = next(p for p in PROPERTIES if p["name"] == prop["flip"])
                return {"name": prop["name"], "yes": base["no"], "no": base["yes"]}
            return prop
    return None


def _relation(instruction: str, options: tuple[str, ...]) -> dict | None:
    """The comparison a question asks: its pair, the words of each side, which side each option is."""
    text = instruction.lower()
    for relation, (question, more_words, less_words) in zip(RELATIONS, _relation_patterns(), strict=True):
        if question and not question.search(text):
            continue
        more, less = more_words.search(text), less_words.search(text)
        if not (more or less):
            continue
        sides = {}
        for index, option in enumerate(options):
            key = fold(option)
            if more_words.fullmatch(key):
                sides[index] = "more"
            elif less_words.fullmatch(key):
                sides[index] = "less"
        if len(sides) == 2 and set(sides.values()) == {"more", "less"}:
            return {**relation, "sides": sides, "asked": _asked_subject(text, relation)}
        if (more is None) != (less is None) and not sides:  # "Which clip is louder?": one side asked
            return {**relation, "sides": {}, "asked_side": "more" if more else "less",
                    "asked": _asked_subject(text, relation)}
    return None


@lru_cache(maxsize=1)
def _relation_patterns() -> list[tuple[re.Pattern | None, re.Pattern, re.Pattern]]:
    """Each relation's question, more-side and less-side words, compiled once."""
    return [(re.compile(rf"\b(?:{r['question']})\b") if r.get("question") else None,
             re.compile(rf"\b(?:{side_words(r, 'more')})\b"),
             re.compile(rf"\b(?:{side_words(r, 'less')})\b"))
            for r in RELATIONS]


def _asked_subject(text: str, relation: dict) -> dict:
    """Which thing the question asks about: the second (of two) or a named event, and the other."""
    words = rf"(?:{side_words(relation, 'more')}|{side_words(relation, 'less')})"
    named = re.search(rf"\b(?:does|did|is|was|do)\s+(?:the\s+)?(.+?)\s+(?:\w+\s+)?(?:{words})\s+or\s+"
                      rf"(?:{words})\s+(?:the\s+)?([^?.,]+)", text)
    ordinal = re.search(r"\b(?:first|second|one|two|clip|note|utterance|recording)\b", named.group(1)) \
        if named else None
    if named and not ordinal and _content_words(named.group(1)):  # "Is the sound source near ...?": no event
        return {"kind": "named", "subject": _content_words(named.group(1)),
                "other": _content_words(named.group(2))}
    at = re.search(rf"\b{words}\b", text)
    before, after = (text[:at.start()], text[at.end():]) if at else (text, "")
    refs = re.findall(r"\b(first|second|former|latter|1st|2nd)\b", before)
    if not refs:  # "Is the speaker closer ... in the second recording?"
        refs = re.findall(r"\b(?:in|for|of) the (first|second)\b", after)
    which = 1 if refs and refs[-1] in ("first", "former", "1st") else 2
    return {"kind": "ordinal", "subject": which}


def _content_words(phrase: str) -> tuple[str, ...]:
    stop = {"the", "a", "an", "of", "in", "occur", "occurs", "happen", "happens", "sound", "come", "comes",
            "appear", "appears", "start", "starts", "audio", "clip", "recording"}
    return tuple(w for w in re.findall(r"[a-z]+", phrase.lower()) if w not in stop and len(w) > 2)
