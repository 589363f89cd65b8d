"""What yes/no and comparison questions ask, and the words that answer them without "yes", "no"
or the option's own name.

`PROPERTIES`: a yes/no question about a property ("Is there background noise?", "Are the two
clips from the same speaker?") is recognised by `question` (a regular expression over the
instruction); `yes` and `no` are regular expressions of the words that assert or deny the
property ("clean" denies noise, "they are different speakers" denies sameness). A negated cue
counts for the other side ("not a clean recording" asserts noise). `flip` names a property whose
answer is the opposite of another's ("Is it a real recording?" vs "Is it synthesized?").
`presence` marks a question about something being heard: a reply that hears only other things
("Only wind and traffic.") answers it no; with `absent_if_other` (the lexicon concept of the one
kind of sound asked about, not a category such as noise), so does a reply that names other sounds
and not it ("Music is playing with drums and guitar." for "Is there speech?"). `differ_family`: a
reply naming two members of one of those lexicon families ("the first is male, the second female",
"a child and an adult") answers no.

`RELATIONS`: comparative pairs (found in a question by `question`, else by their words) and the
words for each side; `more_change` / `less_change` are its verbs of change, read as "the second
relative to the first" ("the pitch drops" = the second note is lower; `side_words` joins both);
`more_other` / `less_other` are the same comparatives in the languages answers come back in
(Spanish, French, German, Chinese, Japanese).
"""

