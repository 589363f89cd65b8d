"""The embedded judge: offline rules that decide whether a response commits to exactly the label.

It finds the options (the card's label set, else the instruction's), then reads the response the
way a careful grader would, in this order:

1. an empty response or a refusal is N/A; an option named inside a refusal's clause ("I cannot
   tell whether the speaker is happy") is not an answer;
2. "the answer is X" / "Answer: X" / "答案是 X" narrows the reading to what follows;
3. option letters and numbers ("(B)", "option 2") map to the option they mark;
4. a yes/no question is answered by a leading "yes" / "no" (but "Yes or no" is a hedge);
5. every option mentioned as a whole word (so "no" is not found inside "noise"; the longest
   option wins where options overlap; CJK options are found inside unspaced CJK text), skipping
   negated mentions ("not angry", "rather than sad", "不开心");
6. exactly one option -> that is the answer; several -> a hedge (N/A) unless the label is a set,
   which must then match exactly; none -> out of options (N/A). A sentence that only repeats
   the option list ("The options are happy, sad and angry.") is not a hedge when the rest of the
   response commits to one option.

Every verdict carries its reason. Rules cannot read meaning the way an LLM judge can; where they
cannot tell, the verdict is N/A and scores 0, never a silent pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocab.answers import after_last_lead
from ..vocab.options import parse_options
from ..vocab.text import fold
from .judge_base import Judge, JudgeItem, Verdict

EMBEDDED_VERSION = "2"  # bump whenever a rule changes a verdict

# Characters that continue a token: letters, digits, combining marks (IPA diacritics), hyphens.
_TOKEN_CHAR = r"\w\u0300-\u036f\u02b0-\u02ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\-"
# Unspaced scripts: a CJK option is a mention wherever it stands between CJK characters.
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_BEFORE_TOKEN = rf"(?<![{_TOKEN_CHAR}])"
_AFTER_TOKEN = rf"(?![{_TOKEN_CHAR}])"
_BEFORE_CJK = rf"(?:{_BEFORE_TOKEN}|(?<=[{_CJK}]))"
_AFTER_CJK = rf"(?:{_AFTER_TOKEN}|(?=[{_CJK}]))"
_REFUSAL = re.compile(
    r"\b(?:i'?m sorry|i am sorry|sorry, (?:but )?i"
    r"|i (?:cannot|can ?not|can't|am unable|'m unable|am not able)"
    r"|unable to (?:determine|tell|identify|answer|say|provide|listen|hear|process)|cannot be determined"
    r"|(?:not |im)possible to (?:determine|tell|say|know)|i don'?t know|i do not know|as an ai"
    r"|\bno idea\b|(?:hard|difficult) to (?:determine|tell|say)"
    r"|(?:no|not enough|insufficient) (?:information|context)|there is no audio"
    r"|no audio (?:was|is) provided)",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(
    r"(?:\bnot|n't|\bnever|\bneither|\bnor|\bwithout|\brather than|\binstead of|\bexcept|\bisnt|\bno longer)"
    r"(?:\s+(?:a|an|the|very|really|particularly|quite|so|too|exactly|be|been|being|sound|sounds|seem|seems|"
    r"likely|from|of|in|at|on))*\s+[\"'“‘(]?$|(?:不|没有|沒有|没|沒|非)$",
    re.IGNORECASE,
)
_NEGATION_AFTER = re.compile(
    r"^[\"'”’)]?\s*(?:is|would be|seems)?\s*(?:incorrect|wrong|unlikely|ruled out)\b", re.IGNORECASE)
_YES_NO_LEAD = re.compile(r"^\W*(yes|no)\b(?!\W*(?:or|/)\W*(?:yes|no)\b)", re.IGNORECASE)
# A refusal covers its clause: "I cannot tell whether it is happy" names no answer, but in
# "It sounds happy, but I cannot be sure" the answer stands in a clause of its own.
_CLAUSE_BREAK = re.compile(r"[.!?;\n。！？；]|\b(?:but|however|though|although|yet)\b", re.IGNORECASE)
_MARKDOWN = re.compile(r"\*\*|__|`+|^#+\s*", re.MULTILINE)
_LABEL_SET_SPLIT = re.compile(r"\s*[,;]\s*|\s+and\s+")
_SHORT_WORDS = 6


class EmbeddedJudge(Judge):
    """Rule-based, offline, deterministic. The default judge."""

    id = f"embedded-rules-v{EMBEDDED_VERSION}"
    prompt_hash = ""

    def judge(self, item: JudgeItem) -> Verdict:
        return decide(item)


def decide(item: JudgeItem) -> Verdict:
    response = _MARKDOWN.sub("", item.response or "").strip()
    if not response:
        return Verdict(False, None, True, "empty response")
    parsed = parse_options(item.instruction)
    options = tuple(item.options) or parsed.texts
    labels = _label_set(_unmarked(item.labels, parsed.markers, options), options)
    if not options and _is_yes_no(labels):
        options = ("yes", "no")
    candidates = _candidates(options, labels)

    segment = _answer_segment(response)
    found = _committed(segment, candidates, parsed.markers, options) if segment else []
    if not found:
        found = _committed(response, candidates, parsed.markers, options)
    found_folded = {fold(f) for f in found}
    label_folded = {fold(label) for label in labels}

    if len(labels) > 1:
        answer = ", ".join(found) if found else None
        if not found:
            return _nothing(response, options, "none of the labels' options")
        if found_folded == label_folded:
            return Verdict(True, answer, False, f"names exactly the label set ({answer})")
        missing = sorted(label_folded - found_folded)
        extra = sorted(found_folded - label_folded)
        detail = "; ".join(filter(None, [missing and f"missing {', '.join(missing)}",
                                         extra and f"extra {', '.join(extra)}"]))
        return Verdict(False, answer, False, f"label set does not match: {detail}")

    if len(found) > 1:
        rest = _without_option_lists(response, options, candidates)
        again = _committed(rest, candidates, parsed.markers, options) if rest else []
        if len(again) != 1:
            return Verdict(False, None, True, f"hedges between options: {', '.join(found)}")
        found = again
    if found:
        answer = found[0]
        if fold(answer) in label_folded:
            return Verdict(True, answer, False, f"commits to the label '{answer}'")
        label = labels[0] if labels else ""
        return Verdict(False, answer, False, f"commits to '{answer}', label is '{label}'")
    return _nothing(response, options, "no option named")


_SENTENCE = re.compile(r"[^.!?;:\n。！？；：]+[.!?;:\n。！？；：]*")
_LIST_WORDS = re.compile(r"\b(?:options|choices|candidates|possible answers)\b|选项|選項", re.IGNORECASE)


def _without_option_lists(response: str, options: tuple[str, ...], candidates: tuple[str, ...]) -> str:
    """The response less its sentences that repeat the option list; "" when none does."""
    if len(options) < 2:
        return ""
    pattern, _ = _mention_pattern(tuple(sorted(candidates)))
    kept, dropped = [], False
    for sentence in _SENTENCE.findall(response):
        named = {fold(m.group(0)) for m in pattern.finditer(sentence)}
        listed = (len(options) >= 3 and len(named) >= len(options)) or \
            (len(named) >= 2 and _LIST_WORDS.search(sentence))
        dropped = dropped or bool(listed)
        if not listed:
            kept.append(sentence)
    return " ".join(kept) if dropped else ""


def _nothing(response: str, options: tuple[str, ...], what: str) -> Verdict:
    short = response if len(response.split()) <= _SHORT_WORDS else None
    if _REFUSAL.search(response):
        return Verdict(False, None, True, "refusal: no answer given")
    if options:
        said = f" ({short!r})" if short else ""
        return Verdict(False, None, True, f"out of options: {what}{said}")
    if short:  # no option list to tell "out of options" from "wrong": a short reply is an answer
        return Verdict(False, short, False, f"answer {short!r} is not the label (no option list known)")
    return Verdict(False, None, True, "the label is not named and no option list is known")


def _unmarked(labels: tuple[str, ...], markers: dict, options: tuple[str, ...]) -> tuple[str, ...]:
    """A label given as a marker ("B") of an enumerated instruction means the option it marks."""
    if not markers:
        return labels
    folded = {fold(o) for o in options}
    return tuple(markers.get(fold(label), label) if fold(label) not in folded else label for label in labels)


def _label_set(labels: tuple[str, ...], options: tuple[str, ...]) -> list[str]:
    """Labels as a list; one label that is a list of options ("dog, cat") becomes a set."""
    labels = [label for label in labels if label is not None and str(label).strip()]
    if len(labels) == 1 and options:
        folded_options = {fold(o) for o in options}
        if fold(labels[0]) not in folded_options:
            parts = [p for p in _LABEL_SET_SPLIT.split(labels[0]) if p.strip()]
            if len(parts) > 1 and all(fold(p) in folded_options for p in parts):
                return parts
    return labels


def _is_yes_no(labels: list[str]) -> bool:
    return len(labels) == 1 and fold(labels[0]) in ("yes", "no")


def _candidates(options: tuple[str, ...], labels: list[str]) -> tuple[str, ...]:
    return _candidates_cached(options, tuple(labels))


@lru_cache(maxsize=4096)
def _candidates_cached(options: tuple[str, ...], labels: tuple[str, ...]) -> tuple[str, ...]:
    seen, out = set(), []
    for text in list(options) + list(labels):
        key = fold(text)
        if key and key not in seen:
            seen.add(key)
            out.append(text.strip())
    return tuple(out)


def _answer_segment(response: str) -> str:
    """What follows the last "the answer is" / "Answer:", up to the end of that sentence."""
    found = after_last_lead(response)
    if found is None:
        return ""
    rest = found[0]
    end = re.search(r"(?<=[^\s.])\.(?:\s|$)|\n|;", rest)
    return rest[:end.start()] if end else rest


def _committed(text: str, candidates: tuple[str, ...], markers: dict, options: tuple[str, ...]) -> list[str]:
    """Distinct candidates the text commits to, in order of first mention."""
    refusals = [m.start() for m in _REFUSAL.finditer(text)]
    if {fold(o) for o in options} == {"yes", "no"}:
        lead = _YES_NO_LEAD.match(text)
        if lead and not _refused(text, refusals, lead.start(1)):
            return [_original(lead.group(1), candidates)]
    marked = _marked_option(text, markers)
    if marked:
        return [marked]
    pattern, by_fold = _mention_pattern(tuple(sorted(candidates)))  # one pattern per option set
    found: list[str] = []
    for match in pattern.finditer(text):
        if refusals and _refused(text, refusals, match.start()):
            continue
        if _NEGATION_BEFORE.search(text[max(0, match.start() - 40):match.start()]):
            continue
        if _NEGATION_AFTER.match(text[match.end():match.end() + 30]):
            continue
        option = by_fold.get(fold(match.group(0)))
        if option and option not in found:
            found.append(option)
    return found


def _refused(text: str, refusals: list[int], position: int) -> bool:
    """Whether a refusal stands in the same clause as the text at `position`."""
    if not refusals:
        return False
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)]
    start = starts[-1] if starts else 0
    end_match = _CLAUSE_BREAK.search(text, position)
    end = end_match.start() if end_match else len(text)
    return any(start <= r < end for r in refusals)


def _original(word: str, candidates: tuple[str, ...]) -> str:
    for candidate in candidates:
        if fold(candidate) == fold(word):
            return candidate
    return word


def _marked_option(text: str, markers: dict) -> str | None:
    """ "(B)", "B.", "B)", "option B" -> the option B marks; a bare article "a" does not count."""
    if not markers:
        return None
    keys = "|".join(re.escape(k) for k in markers)
    stripped = text.strip()
    whole = re.fullmatch(rf"\(?({keys})[).:]?", stripped, re.IGNORECASE)
    match = whole or re.match(rf"\(?({keys})(?:\)|[.:]\s|:)", stripped, re.IGNORECASE) \
        or re.search(rf"\(({keys})\)|\b(?:option|choice|letter)\s+\(?({keys})\b", stripped, re.IGNORECASE)
    if not match:
        return None
    key = next(g for g in match.groups() if g)
    return markers.get(key.lower())


@lru_cache(maxsize=1024)
def _mention_pattern(candidates: tuple[str, ...]) -> tuple[re.Pattern, dict[str, str]]:
    by_fold = {fold(c): c for c in candidates}
    ordered = sorted(by_fold.values(), key=len, reverse=True)  # longest first: "very happy" before "happy"
    body = "|".join(_bounded(c) for c in ordered) or r"(?!x)x"
    pattern = re.compile(body, re.IGNORECASE)
    return pattern, by_fold


def _bounded(option: str) -> str:
    """The option as a whole token; an edge that is a CJK character may touch other CJK text."""
    before = _BEFORE_CJK if re.match(f"[{_CJK}]", option) else _BEFORE_TOKEN
    after = _AFTER_CJK if re.search(f"[{_CJK}]$", option) else _AFTER_TOKEN
    return f"{before}{re.escape(option)}{after}"
