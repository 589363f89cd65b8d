"""What yes/no and comparison questions ask, and the words that answer them without "yes", "no"
or the option's own name.

`PROPERTIES`: a yes/no question about a property ("Is there background noise?", "Are the two
clips from the same speaker?") is recognised by `question` (a regular expression over the
instruction); `yes` and `no` are regular expressions of the words that assert or deny the
property ("clean" denies noise, "they are different speakers" denies sameness). A negated cue
counts for the other side ("not a clean recording" asserts noise). `flip` names a property whose
answer is the opposite of another's ("Is it a real recording?" vs "Is it synthesized?").

`RELATIONS`: comparative pairs (found in a question by `question`, else by their words) and the
words for each side, including verbs of change read as "the second relative to the first" ("the
pitch drops" = the second note is lower).
"""

PROPERTIES = [
    {"name": "same speaker",
     "question": r"\bsame (?:speaker|person|voice|singer|individual|talker|people)|\bspoken by the same\b"
                 r"|\bfrom the same (?:speaker|person|singer)|\bsame or different",
     "yes": r"\bsame (?:speaker|person|voice|individual|singer|talker)s?\b|\bone and the same\b|\bidentical\b"
            r"|\b(?:voices?|they|speakers?|timbres?) (?:\w+ )?match(?:es)?\b|\bthe same\b"
            r"|\b(?:can'?t|cannot|can not|impossible to) tell (?:\w+ ){0,4}apart\b|\bindistinguishable\b"
            r"|\bmismo hablante\b|\bmisma persona\b|\bmême personne\b|\bmême locuteur\b|\bderselbe\b"
            r"|\bdieselbe\b|\bgleiche (?:person|sprecher)|同一|同一个人|同一人",
     "no": r"\bdifferent (?:speaker|person|people|voice|individual|singer|talker)s?\b|\btwo different\b"
           r"|\b(?:another|a second) (?:speaker|person|individual)\b|\bdistinct (?:speaker|voice|people)s?\b"
           r"|\bdiffer(?:s|ent)? (?:from each other|speakers)\b|\bdiferentes\b|\bdistintos\b|\bdifférent"
           r"|\bverschiedene\b|不同的人|不是同一|两个不同"},
    {"name": "noise",
     "question": r"\bnois[ey]\b|\bbackground (?:sound|noise|hum)|\binterference\b|\bhum\b|\bstatic\b",
     "yes": r"\bnois[ey]\b|\bhum(?:s|ming)?\b|\bhiss(?:es|ing)?\b|\bbuzz(?:es|ing)?\b|\bstatic\b"
            r"|\bcrackl(?:e|es|ing)\b|\btraffic\b|\bchatter\b|\bfan\b|\binterference\b"
            r"|\bbackground (?:sounds?|music|voices|chatter)\b|\bambient (?:sound|noise)s?\b|噪音|噪声|雑音|"
            r"ノイズ",
     "no": r"\bclean\b|\bsilent\b|\bsilence\b|\bnoise[- ]?free\b|\bnoiseless\b|\bpristine\b"
           r"|\bnothing (?:audible|else|in the background)\b|\bno background\b|\bquiet background\b"
           r"|没有噪音|干净"},
    {"name": "reverberation",
     "question": r"\breverb|\becho|\breverberat",
     "yes": r"\breverb\w*\b|\becho(?:es|ey|ing|y)?\b|\b(?:large|big|concert|empty) (?:hall|room|space)\b"
            r"|\bhall\b|\bcathedral\b|\bchurch\b|\breflections?\b|\breflective\b|\breverberant\b|混响|回声",
     "no": r"\bdry\b|\banechoic\b|\bclose[- ]mi(?:c|ke)d\b|\bclose[- ]mic\b|\bdead room\b|\bno echo\b"
           r"|\bdirect sound\b"},
    {"name": "sarcasm",
     "question": r"\bsarcas|\bironic|\birony\b",
     "yes": r"\bsarcas\w*|\biron(?:ic|ically|y)\b|\bmock(?:ing|ery)?\b|\b(?:meaning|means|mean) the "
            r"opposite\b"
            r"|\bfacetious\b|\bsnarky\b|\btongue[- ]in[- ]cheek\b|讽刺|反讽",
     "no": r"\bsincere(?:ly)?\b|\bsincerity\b|\bgenuine(?:ly)?\b|\bearnest(?:ly)?\b|\bliteral(?:ly)?\b"
           r"|\bmeans? it\b|\bserious(?:ly)?\b|\bstraightforward\b|真诚"},
    {"name": "synthetic",
     "question": r"\bsynthe|\bfake\b|\bspoof|\bartificial|\bgenerated\b|\bmachine\b|\btts\b|\bdeep ?fake"
                 r"|\bcloned?\b|\bai[- ]",
     "yes": r"\bsynthe\w*|\b(?:computer|machine|ai)[- ]generated\b|\bgenerated\b|\bartificial(?:ly)?\b"
            r"|\bfake\b|\bdeep ?fake\b|\bspoof(?:ed)?\b|\bcloned\b|\btts\b|\btext[- ]to[- ]speech\b"
            r"|\brobotic\b|\bvocoder\b|\bmanipulated\b|合成|伪造",
     "no": r"\bgenuine\b|\bhuman\b|\bnatural\b|\breal\b|\bauthentic\b|\bbona ?fide\b|\blive recording\b"
           r"|\brecorded (?:human|person)\b|真人|真实"},
    {"name": "speech",
     "question": r"\b(?:contain|there|hear|any|include|present)\b.*\b(?:speech|speaking|talking|spoken"
                 r"|human voice|someone speak)",
     "yes": r"\bspeech\b|\bspeak(?:s|ing)?\b|\btalk(?:s|ing)?\b|\bsays?\b|\bspoken\b|\bconversation\b"
            r"|\bnarrat\w+|\bdialogue\b|\bvoices?\b|说话|语音",
     "no": r"\b(?:nobody|no one|no-one) (?:says|speaks|talks|is (?:speaking|talking))\b|\binstrumental\b"
           r"|\bonly (?:music|noise|birdsong|birds?|instruments?)\b|没有人说话"},
    {"name": "genuine", "flip": "synthetic",
     "question": r"\b(?:real|genuine|authentic|bona ?fide) (?:\w+ )?(?:recording|voice|speech|person|audio)"},
    {"name": "change",
     "question": r"\bchange|\bshift|\bvar(?:y|ies)\b|\bswitch",
     "yes": r"\bchang(?:es|ed|ing)\b|\bshift(?:s|ed|ing)?\b|\bgoes from\b|\bstarts? (?:off )?(?:\w+ ){1,4}"
            r"(?:and|then|but) (?:ends?|becomes?|turns?|gets?)\b|\bbecomes?\b|\bturns? (?:into|to)\b"
            r"|\btransitions?\b|\bswitch(?:es|ed)?\b|变化|改变",
     "no": r"\bstays?\b|\bremains?\b|\bconstant\b|\bconsistent(?:ly)?\b|\bunchanged\b|\bsteady\b"
           r"|\bfrom start to finish\b|\bthe whole time\b|\ball along\b|\bthroughout\b|不变|没有变化"},
    {"name": "match",
     "question": r"\bmatch(?:es)?\b.*\b(?:text|transcript|sentence|caption|words?)\b|\bcorrespond",
     "yes": r"\bmatch(?:es|ing)?\b|\bexactly\b|\bidentical\b|\bthe same (?:words|text|sentence)\b"
            r"|\bcorresponds?\b|\bverbatim\b|一致",
     "no": r"\bdiffer(?:s|ent|ence)?\b|\bmismatch\w*|\binstead\b|\bdoes ?n[o']t match\b|不一致|不同"},
    {"name": "bird",
     "question": r"\bbird",
     "yes": r"\bbirds?\b|\bbirdsong\b|\bchirp(?:s|ing)?\b|\btweet(?:s|ing)?\b|\bwarbl\w+|\bsongbirds?\b"
            r"|\bcaw(?:s|ing)?\b|\bcrow(?:s|ing)\b|\bhoot(?:s|ing)?\b|鸟",
     "no": r"\bno birds?\b"},
    {"name": "stutter",
     "question": r"\bstutter|\bstammer|\bdisfluen|\bdysfluen",
     "yes": r"\bstutter\w*|\bstammer\w*|\bdisfluen\w*|\bdysfluen\w*|\brepetitions?\b|\bprolongations?\b"
            r"|\bblocks?\b|口吃",
     "no": r"\bfluent(?:ly)?\b|\bsmooth(?:ly)?\b|流利"},
]