PROPERTIES = [
    {"name": "same speaker", "differ_family": "gender|age",
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
           r"|\bverschiedene\b|不同的人|不是同一|两个不同"
           r"|\b(?:someone|somebody) else\b|\banother (?:man|woman|voice|talker|singer)\b"
           r"|\bdifferent (?:man|woman|gender|timbre)\b|\b(?:two|2) (?:separate|distinct) (?:people|speakers"
           r"|voices)\b|^\W*different(?: ones)?\W*$"},
    {"name": "same language", "differ_family": "language",
     "question": r"\bsame language\b|\bin the same language\b",
     "yes": r"\bsame language\b|\bboth\b(?![^.;]*\bdifferent\b)[^.;]{0,40}?\b(?:are in|in|speak|speaking)\b"
            r"|同一种语言|同じ言語",
     "no": r"\bdifferent languages?\b|\btwo (?:different |distinct )?languages\b|\bdiffer in language\b"
           r"|不同的语言|不同语言"},
    {"name": "reversed",
     "question": r"\breversed?\b|\bbackwards?\b|\btime[- ]reversed\b",
     "yes": r"\breversed?\b|\bbackwards?\b|\bin reverse\b|\brewound\b|倒放|倒着",
     "no": r"\bforwards?\b|\bnormal (?:direction|order|playback)\b|\bplays? normally\b"
           r"|\bplayed normally\b|正放"},
    {"name": "more than one speaker",
     "question": r"\bmore than one (?:speaker|person|voice|talker|singer|individual)|\bmultiple (?:speakers"
                 r"|people|"
                 r"voices|talkers|singers)|\bseveral (?:speakers|people|voices)|\bmore than one person",
     "yes": r"\b(?:two|three|four|five|several|multiple|many|2|3|4|5) (?:different |distinct "
            r"|separate )?(?:speakers|"
            r"people|voices|persons|talkers|individuals|singers)\b|\bconversation\b|\bdialogue\b"
            r"|\bmore than one\b"
            r"|\banother (?:speaker|person|voice)\b|\bto each other\b|\btake turns\b|\bback and forth\b"
            r"|\bduet\b"
            r"|\bdialog\b|\binterview\b|\b(?:a man and a woman|a woman and a man)\b|两个人|多人",
     "no": r"\bonly one\b|\bjust one\b|\ba single (?:speaker|person|voice|talker|singer|narrator|reader|"
           r"presenter|announcer|man|woman)\b|\bone (?:speaker|person|voice|talker|individual|singer"
           r"|narrator)\b|\bsingle speaker\b|\bmonologue\b|\balone\b|\bsolo\b"
           r"|\bsame (?:speaker|person|voice) throughout\b|一个人|只有一"},
    {"name": "noise", "presence": True,
     "question": r"\bnois[ey]\b|\bbackground (?:sound|noise|hum)|\binterference\b|\bhum\b|\bstatic\b",
     "yes": r"\bnois[ey]\b|\bhum(?:s|ming)?\b|\bhiss(?:es|ing)?\b|\bbuzz(?:es|ing)?\b|\bstatic\b"
            r"|\bin the background\b|\b(?:cars?|vehicles?|trucks?) (?:pass\w*|driv\w*|honk\w*|go(?:es)? by)"
            r"|\bwind (?:blow\w*|nois\w*|gust\w*)|\bcrowd\b|\bconstruction\b|\bmachinery\b"
            r"|\bcrackl(?:e|es|ing)\b|\btraffic\b|\bchatter\b|\bfan\b|\binterference\b"
            r"|\bbackground (?:sounds?|music|voices|chatter)\b|\bambient (?:sound|noise)s?\b|噪音|噪声|雑音|"
            r"ノイズ",
     "no": r"\bcrystal[- ]clear\b|\bclear (?:recording|audio|sound|signal)\b|\bno other (?:sounds?|noises?)\b"
           r"|\b(?:quiet|silent) (?:room|studio|space|environment)\b"
           r"|\b(?:recording|audio|sound|signal) is (?:very |perfectly |completely )?clear\b"
           r"|\bclean\b|\bsilent\b|\bsilence\b|\bnoise[- ]?free\b|\bnoiseless\b|\bpristine\b"
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
           r"|\bmeans? it\b|\bserious(?:ly)?\b|\bstraightforward\b|真诚"
           r"|\bmeans? (?:exactly |just )?what (?:they|he|she|it|you) says?\b|\bat face value\b"
           r"|\bno irony\b"},
    {"name": "synthetic",
     "question": r"\bsynthe|\bfake\b|\bspoof|\bartificial|\bgenerated\b|\bmachine\b|\btts\b|\bdeep ?fake"
                 r"|\bcloned?\b|\bai[- ]",
     "yes": r"\bsynthe\w*|\b(?:computer|machine|ai)[- ]generated\b|\bgenerated\b|\bartificial(?:ly)?\b"
            r"|\bfake\b|\bdeep ?fake\b|\bspoof(?:ed)?\b|\bcloned\b|\btts\b|\btext[- ]to[- ]speech\b"
            r"|\brobotic\b|\bvocoder\b|\bmanipulated\b|合成|伪造",
     "no": r"\bgenuine\b|\bhuman\b|\bnatural\b|\breal\b|\bauthentic\b|\bbona ?fide\b|\blive recording\b"
           r"|\brecorded (?:human|person)\b|真人|真实"},
    {"name": "speech", "presence": True, "absent_if_other": "speech",
     "question": r"\b(?:contain|there|hear|any|include|present)\b.*\b(?:speech|speaking|talking|spoken"
                 r"|human voice|someone speak)",
     "yes": r"\bspeech\b|\bspeak(?:s|ing)?\b|\btalk(?:s|ing)?\b|\bsays?\b|\bspoken\b|\bconversation\b"
            r"|\bnarrat\w+|\bdialogue\b|\bvoices?\b|\baloud\b|\breads? out\b|\bannounc\w+|说话|语音"
            r"|\b(?:giv\w+|read\w*) (?:directions|instructions|a speech|a talk|a lecture|a presentation"
            r"|a passage|"
            r"a sentence|the news|a story)\b|\b(?:explain|describ|discuss|chatt|whisper|lectur|interview)\w*"
            r"|\b(?:asks?|asking|tells?|telling|greets?|greeting) (?:a|an|the|someone|somebody|about|for|how"
            r"|what|"
            r"where|when|why|who|if|whether|them|him|her|us|me|you)\b",
     "no": r"\b(?:nobody|no one|no-one) (?:says|speaks|talks|is (?:speaking|talking))\b|\binstrumental\b"
           r"|\bonly (?:music|noise|birdsong|birds?|instruments?)\b|\b(?:no|without (?:any )?)vocals\b"
           r"|没有人说话"},
    {"name": "genuine", "flip": "synthetic",
     "question": r"\b(?:real|genuine|authentic|bona ?fide) (?:\w+ )?(?:recording|voice|speech|person|audio)"},
    {"name": "code-switching",
     "question": r"\bswitch(?:es|ing)? (?:between|among) (?:\w+ )?languages|\bcode[- ]?switch|\bmix(?:es"
                 r"|ing)? "
                 r"(?:\w+ )?languages|\bmore than one language|\bmultiple languages|\btwo languages",
     "yes": r"\bmix(?:es|ed|ing|ture)?\b|\bswitch(?:es|ed|ing)?\b|\bcode[- ]?switch\w*|\balternat\w+"
            r"|\b(?:two|both|multiple|several) languages\b|\bbilingual\b|\binterspers\w+|\bsprinkl\w+"
            r"|\binserts? (?:an? )?(?:english|chinese|mandarin|spanish|hindi|malay) (?:word|phrase)s?\b|中英"
            r"|夹杂|混合",
     "no": r"\bonly (?:in )?(?:one language|english|chinese|mandarin|spanish|hindi|malay)\b|\bentirely in\b"
           r"|\bmonolingual\b|\bsingle language\b|\bone language\b|\bthroughout in\b|\bsolely in\b"},
    {"name": "hateful",
     "question": r"\bhate|\bhateful|\boffensive|\btoxic|\babusive|\binsult",
     "yes": r"\bhate\w*|\boffensive\b|\btoxic\b|\babusive\b|\binsult\w*|\bslurs?\b|\bderogatory\b"
            r"|\bdemeaning\b|\bthreat\w*|\bharass\w*|\bbigot\w*|\bracist\b|\bsexist\b|\bdehumaniz\w+",
     "no": r"\bfriendly\b|\bpolite\b|\bharmless\b|\bbenign\b|\binnocuous\b|\brespectful\b|\bcasual\b"
           r"|\bnon[- ]?offensive\b|\bnon[- ]?toxic\b|\bneutral\b|\bcourteous\b|\bpleasant\b|\bkind\b"},
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
    {"name": "bird", "presence": True, "absent_if_other": "bird", "concept": "bird",
     "question": r"\bbird",
     "yes": r"\bbirds?\b|\bbirdsong\b|\bchirp(?:s|ing)?\b|\btweet(?:s|ing)?\b|\bwarbl\w+|\bsongbirds?\b"
            r"|\bcaw(?:s|ing)?\b|\bcrow(?:s|ing)\b|\bhoot(?:s|ing)?\b|鸟",
     "no": r"\bno birds?\b"},
    {"name": "stutter",
     "question": r"\bstutter|\bstammer|\bdisfluen|\bdysfluen",
     "yes": r"\bstutter\w*|\bstammer\w*|\bdisfluen\w*|\bdysfluen\w*|\brepetitions?\b|\bprolongations?\b"
            r"|\bblocks?\b|\brepeat(?:s|ed|ing)?\b|\bprolong\w*|\bgets? stuck\b|\bdrawn out\b"
            r"|\bstretche[sd] out\b"
            r"|\b([a-z]{1,3})-\1-|口吃",
     "no": r"\bfluent(?:ly)?\b|\bsmooth(?:ly)?\b|流利"},
    # an accent of a variety of English is a native speaker's ("a standard American accent"), another
    # language's accent a learner's: not rivals of the language family, as a generic question reads them
    {"name": "native speaker",
     "question": r"\bnative (?:english )?speaker|\bspeak\w* english as (?:a|their|his|her) (?:first|native)"
                 r"|\benglish (?:is )?(?:their|his|her) (?:first|native) language",
     "yes": r"(?<!non-)(?<!non )\bnative\b|\bfirst language\b|\bmother tongue\b"
            r"|\b(?:american|british|english|australian|canadian|irish|scottish|welsh|new zealand|southern us"
            r"|midwestern|texan|cockney|received pronunciation|rp)(?:[- ]english)? accent\b|母语",
     "no": r"\bnon-? ?native\b|\bforeign accent\b|\b(?:second|foreign) language\b|\baccented english\b"
           r"|\blearner\b|\b(?:french|german|spanish|chinese|mandarin|japanese|korean|russian|italian"
           r"|arabic|hindi|portuguese|vietnamese|thai|dutch|polish|turkish|persian)(?:[- ]\w+)? accent\b"
           r"|非母语"},
]

