"""Where a reply commits: the parts of a chat model's answer a careful reader looks at first.

`committed_spans` lists, in the order a grader trusts them, the places an answer announces
itself: the last "Final answer:", the last "Answer:" / "The answer is", the line under an
"### Answer" heading, a JSON answer, the bolded words, "Field: value" lines. `leading_span` is
the reply's first short sentence or phrase ("Noise. A tone would have..."): an answer-first
reply is judged by it, and what follows is explanation. `clauses` cuts text where a reader's
scope ends (sentences, ";", dashes, "but", "although"), and remembers how each clause began.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..vocab.answers import ANSWER_LEAD

_FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.DOTALL)
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|`+")
_HEADING = re.compile(r"^\s*#+\s*", re.MULTILINE)
_FINAL = re.compile(r"\bfinal (?:answer|verdict|prediction|choice|classification)\s*(?:is|:|=|-)?\s*",
                    re.IGNORECASE)
_ANSWER_HEADING = re.compile(r"^\s*(?:final\s+)?(?:answer|prediction|result|conclusion|答案)\s*:?\s*$",
                             re.IGNORECASE)
_FIELD = re.compile(r"^\s*(?:[-*•]\s*)?([A-Za-z][A-Za-z ]{0,30}?)\s*[:：]\s*(\S.*?)\s*$")
# A field's name is a noun phrase ("Gender", "Final label"); "Both indoors and outdoors: it starts..."
# states an answer before its colon, so it is no field.
_NOT_FIELD_NAME = re.compile(r"\b(?:and|or|both|either|neither|nor|is|are|was|were|it|not|no|maybe|"
                             r"probably)\b", re.IGNORECASE)
_CONCLUSION = re.compile(r"^\s*(?:therefore|thus|hence|overall|in conclusion|in summary|to conclude|to sum "
                         r"up|"
                         r"so|all in all|in short|consequently)\b[\s,:]*", re.IGNORECASE)
_NOT_ANSWER_FIELD = re.compile(r"^(?:reason|reasoning|explanation|analysis|note|notes|justification|"
                               r"evidence|observations?|rationale|confidence|thoughts?|because|details?)$",
                               re.IGNORECASE)
_JSON_KEYS = ("answer", "final_answer", "label", "prediction", "result", "choice", "output", "class",
              "category", "response")
_JSON_SKIP = re.compile(r"confidence|probabilit|score|reason|explanation|rationale|evidence|note",
                        re.IGNORECASE)
# A sentence ends at . ! ? followed by space or end (not "2.5", not "e.g."), or at a line break.
_SENTENCE_END = re.compile(r"(?<!\b[a-z]\.[a-z])(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s|$|[\"'”’)])|[。！？]|\n")
_LEAD_END = re.compile(r"[.!?](?=\s|$)|[。！？:：\n(（]|\s[—–-]\s|—|–|,\s*(?=(?:because|since|as|given)\b)")
_LEAD_WORDS = 8
# "12... wait, let me recount: 13.": the first answer is taken back, so it is not where the reply commits
_CORRECTION = re.compile(r"\b(?:wait|let me (?:re-?count|re-?check|re-?listen|reconsider|correct)|correction"
                         r"|on second thought|scratch that|i mean|no,? actually|sorry,? (?:it'?s|I meant))\b",
                         re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;；]|\s[—–-]+\s|—|–|(?:,\s*|\s)(?P<contrast>but|however|yet|though|although|"
                           r"whereas)\b",
                           re.IGNORECASE)
_OPENING = re.compile(r"(?P<opening>although|though|while|even though|whereas|despite|however|but)\b",
                      re.IGNORECASE)
_ADDITIVE = re.compile(r"^\s*(?:also|at the same time|there (?:is|are) also|it (?:is|'s) also)\b",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    how: str  # "", "contrast" (begins with but/however), "concessive" (although/though/while)


def clean(text: str) -> tuple[str, list[str]]:
    """The reply without code fences, markdown emphasis and heading marks; and its bolded phrases."""
    text = _FENCE.sub(lambda m: m.group(1), text or "")
    bold = [(m.group(1) or m.group(2)).strip() for m in _BOLD.finditer(text)]
    return unmarked(text), [b for b in bold if b]


def unmarked(text: str) -> str:
    """The text without code fences, markdown emphasis and heading marks."""
    text = _FENCE.sub(lambda m: m.group(1), text or "")
    return _HEADING.sub("", _EMPHASIS.sub("", text)).replace("\r", "").strip()


def committed_spans(text: str, bold: list[str]) -> list[tuple[str, str]]:
    """(span, how it was marked), most trusted first; spans may repeat each other."""
    spans: list[tuple[str, str]] = []
    finals = list(_FINAL.finditer(text))
    if finals:
        spans.append((_to_sentence_end(text[finals[-1].end():]), "final answer"))
    leads = list(ANSWER_LEAD.finditer(text))
    if leads:
        spans.append((_to_sentence_end(text[leads[-1].end():]), "answer lead"))
    conclusions = [text[b:e] for b, e in sentences(text) if _CONCLUSION.match(text[b:e])]
    if conclusions:
        spans.append((_CONCLUSION.sub("", conclusions[-1], count=1), "conclusion"))
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _ANSWER_HEADING.match(line):
            following = [rest for rest in lines[index + 1:] if rest.strip()]
            if following:
                spans.append((following[0].strip(), "answer heading"))
    found = json_answer(text)
    if found:
        spans.append((found, "JSON answer"))
    if bold:
        spans.append((", ".join(dict.fromkeys(bold)), "bold"))
    fields = [m.group(2) for m in map(_FIELD.match, lines)
              if m and not _NOT_ANSWER_FIELD.match(m.group(1).strip()) and len(m.group(1).split()) <= 4
              and not _NOT_FIELD_NAME.search(m.group(1))]
    if fields and len(lines) > 1 or (fields and _FIELD.match(text)):
        spans.extend((value, "field") for value in fields)
    return [(span.strip(), how) for span, how in spans if span.strip()]


def json_answer(text: str) -> str | None:
    """The answer a JSON reply carries: its answer-like key, else its text values; None if not JSON."""
    stripped = text.strip()
    if stripped[:1] not in "[{":
        return None
    try:
        data = json.loads(stripped)
    except (json.JSONDecodeError, RecursionError):
        return None
    if isinstance(data, list):
        return ", ".join(str(item) for item in data if isinstance(item, (str, int, float)))
    if not isinstance(data, dict):
        return None
    for key in _JSON_KEYS:
        for actual, value in data.items():
            if str(actual).lower() == key:
                return _flatten(value)
    values = [_flatten(value) for key, value in data.items() if not _JSON_SKIP.search(str(key))]
    return ", ".join(v for v in values if v)


def _flatten(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if isinstance(item, (str, int, float)))
    return str(value) if isinstance(value, (str, int, float)) else ""


def _to_sentence_end(rest: str) -> str:
    end = re.search(r"(?<=[^\s.\d])\.(?:\s|$)|\n|;", rest)
    return rest[:end.start()] if end else rest


def leading_span(text: str) -> tuple[str, str] | None:
    """(the first short sentence or phrase, the rest) when the reply has more after it."""
    end = _LEAD_END.search(text)
    if not end or end.group(0) in ("?", "？"):  # "Happy? Sad? It is hard to say.": a question, no answer
        return None
    lead = text[:end.start()].strip()
    rest = text[end.start():].strip(" .!?。！？;；:：\n")
    if not lead or not rest or len(lead.split()) > _LEAD_WORDS or _CORRECTION.search(rest):
        return None
    return lead, rest


@lru_cache(maxsize=16384)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start:match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans)


@lru_cache(maxsize=16384)
def clauses(text: str) -> tuple[Clause, ...]:
    """Clauses in order, each with how it began (a contrast, a concession, or plainly)."""
    out: list[Clause] = []
    for begin, end in sentences(text):
        cuts = [(begin, "")]
        opening = _OPENING.match(text, _first_char(text, begin))
        if opening:
            cuts = [(begin, _how(opening.group(0).lower()))]
        for match in _CLAUSE_BREAK.finditer(text, begin, end):
            word = (match.group("contrast") or "").lower()
            if word and _ADDITIVE.match(text, match.end()):
                continue  # "but also": adds, does not contrast
            at = match.end() - len(word) if word else match.end()
            if at > cuts[-1][0]:
                cuts.append((at, _how(word)))
        bounds = [c for c, _ in cuts[1:]] + [end]
        for (start, how), stop in zip(cuts, bounds, strict=True):
            if how == "concessive":  # "Although it sounds sad, it is happy": the concession ends at a comma
                comma = text.find(",", start, stop)
                if comma != -1 and start == _first_char(text, begin):
                    out.append(Clause(start, comma, how))
                    start, how = comma + 1, ""
            if text[start:stop].strip():
                out.append(Clause(start, stop, how))
    return tuple(out)


def _how(word: str) -> str:
    if word in ("although", "though", "while", "even though", "whereas", "despite"):
        return "concessive"
    return "contrast" if word else ""


def _first_char(text: str, begin: int) -> int:
    match = re.compile(r"\S").search(text, begin)
    return match.start() if match else begin


_QUOTED = re.compile(r"[\"“]([^\"”\n]{2,300})[\"”]|(?<!\w)['‘]([^'’\n]{2,300})['’](?!\w)")


def blank_long_quotes(text: str, words: int = 3) -> str:
    """Quoted passages of more than `words` words (a transcript the reply repeats) blanked out,
    keeping every position; short quotes ('happy') stay."""
    def blank(match: re.Match) -> str:
        inner = match.group(1) or match.group(2)
        return match.group(0) if len(inner.split()) <= words else " " * len(match.group(0))
    return _QUOTED.sub(blank, text)
