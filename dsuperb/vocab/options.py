"""Find the answer options an instruction offers.

Real Phase-2 instructions state their options in many shapes: "The answer could be: a, b, or c.",
"Respond with 1 or 2.", "with 'Yes' if ..., and 'No' if ...", "(A) happy (B) sad",
"Options: [x, y]", "Possible answers: x, y", "Choose one: x / y", "(x, y, or z)", "x|y|z",
numbered lines, lists of hundreds of phones, Chinese lists ("请回答：男 或 女"), bare questions
("Is the speaker male or female?"), comparisons ("Is the second note higher or lower than the
first?", "before or after the knock") and ranges of whole numbers ("a numeral from 0 to 10").
`parse_options` tries the shapes from the most explicit to the least and keeps the first that
yields two or more options, so an instruction that names its options twice ("a tone or noise ...
Choose one: tone / noise") gives one list. Trailing words
("... or tone only", "..., nothing else", "... for this clip") are not part of the last option.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# A list introduced by a phrase and (usually) a colon: everything up to the end of the sentence.
_INTRODUCED = re.compile(
    r"(?:\b(?:could|should|would|must|can|may|will) be(?: one of)?(?: the following)?"
    r"|answers? (?:is|are) (?:one of|either|limited to)"
    r"|(?:possible |valid |available )?(?:options|choices|labels|categories|classes|candidates)"
    r"(?: are| include| is)?"
    r"|(?:possible |valid |allowed )?(?:answers|responses)(?:\s*(?=[:：])| (?:are|include)(?: one of)?)"
    r"|(?:choose|select|pick)(?: only)? one(?: of(?: these| the following)?)?\s*(?=[:：])"
    r"|(?:select|choose|pick|list|name|mark|tick)(?: all| every(?:thing)?| any)(?: (?:that|which) appl(?:y|"
    r"ies))?"
    r"(?: from)?(?=\s*[:：]|\s+from\b)"
    r"|choose (?:one )?(?:from|between|among)|select (?:one )?(?:from|of|between|among)"
    r"|pick (?:one )?(?:from|of|between|among)|one of(?: the following)?"
    r"|(?:from|among) the following|the tags include|chosen from|selected from"
    r"|(?:答案)?可以是|[选選]项(?:有|为|為|是|包括)?|从以下[选項项]*中选择|從以下[選項]*中選擇"
    r"|请?回答|請?回答|请?选择|請?選擇)"
    r"(?:\s+the following)?(?:\s+(?:options|labels|categories|choices|answers|classes|tags))?"
    r"\s*(?::|-|：)?\s*",
    re.IGNORECASE,
)
# "Respond with 1 or 2", "Answer yes or no", "Please indicate yes or no", "Choose A or B".
_VERB_LIST = re.compile(
    r"\b(?:respond|reply|answer|indicate|choose|select|pick|output|say|return|write|give|type|provide"
    r"|classify(?: it)? as|label(?: it| this| the \w+)?(?: as)?|tag(?: it)? as|categori[sz]e(?: it)? as)\b"
    r"(?: (?:with|by|using|as|only|either|just|saying|selecting|choosing|writing|is|are|should be|could be"
    r"|must be|would be))*\s*:?\s*",
    re.IGNORECASE,
)
# "with 'Yes' if the first ..., and 'No' if the second ..."
_QUOTED_IF = re.compile(r"""['"“‘]([^'"”’]{1,40})['"”’]\s+(?:if|when|for)\b""", re.IGNORECASE)
# Enumerations: "(A) x (B) y", "A. x B. y", "A) x", "1. x 2. y", "a: x".
_ENUM_MARK = re.compile(r"(?:(?<=\s)|^|(?<=[:\[(]))\(?([A-Ja-j]|[1-9])(?:\)|\.(?!\d)|:)\s+")
_SENTENCE_END = re.compile(r"(?<![A-Za-z]\.[A-Za-z])[.?!;](?=\s|$)|[。？！；]|\n")
_SPLIT = re.compile(r"\s*,\s*(?:(?:or|and)\s+)?|\s*;\s*|\s+or\s+|\s+and\s+|\s*\|\s*|\s+/\s+|\s*[、，]\s*"
                    r"|\s*(?:或者|还是|還是|或)\s*")
_STRIP = " \t\n`*.:"
_QUOTES = {"'": "'", '"': '"', "“": "”", "‘": "’"}
_MAX_WORDS = 6
# A bare question that offers its options: "Is it a or b?", "Does the speaker sound happy or sad?",
# "Which is it: x, y, or z?". Only one-word alternatives (after an article) count: "a male or
# female speaker" offers nothing, where "female speaker" would shadow a label "female" (comparisons,
# "louder or quieter than the first", are `_compared`'s).
_QUESTION = re.compile(r"(?:^|(?<=[.?!:]\s)|(?<=\n))([^.?!\n]*?\S)\s+or\s+([^.?!,\n]+?)\s*\?")
_QUESTION_WORDS = 1
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
_NOT_AN_OPTION = {"not", "no", "otherwise", "neither", "none", "both"}
_ARTICLES = {"a", "an", "the"}
# "..., nothing else", "... without explanation": an instruction's tail, not part of the last option.
_TAIL = re.compile(r"\s*,?\s*(?:and\s+)?(?:nothing else|no other (?:words|text)"
                   r"|(?:without|with no) (?:any )?(?:explanation|elaboration|other (?:words|text)))\s*$"
                   r"|\s+(?:for|in|about|of|to|on|regarding|based on|according to|given|depending on)\s+"
                   r"(?:this|the|that|these|each|its|their|his|her|what)\b.*$",
                   re.IGNORECASE)
_ONLY = re.compile(r"^(.*\S)\s+only$", re.IGNORECASE)


@dataclass(frozen=True)
class Options:
    """What the instruction offers: the option texts and, for enumerated lists, their markers."""

    texts: tuple[str, ...] = ()
    markers: dict = field(default_factory=dict)  # "a" / "1" -> option text (lower-case marker)


def find_options(instruction: str | None) -> list[str]:
    """The options named in the instruction, in order; [] when none are found."""
    return list(parse_options(instruction).texts)


@lru_cache(maxsize=4096)
def parse_options(instruction: str | None) -> Options:
    if not instruction or not isinstance(instruction, str):
        return Options()
    text = " ".join(instruction.split(" ")).replace("\r", "")
    for finder in (_enumerated, _introduced, _number_range, _parenthesised, _quoted_if, _verb_list,
                   _colon_list, _whether, _question, _compared, _slashed, _yes_no):
        found = finder(text)
        if found is not None and len(found.texts) >= 2:
            return found
    return Options()


def _introduced(text: str) -> Options | None:
    best = None
    for match in _INTRODUCED.finditer(text):
        items = _items(_until_sentence_end(text, match.end()))
        if items and len(items) >= 2 and (best is None or len(items) > len(best)):
            best = items
    return Options(tuple(best)) if best else None


def _colon_list(text: str) -> Options | None:
    """ "Which of the following sounds is present: siren, dog bark, rain?" """
    for match in reversed(list(re.finditer(r"[:：]\s*", text))):
        items = _items(_until_sentence_end(text, match.end()))
        if items and len(items) >= 2 and all(len(item.split()) <= 3 for item in items):
            return Options(tuple(items))
    return None


def _parenthesised(text: str) -> Options | None:
    """ "Reply with one word (happy, sad, or angry)." """
    for match in re.finditer(r"\(([^()]{3,400})\)", text):
        inner = match.group(1)
        if not _BEFORE_PARENTHESES.search(text[:match.start()]):
            continue  # "three audio files (A, B, X)" lists no answers
        if re.search(r",|\bor\b|\|", inner) and not _ENUM_MARK.search(inner):
            items = _items(inner)
            if items and len(items) >= 2:
                return Options(tuple(items))
    return None


_BEFORE_PARENTHESES = re.compile(r"\b(?:words?|one|answers?|respond|reply|with|choose|select|pick|options?|"
                                 r"choices?|"
                                 r"of|from|as|either|labels?|categories)\s*:?\s*$",
                                 re.IGNORECASE)
_WHETHER = re.compile(r"\bwhether (?:(?:it|this|the \w+) (?:is|sounds like|contains) |you hear |there is )?"
                      r"(?:an? |the )?([^\s,.?!]+) or (?:an? |the )?([^\s,.?!]+)\s*(?:[.?!,]|$)",
                      re.IGNORECASE)


def _whether(text: str) -> Options | None:
    """ "Tell me whether you hear a tone or noise." """
    match = _WHETHER.search(text)
    if match and match.group(2).lower() not in _NOT_AN_OPTION:
        return Options((match.group(1), match.group(2)))
    return None


def _slashed(text: str) -> Options | None:
    """ "What is the emotion? happy/sad/angry" """
    match = re.search(r"(?:^|[?:.]\s+)([^\s/,.?!]+(?:/[^\s/,.?!]+)+)\s*[.?!]?\s*$", text)
    if match:
        items = match.group(1).split("/")
        if len(items) >= 2 and all(items):
            return Options(tuple(items))
    return None


def _verb_list(text: str) -> Options | None:
    for match in reversed(list(_VERB_LIST.finditer(text))):
        items = _items(_until_sentence_end(text, match.end()))
        if items and len(items) >= 2:
            return Options(tuple(items))
    return None


def _quoted_if(text: str) -> Options | None:
    items = _dedupe(m.group(1).strip() for m in _QUOTED_IF.finditer(text))
    return Options(tuple(items)) if len(items) >= 2 else None


def _question(text: str) -> Options | None:
    """ "Is it a or b?": the alternative after "or", and as many words before it per earlier option."""
    for match in _QUESTION.finditer(text):
        last = _ARTICLE.sub("", match.group(2).strip())
        if not last or last.lower() in _NOT_AN_OPTION:
            continue
        head, *rest = [p for p in re.split(r"\s*,\s*", match.group(1).rstrip(", ")) if p]
        listed = _after_which(head, rest, last)
        if listed:
            return listed
        if len(last.split()) > _QUESTION_WORDS:
            continue
        width = len(match.group(2).split())  # "a dog or a cat": as many words before "or" as after
        earlier = [" ".join(head.split()[-width:])] + rest
        items = [_ARTICLE.sub("", _clean_item(p)) for p in earlier] + [_clean_item(last)]
        if all(items) and all(len(p.split()) <= _QUESTION_WORDS for p in items):
            return Options(tuple(items))
        # "Compared with the first tone, is the second higher or lower?": the comma opened a clause
        clause = (rest[-1] if rest else head).split()
        pair = [_clean_item(clause[-1]), _clean_item(last)]
        if width == 1 and len(clause) > 1 and all(pair) and pair[0].lower() not in _NOT_AN_OPTION | _ARTICLES:
            return Options(tuple(pair))
    return None


_WHICH = re.compile(r"^\s*which\b", re.IGNORECASE)
_LISTED_WORDS = 3


def _after_which(head: str, rest: list[str], last: str) -> Options | None:
    """ "Which clip is louder, the first or the second?", "Which comes first, the doorbell or the dog
    barking?": a "which" question, then the alternatives after a comma (each a short phrase)."""
    if not rest or not _WHICH.match(head):
        return None
    items = [_ARTICLE.sub("", _clean_item(p)) for p in rest] + [_clean_item(last)]
    if all(items) and all(len(p.split()) <= _LISTED_WORDS for p in items) \
            and not {p.lower() for p in items} & _NOT_AN_OPTION:
        return Options(tuple(items))
    return None


