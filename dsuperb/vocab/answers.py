"""How an answer announces itself: "The answer is X", "Answer: X", "I'd go with X", "答案是 X".

One pattern for the judge, the number reader and the editing scorer, so they agree on where a
response commits to its answer.
"""

from __future__ import annotations

import re

_NOUNS = r"answer|prediction|classification|label|response|result|choice|estimate|count|total|score"
LEAD_TEXT = (
    rf"\b(?:final |correct |my |the )?(?:{_NOUNS})\s*(?:is|would be|should be|will be|:|=|-)"
    r"|\bi(?: would|'d| will|'ll)? (?:choose|pick|select|say|go with)"
    r"|答案(?:是|为|應該是|应该是)?\s*[:：]?"
)
ANSWER_LEAD = re.compile(rf"(?:{LEAD_TEXT})\s*", re.IGNORECASE)


def lead_pattern(extra: str = "") -> re.Pattern:
    """The answer lead, with a scorer's own extra announcements (e.g. "the edited word is")."""
    if not extra:
        return ANSWER_LEAD
    return re.compile(rf"(?:{LEAD_TEXT}|{extra})\s*", re.IGNORECASE)


def after_last_lead(text: str, pattern: re.Pattern = ANSWER_LEAD) -> tuple[str, int] | None:
    """What follows the last answer lead, and where it starts; None when the text has no lead."""
    leads = list(pattern.finditer(text))
    if not leads:
        return None
    return text[leads[-1].end():], leads[-1].end()