RELATIONS = [
    # quality judged between two recordings ("Is the fluency in the first sample higher than in the
    # second?"): first, so that "higher" there is better, not a pitch
    {"more": "better", "less": "worse",
     "question": r"fluen\w*|prosod\w*|pronunciation|accura\w*|natural\w*|quality|intelligib\w*|clarity|better"
                 r"|worse",
     "more_words": r"better|higher|more fluent|more natural|more accurate|more intelligible|more fluently"
                   r"|more naturally|more accurately|clearer|smoother|superior|outperforms|stronger"
                   r"|more polished",
     "less_words": r"worse|lower|less fluent|less natural|less accurate|less intelligible|less fluently"
                   r"|less naturally|poorer|inferior|weaker|choppier|more halting|more hesitant|more broken",
     "more_other": r"mejor|meilleure?|besser|更好|更流利|更自然|更准确|より良い",
     "less_other": r"peor|pire|schlechter|更差|更糟|より悪い"},
    {"more": "higher", "less": "lower",
     "more_words": r"higher|high[- ]pitched|higher[- ]pitched|sharper",
     "more_change": r"rises|rising|goes up|went up|ascends|ascending|raised|increases|increased|increasing"
                    r"|climbs|up",
     "less_words": r"lower|low[- ]pitched|lower[- ]pitched|deeper",
     "less_change": r"drops|dropping|falls|falling|goes down|went down|descends|descending|decreases"
                    r"|decreased|decreasing|down",
     "more_other": r"más alt[oa]|más agud[oa]|plus aigu[eë]?|plus haute?|höher|更高|较高|高い",
     "less_other": r"más baj[oa]|más grave|plus grave|plus basse?|tiefer|niedriger|更低|较低|低い"},
    {"more": "louder", "less": "quieter",
     "more_words": r"louder|stronger|more intense|higher volume|more volume|greater volume|boosted",
     "more_change": r"increases|increased|increasing|gets louder",
     "less_words": r"quieter|softer|fainter|weaker|lower volume|less volume|less loud|attenuated",
     "less_change": r"decreases|decreased|decreasing|gets quieter",
     "more_other": r"más fuerte|plus forte?|lauter|更响|更大声|声音更大|音量更大|大きい",
     "less_other": r"más suave|plus doux|plus douce|plus faible|leiser|更轻|更小声|更安静|声音更小|小さい"},
    {"more": "faster", "less": "slower",
     "more_words": r"faster|quicker|more quickly|more rapidly|more rapid|higher tempo|higher speaking rate",
     "more_change": r"speeds up|sped up|accelerates",
     "less_words": r"slower|more slowly|less quickly|lower tempo|lower speaking rate",
     "less_change": r"slows down|slowed down|decelerates",
     "more_other": r"más rápid[oa]|plus rapide|plus vite|schneller|更快|速い",
     "less_other": r"más lent[oa]|plus lente?|langsamer|更慢|遅い"},
    {"more": "after", "less": "before",
     "question": r"before|after|precede|follow|earlier|later"
                 r"|(?:comes?|happens?|occurs?|is heard|starts?) (?:first|last)",
     "more_words": r"after|follows|followed|comes second|happens second|later|afterwards|then|next",
     "less_words": r"before|precedes|preceded|comes first|happens first|occurs first|first|earlier"
                   r"|prior to",
     "more_other": r"después|après|danach|之后|以后|後で",
     "less_other": r"antes|avant|vorher|之前|以前|前に"},
    {"more": "farther", "less": "closer",
     "more_words": r"farther|further|further away|farther away|more distant|far|far away|a long way"
                   r"|distant",
     "more_change": r"moves away",
     "less_words": r"closer|nearer|near|close",
     "less_change": r"moves closer|approaches",
     "more_other": r"más lejos|plus loin|weiter entfernt|更远|遠い",
     "less_other": r"más cerca|plus près|näher|更近|近い"},
    {"more": "longer", "less": "shorter",
     "more_words": r"longer|lasts longer|lengthier",
     "less_words": r"shorter|briefer|lasts less",
     "more_other": r"más larg[oa]|plus longue?|länger|更长|長い",
     "less_other": r"más cort[oa]|plus courte?|kürzer|更短|短い"},
]


def side_words(relation: dict, side: str) -> str:
    """A relation's words for one side ("more" or "less"), its verbs of change included."""
    return "|".join(filter(None, (relation[f"{side}_words"], relation.get(f"{side}_change"))))


# Every verb of change, of any relation: said of the second item relative to the first.
CHANGE_WORDS = "|".join(r[key] for r in RELATIONS for key in ("more_change", "less_change") if key in r)