# "Is the second note higher or lower than the first?": two single words compared ("X or Y than");
# "before or after the knock": the two sides of a known relation, whatever follows them.
_COMPARED = re.compile(r"\b([^\W\d_][\w-]*)\s+or\s+([^\W\d_][\w-]*)\s+(than\b)?", re.IGNORECASE)


def _compared(text: str) -> Options | None:
    for match in _COMPARED.finditer(text):
        first, second = match.group(1), match.group(2)
        if {first.lower(), second.lower()} & (_NOT_AN_OPTION | _ARTICLES | {"more", "less"}):
            continue
        if match.group(3) or _relation_pair(first, second):
            return Options((first, second))
    return None


def _relation_pair(first: str, second: str) -> bool:
    from .lexicon.questions import RELATIONS

    pair = {first.lower(), second.lower()}
    return any(pair == {relation["more"], relation["less"]} for relation in RELATIONS)


# "an Arabic numeral from 0 to 10", "a score between 1 and 5", "a single digit from 0 to 9"
_RANGE = re.compile(r"\b(?:numerals?|numbers?|digits?|integers?|scores?|ratings?|scale|grades?|values?)\b"
                    r"[^.?!\n]{0,40}?\b(?:from|between|of)\s+(-?\d+)\s*(?:to|and|-|–)\s*(-?\d+)\b",
                    re.IGNORECASE)