RELATIONS = [
    {"more": "higher", "less": "lower",
     "more_words": r"higher|high[- ]pitched|higher[- ]pitched|sharper|rises|rising|goes up|went up|ascends"
                   r"|ascending|raised|increases|increased|increasing|climbs|up",
     "less_words": r"lower|low[- ]pitched|lower[- ]pitched|deeper|drops|dropping|falls|falling|goes down"
                   r"|went down|descends|descending|decreases|decreased|decreasing|down"},
    {"more": "louder", "less": "quieter",
     "more_words": r"louder|increases|increased|increasing|gets louder|stronger|more intense|higher volume"
                   r"|more volume|boosted",
     "less_words": r"quieter|softer|fainter|weaker|decreases|decreased|decreasing|gets quieter|lower volume"
                   r"|less loud|attenuated"},
    {"more": "faster", "less": "slower",
     "more_words": r"faster|quicker|more quickly|more rapidly|more rapid|speeds up|sped up|accelerates"
                   r"|higher tempo|higher speaking rate",
     "less_words": r"slower|more slowly|less quickly|slows down|slowed down|decelerates|lower tempo"
                   r"|lower speaking rate"},
    {"more": "after", "less": "before", "question": r"before|after|precede|follow|earlier|later",
     "more_words": r"after|follows|followed|comes second|happens second|later|afterwards|then|next",
     "less_words": r"before|precedes|preceded|comes first|happens first|occurs first|first|earlier"
                   r"|prior to"},
    {"more": "farther", "less": "closer",
     "more_words": r"farther|further|further away|farther away|more distant|far|moves away",
     "less_words": r"closer|nearer|near|close|moves closer|approaches"},
    {"more": "longer", "less": "shorter",
     "more_words": r"longer|lasts longer|lengthier",
     "less_words": r"shorter|briefer|lasts less"},
]
