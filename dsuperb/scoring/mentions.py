"""Options named in a text, and how each is named: asserted, offered as a possibility, denied,
supposed, conceded, listed, or only covered by a broader word.

A careful reader gives a mention its scope: "not O" is no answer O, and neither is "a tone
would have a single pitch" (a supposition), "it might seem sad, but ... happy" (conceded),
"unlike a door knock" (a contrast), "whether it is happy" (a question), "The options are ...".
A negation reaches over a list of options ("neither happy nor sad", "not a child or a
teenager") and stops at a new clause or a word that turns away ("no tone here, just hiss").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..vocab.lexicon import lexicon
from ..vocab.text import CJK_CHAR
from .answer_text import Clause, clauses
from .option_terms import OptionTerms, Resolution, lexicon_hits, stem

ASSERTED, HEDGED, MINOR = "asserted", "hedged", "minor"
NEGATED, SUPPOSED, CONCEDED, LISTED, EMBEDDED, REFUSED = (
    "negated", "supposed", "conceded", "listed", "embedded", "refused")
NAMING = (ASSERTED, HEDGED)  # statuses that put an option forward

_NEGATOR = re.compile(
    r"\b(?:not|never|neither|nor|no|none|nobody|no one|no-one|nothing|without|rather than|instead of|except|"
    r"other than|unlike|"
    r"isn'?t|aren'?t|wasn'?t|doesn'?t|don'?t|didn'?t|won'?t|wouldn'?t|can'?t|cannot|hardly|"
    r"ni|pas|nicht|kein\w*|nada|jamais|unlikely to be|rules? out|ruling out|excludes?|points? away from)\b|"
    r"n't\b|不是|并不|並不|不|没有|沒有|没|沒|非|无|無", re.IGNORECASE)
# Words a negation reaches over: "not a very happy", "don't think it's female", "no block or prolongation".
_SCOPE_WORDS = frozenset(
    "a an the any very really particularly quite so too exactly be been being is are was were it its it's "
    "that this these those think believe say would sound sounds sounding seem seems seeming like likely feel "
    "feels of in at on to all at really necessarily actually definitely certainly sure i i'm we they he she "
    "speaker speakers person clip recording audio one kind type sort some clearly obviously entirely "
    "completely just or nor and speaking spoken playing played there hear heard detect detected present any "
    "much more voice s t es est un une el la le der die das ein eine background audible noticeable "
    "significant "
    "obvious strong apparent discernible evident perceptible real actual further additional trace sign hint "
    "signs hints traces kind from by come comes coming recorded made produced uttered suggest suggests "
    "indicate indicates imply implies show shows point points appear appears resemble resembles sense hear "
    "hears have has had having "
    "as".split())  # "isn't as high as a close vowel", "not a consonant such as a plosive"
# "wouldn't call this machine sound normal", "not what I'd describe as happy": a naming verb's
# complement is what the negation denies, however many words stand between
_NAMING_VERB = re.compile(r"\s*(?:what\s+)?(?:(?:i|we|i'd|we'd|would|really|honestly)\s+)*"
                          r"(?:call|describe|consider|classify|categori[sz]e|label|rate)\b", re.IGNORECASE)
# "I wouldn't rule out a gunshot": not ruled out is only possible
NOT_RULED_OUT = re.compile(r"(?:\b(?:not|never|cannot|can'?t)|n't)\s+(?:\w+\s+)?(?:rule|ruling) out"
                           r"\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_LIST_GO_ON = re.compile(r"\s*(?:(?:or|nor|and|even|a|an|the|any)\s+)*", re.IGNORECASE)
_TURN_WORDS = frozenset("but just rather instead only actually more simply merely doubt question way matter "
                        "wonder "
                        "longer sooner".split())
_NEGATED_AFTER = re.compile(r"^\W{0,3}(?:is|would be|seems|sounds)?\s*(?:incorrect|wrong|unlikely|ruled out|"
                            r"excluded|not (?:it|the answer|right|correct))\b|^(?:は|が)?(?:ありません|ない|"
                            r"じゃない|ではない|ではありません)", re.IGNORECASE)
_POSSIBILITY = re.compile(
    r"\b(?:could|might|may)\b(?:\s+(?:also|well|possibly|even|perhaps|just))?(?:\s+(?:be|sound|seem|pass)"
    r"(?:\s+(?:like|as|read as|heard as|considered|interpreted as))?(?:\s+(?:a|an|the))?"
    r"(?:\s+(?!and\b|or\b|not\b)[a-z]+){0,2}|(?:\s+(?:a|an|the))?)\s*$"
    r"|\b(?:possibly|maybe|perhaps|either|or|or even|or maybe|or possibly|or perhaps|potentially|"
    r"alternatively|可能|或者|也可能|或)\s*(?:a|an|the|some)?\s*$", re.IGNORECASE)
# "happy is also plausible", "angry would also be possible": an alternative offered after the name
_POSSIBLE_AFTER = re.compile(r"^\s*(?:is|are|would be|seems|might be|could be|may be)?\s*"
                             r"(?:also|equally|another|still)?\s*"
                             r"(?:plausible|possible|likely|an? (?:option|possibility|candidate))\b",
                             re.IGNORECASE)
# "a mix of rock and metal elements": a blend names each of its parts, none of them played down
_BLEND = re.compile(r"\b(?:mix|mixture|blend|combination|fusion|cross|hybrid|mashup|mash-up)\s+"
                    r"(?:of|between)\b", re.IGNORECASE)
_MINOR = re.compile(r"\b(?:a (?:little|bit|touch)(?: of)?|slightly|somewhat|hints? of|traces? of|touch of|"
                    r"undertones? of|elements? of|some|a hint of|tinge of|shades? of)\s*$", re.IGNORECASE)
_MINOR_AFTER = re.compile(r"^\s*(?:influences?|undertones?|elements?|tinges?|flavou?rs?|touches)\b",
                          re.IGNORECASE)
_SUPPOSED_AFTER = re.compile(
    r"^(?:'s)?\s*(?:\w+\s+){0,3}?(?:would|wouldn'?t|should|usually|typically|normally|generally)\b(?!\s+be "
    r"(?:my|the) "
    r"(?:answer|guess|choice|pick))|^\s*(?:is|are|sounds?) (?:similar|close|comparable)\b", re.IGNORECASE)
_SUPPOSED_BEFORE = re.compile(r"\b(?:unlike|compared (?:to|with)|distinguish\w*(?: it| this)? from|if it "
                              r"(?:were|was)|"
                              r"than|similar to|as opposed to|versus|vs\.?)\s+(?:a|an|the)?\s*$"
                              r"|\bthe (?:previous|prior|preceding|earlier|last|other|next|following)\s+$",
                              re.IGNORECASE)
_FIRST_IMPRESSION = re.compile(r"\b(?:(?:my |the )?first (?:thought|impression|guess|instinct|reaction)"
                               r"(?: (?:was|is|would be))?|at first(?: glance| listen)?(?: it)?(?: (?:might|"
                               r"may|could))?"
                               r"(?: (?:seem|sound|appear))?(?: like)?|initially(?: it)?(?: (?:seems|sounds|"
                               r"sounded))?"
                               r"(?: like)?|i (?:first )?(?:thought|considered))\b[^.;]*$", re.IGNORECASE)
EMBEDDING = re.compile(r"\b(?:whether|if it(?:'s| is| was)|if (?:the|they|this)|is the task of|"
                        r"task of determining|determine if|determining if)\b", re.IGNORECASE)
REFUSING = re.compile(
    r"\b(?:i'?m sorry|i am sorry|sorry, (?:but )?i|i (?:cannot|can ?not|can't|am unable|'m unable|am not "
    r"able)"
    r"|unable to (?:determine|tell|identify|answer|say|provide|listen|hear|process)|cannot be determined"
    r"|(?:not |im)possible to (?:determine|tell|say|know)|i don'?t know|i do not know|as an ai"
    r"|\bno idea\b|(?:hard|difficult) to (?:determine|tell|say)|(?:no|not enough|insufficient) "
    r"(?:information|context)|there is no audio|no audio (?:was|is) provided|please provide)"
    r"|无法|不能|抱歉|对不起|わかりません|できません", re.IGNORECASE)
_LIST_WORDS = re.compile(r"\b(?:options?|choices?|candidates?|possible answers|possible labels|categories|"
                         r"labels|include|includes|including|such as|among|answer could be)\b|选项|選項",
                         re.IGNORECASE)
_SEPARATORS = re.compile(r"^[\s,;/|、，]*(?:(?:and|or|und|et|y|o|和|或)[\s,]*)?$", re.IGNORECASE)


_ASCII_WORD = re.compile(r"\b[A-Za-z]{6,}\b")


def _with(mention: Mention, status: str) -> Mention:
    """The mention with another status (faster than dataclasses.replace, which this runs often)."""
    return Mention(mention.start, mention.end, mention.text, mention.resolution, status, mention.lexical,
                   mention.concepts)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    resolution: Resolution
    status: str = ASSERTED
    lexical: bool = False  # found through the lexicon, not the option's own text
    concepts: tuple[str, ...] = ()  # the lexicon concepts it names, when found through the lexicon

    @property
    def options(self) -> frozenset[int]:
        return self.resolution.options

    @property
    def names_one(self) -> bool:
        return self.resolution.how in ("exact", "kind of", "covers")


def find(text: str, terms: OptionTerms, short: bool = False) -> list[Mention]:
    return list(_find(text, terms, short))


@lru_cache(maxsize=16384)
def _find(text: str, terms: OptionTerms, short: bool) -> tuple[Mention, ...]:
    """Mentions of options (and of lexicon terms) in reading order, longest first where they overlap.
    `short`: the text is a whole short answer, so codes ("F", "DE", "neu") count too."""
    candidates: list[tuple[int, int, int, Mention]] = []
    for match in terms.literal.finditer(text):
        hit = terms.option_for_surface(match.group(0))
        if hit:
            resolution = Resolution(hit, "exact" if len(hit) == 1 else "broad")
            candidates.append((match.start(), -(match.end() - match.start()), 0,
                               Mention(match.start(), match.end(), match.group(0), resolution)))
    for start, end, names in lexicon_hits(text, short):
        resolution = terms.resolve(names)
        if resolution.how == "outside" and not terms.family_of(names):
            continue
        mention = Mention(start, end, text[start:end], resolution, lexical=True, concepts=names)
        candidates.append((start, -(end - start), 1, mention))
    if terms.stems:  # "distorted" for distortion: another form of a one-word option
        for word in _ASCII_WORD.finditer(text):
            root = stem(word.group(0))
            if root != word.group(0).lower() and root in terms.stems:
                hit = Resolution(frozenset({terms.stems[root]}), "exact")
                candidates.append((word.start(), -(word.end() - word.start()), 2,
                                   Mention(word.start(), word.end(), word.group(0), hit, lexical=True)))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    chosen: list[Mention] = []
    taken_until = -1
    for start, _, _, mention in candidates:
        if start >= taken_until:
            chosen.append(mention)
            taken_until = mention.end
    return tuple(chosen)


def classify(text: str, mentions: list[Mention], terms: OptionTerms | None = None,
             lists_answer: bool = False) -> list[Mention]:
    return list(_classify(text, tuple(mentions), terms, lists_answer))


@lru_cache(maxsize=16384)
def _classify(text: str, mentions: tuple[Mention, ...], terms: OptionTerms | None,
              lists_answer: bool) -> tuple[Mention, ...]:
    """Each mention with the status its context gives it (see the module's docstring)."""
    if not mentions:
        return ()
    parts = clauses(text)
    out = []
    for mention in mentions:
        clause = _clause_of(parts, mention.start)
        before = text[clause.start:mention.start] if clause else text[:mention.start]
        after = text[mention.end:clause.end] if clause else text[mention.end:]
        status = _status(text, before, after, mention, mentions)
        if status == ASSERTED and terms is not None and _ACCENT_AFTER.match(after) \
                and _is_language(mention, terms):
            status = SUPPOSED  # "English with a German accent": German describes the accent
        if status in (ASSERTED, HEDGED) and out and out[-1].status == SUPPOSED \
                and _SEPARATORS.match(text[out[-1].end:mention.start]) and out[-1].end <= mention.start:
            status = SUPPOSED  # "to distinguish it from surprise or fear": the list goes on
        out.append(_with(mention, status))
    out = _mark_lists(text, out, lists_answer)
    return tuple(_concede(text, parts, out))


_ACCENT_AFTER = re.compile(r"^\s*-?\s*accent(?:ed|s)?\b", re.IGNORECASE)


def _is_language(mention: Mention, terms: OptionTerms) -> bool:
    lex = lexicon()
    return any("language" in lex.ancestors.get(c, ()) for i in mention.options for c in terms.concepts[i])


def _status(text: str, before: str, after: str, mention: Mention, everyone: list[Mention]) -> str:
    if NOT_RULED_OUT.search(before):  # "I can't rule out a gunshot" is no refusal: it leaves it possible
        return HEDGED
    if REFUSING.search(before) or REFUSING.search(after.split(",")[0]):
        return REFUSED
    if EMBEDDING.search(before) or after.rstrip().endswith("?"):
        return EMBEDDED
    if _negated(before, mention, everyone) or _NEGATED_AFTER.match(after):
        return NEGATED
    if _SUPPOSED_AFTER.match(after) or _SUPPOSED_BEFORE.search(before):
        return SUPPOSED
    if _FIRST_IMPRESSION.search(before) and any(m.start > mention.end for m in everyone):
        return CONCEDED  # "my first thought was angry; ... it is sad"
    if _POSSIBILITY.search(before) or _POSSIBLE_AFTER.match(after):
        return HEDGED
    if (_MINOR.search(before) or _MINOR_AFTER.match(after)) and not _BLEND.search(before):
        return MINOR
    return ASSERTED


def _negated(before: str, mention: Mention, everyone: list[Mention]) -> bool:
    return negated_before(before, [m.text for m in everyone if m is not mention])


def negated_before(before: str, listed: list[str] = ()) -> bool:
    """Whether a negation earlier in the clause (`before` ends where the word in question starts)
    reaches that word; `listed` are other options it may reach over ("not a child or a teenager")."""
    negations = list(_NEGATOR.finditer(before))
    if not negations:
        return False
    last = negations[-1]
    if CJK_CHAR.search(last.group(0)):
        return last.end() == len(before.rstrip())  # 不开心: the negation touches its word
    gap = before[last.end():]
    for other in listed:
        if other in gap:
            gap = gap.replace(other, " ", 1)
    if "," in gap and not _LIST_GO_ON.fullmatch(gap.rsplit(",", 1)[1]):
        return False  # "not angry, they are happy": a new clause after the comma
    words = [w.lower() for w in re.findall(r"[\w']+", gap)]
    if len(words) > 6 or any(w in _TURN_WORDS for w in words):
        return False
    if _NAMING_VERB.match(gap):  # "wouldn't call this machine sound normal": the verb's complement
        return True
    unknown = [w for w in words if w not in _SCOPE_WORDS]
    # "no room echo", "without any audible hum": a determiner negates its whole noun phrase
    # "no room echo", "not a live human": a determiner, or "not" before an article, negates its noun phrase
    # "ce n'est pas un accord majeur", "nicht ein Dur-Akkord": the same before another language's article
    determiner = last.group(0).lower() in ("no", "without") or (
        last.group(0).lower() in ("not", "pas", "nicht") and bool(re.match(
            r"\s*(?:a|an|the|un|une|le|la|les|du|des|de|d'|ein|eine|einen|einem|der|die|das)(?:\b|(?<='))",
            gap, re.IGNORECASE)))
    return not unknown or (determiner and len(unknown) <= 2)


def _clause_of(parts: list[Clause], position: int) -> Clause | None:
    for clause in parts:
        if clause.start <= position < clause.end:
            return clause
    return None


def _mark_lists(text: str, mentions: list[Mention], lists_answer: bool) -> list[Mention]:
    """A sentence that only lists options ("happy, sad, angry", "The options are x and y") names none;
    where a list is the answer (`lists_answer`: a multi-label question) only the second kind."""
    from .answer_text import sentences

    out = list(mentions)
    units = [(b, e) for begin, end in sentences(text) for b, e in _colon_parts(text, begin, end)]
    for begin, end in units:
        inside = [i for i, m in enumerate(out)
                  if begin <= m.start < end and m.status in NAMING and m.names_one]
        distinct = {o for i in inside for o in out[i].options}
        if len(inside) < 2 or len(distinct) < 2:
            continue
        gaps = [text[out[a].end:out[b].start] for a, b in zip(inside, inside[1:], strict=False)]
        bare = all(_SEPARATORS.match(g) for g in gaps)
        if (len(distinct) >= 3 and bare and not lists_answer) or _LIST_WORDS.search(text[begin:end]):
            for i in inside:
                out[i] = _with(out[i], LISTED)
    return out


_COLON = re.compile(r"[:：]")


def _colon_parts(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at its colons: "Happy, sad, angry: of these, sad" lists, then answers."""
    cuts = [begin] + [m.end() for m in _COLON.finditer(text, begin, end)]
    return list(zip(cuts, cuts[1:] + [end], strict=True))


# "happy at first, but then becomes sad": a change over time names both, it takes nothing back
_SEQUENCE = re.compile(r"\b(?:then|later|afterwards|eventually|becomes?|turns? (?:into|to)|"
                       r"changes? (?:into|to)|shifts? (?:into|to)|ends? up|towards the end|by the end)\b",
                       re.IGNORECASE)


def _concede(text: str, parts: list[Clause], mentions: list[Mention]) -> list[Mention]:
    """ "A, but B": B decides when it asserts an option; "although A, B": A's assertions yield to B's."""
    def asserting(clause: Clause) -> bool:
        return any(clause.start <= m.start < clause.end and m.status == ASSERTED and m.names_one
                   for m in mentions)

    out = list(mentions)
    turns = [c for c in parts
             if c.how == "contrast" and asserting(c) and not _SEQUENCE.search(text, c.start, c.end)]
    if turns:
        last = turns[-1]
        for i, m in enumerate(out):
            if m.start < last.start and m.status in (ASSERTED, HEDGED, MINOR) and not _same(m, out, last):
                out[i] = _with(m, CONCEDED)
    if any(asserting(c) for c in parts if c.how != "concessive"):
        for clause in parts:
            if clause.how == "concessive":
                for i, m in enumerate(out):
                    if clause.start <= m.start < clause.end and m.status in (ASSERTED, MINOR):
                        out[i] = _with(m, CONCEDED)
    return out


def _same(mention: Mention, mentions: list[Mention], clause: Clause) -> bool:
    """Whether the winning clause asserts this very option (then it is not conceded)."""
    return any(clause.start <= m.start < clause.end and m.status == ASSERTED and m.options == mention.options
               for m in mentions)