_RANGE_SIZE = 21  # a longer range is a number to read, not a list of options


def _number_range(text: str) -> Options | None:
    """A range of whole numbers offered as the answer: its integers are the options."""
    match = _RANGE.search(text)
    if not match:
        return None
    low, high = int(match.group(1)), int(match.group(2))
    if not 1 <= high - low < _RANGE_SIZE:
        return None
    return Options(tuple(str(n) for n in range(low, high + 1)))


def _yes_no(text: str) -> Options | None:
    """Last resort: "Provide a yes or no response", "a yes/no answer"."""
    match = re.search(r"\b(yes)\s*(?:or|/)\s*(no)\b", text, re.IGNORECASE)
    return Options((match.group(1), match.group(2))) if match else None


def _enumerated(text: str) -> Options | None:
    """A run of consecutive markers (A, B, C... or 1, 2, 3...) each followed by option text."""
    marks = list(_ENUM_MARK.finditer(text))
    for start in range(len(marks)):
        first = marks[start].group(1)
        if first.lower() not in ("a", "1"):
            continue
        run = [marks[start]]
        for mark in marks[start + 1:]:
            if _next_marker(run[-1].group(1)) == mark.group(1):
                run.append(mark)
        if len(run) < 2:
            continue
        texts, markers = [], {}
        for index, mark in enumerate(run):
            end = run[index + 1].start() if index + 1 < len(run) else _sentence_end(text, mark.end())
            option = text[mark.end():end].strip(_STRIP + ",(").strip()
            option = re.sub(r"(?:\s*,|\s+or|\s+and)$", "", option).strip(_STRIP)
            if not option or len(option.split()) > _MAX_WORDS:
                break
            texts.append(option)
            markers[mark.group(1).lower()] = option
        else:
            return Options(tuple(texts), markers)
    return None


def _next_marker(marker: str) -> str:
    return chr(ord(marker) + 1)


def _sentence_end(text: str, start: int) -> int:
    match = _SENTENCE_END.search(text, start)
    return match.start() if match else len(text)


def _until_sentence_end(text: str, start: int) -> str:
    segment = text[start:_sentence_end(text, start)].strip()
    if segment and segment[0] in "[({" and segment.count(segment[0]) == 1 and segment[-1] in "])}":
        segment = segment[1:-1]  # "[a, b, c]" but not "[+back], or [-back]"
    return segment.strip()


def _items(segment: str) -> list[str] | None:
    segment = _TAIL.sub("", segment or "")
    if segment.count(")") > segment.count("("):  # "(there may be more than one): a, b" began before us
        segment = segment[segment.rindex(")") + 1:].lstrip(" :")
    intro, colon, rest = segment.rpartition(":")
    if colon and rest.strip() and not re.search(r"[,;|/]", intro):  # "...with its code: de, en" lists after
        segment = rest
    if not segment:
        return None
    raw = [p for p in _SPLIT.split(segment) if p.strip()]
    # "speech or tone only" -> "tone"; but "speech only, music only, or both" keeps its "only"s
    only = _ONLY.match(raw[-1].strip()) if raw else None
    if only and not any(_ONLY.match(p.strip()) for p in raw[:-1]):
        raw[-1] = only.group(1)
    parts = [p for p in (_clean_item(p) for p in raw) if p]
    if len(parts) == 1 and "/" in parts[0] and " " not in parts[0]:
        parts = [p for p in parts[0].split("/") if p]  # "yes/no"
    if len(parts) < 2 or any(len(p.split()) > _MAX_WORDS for p in parts):
        return None
    return parts  # duplicates kept: the list is reported as the instruction wrote it


_EDGE_WORDS = re.compile(r"^(?:either|or|and)\s+|^an?\s+(?=(?:yes|no)$)"
                         r"|\s+as (?:your|the|an?) (?:final )?(?:answer|response|output)$", re.IGNORECASE)
_YES_NO_NOUN = re.compile(r"^(yes|no)\s+(?:response|answer|reply)$", re.IGNORECASE)


def _clean_item(item: str) -> str:
    item = item.strip().strip(_STRIP).strip()
    if " " in item:
        item = _EDGE_WORDS.sub("", item)
        item = _YES_NO_NOUN.sub(r"\1", item)
    if len(item) >= 2 and _QUOTES.get(item[0]) == item[-1]:
        item = item[1:-1].strip()  # 'Yes' -> Yes, but keep the ejective m'
    return item


def _dedupe(items) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out
