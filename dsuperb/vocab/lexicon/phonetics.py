"""Phonetic categories of Phase-2's phonological-feature tasks, with the names phoneticians also
use: a plosive is a stop, a close vowel a high vowel, [-back] a front vowel, a tap a flap; places
of articulation in their spellings (labio-dental, labiodental) and Chinese names, under the class
words labial, coronal, dorsal and laryngeal (parents, never aliases of a member); and the parts of
speech of the PoS tasks by their Universal Dependencies tags ("PROPN" for a proper noun).
"""

FAMILY = "phonetics"

CONCEPTS = {
    # manner of articulation
    "plosive": {"aliases": "plosives|stop|stops|stop consonant|oral stop|a stop|a plosive|occlusive|"
                           "explosive|"
                           "oclusiva|occlusive consonant|plosiv|塞音|爆破音"},
    "nasal": {"aliases": "nasals|nasal consonant|nasal stop|a nasal|鼻音"},
    "trill": {"aliases": "trills|trilled|rolled|rolled r|a trill|vibrant|颤音"},
    "tap/flap": {"aliases": "tap|flap|taps|flaps|a tap|a flap|tapped|flapped|tap or flap|闪音"},
    "fricative": {"aliases": "fricatives|a fricative|spirant|sibilant|擦音"},
    "affricate": {"aliases": "affricates|an affricate|塞擦音"},
    "approximant": {"aliases": "approximants|an approximant|liquid|近音"},
    "lateral": {"aliases": "laterals|lateral approximant|a lateral|边音"},
    "glide": {"aliases": "glides|semivowel|semi vowel|semivowels|a glide|半元音"},
    "click": {"aliases": "clicks|click consonant|a click|velaric|搭嘴音"},
    "ejective": {"aliases": "ejectives|an ejective|glottalic egressive|挤喉音"},
    "implosive": {"aliases": "implosives|an implosive|glottalic ingressive|内爆音"},
    "vowel": {"aliases": "vowels|a vowel|vocalic|元音"},
    # vowel height, frontness, roundedness
    "close": {"aliases": "high|high vowel|a high vowel|close vowel|a close vowel|closed vowel|closed|高元音|"
                         "闭元音"},
    "mid": {"aliases": "middle|mid vowel|a mid vowel|mid height|half open|half close|中元音"},
    "open": {"aliases": "low|low vowel|a low vowel|open vowel|an open vowel|低元音|开元音"},
    "[+back]": {"aliases": "+back|plus back|back vowel|a back vowel|backed vowel|后元音"},
    "[-back]": {"aliases": "-back|minus back|front vowel|a front vowel|fronted vowel|non back|前元音"},
    "rounded": {"aliases": "round|rounding|lip rounding|rounded lips|labialized|圆唇"},
    "unrounded": {"aliases": "unround|not rounded|spread|spread lips|no lip rounding|without rounding|不圆唇|"
                             "展唇"},
    # place of articulation (class words are parents: "a labial" is broader than bilabial)
    "labial": {"aliases": "labials|a labial|labial consonant|唇音"},
    "coronal": {"aliases": "coronals|a coronal|coronal consonant|舌冠音"},
    "dorsal": {"aliases": "dorsals|a dorsal|dorsal consonant|舌面音"},
    "laryngeal": {"aliases": "laryngeals|a laryngeal|laryngeal consonant"},
    "bilabial": {"aliases": "bilabials|a bilabial|bilabial consonant|bi-labial|bilabiale|bilabiales|双唇音",
                 "is_a": "labial"},
    "labio-dental": {"aliases": "labiodental|labiodentals|labio-dentals|a labiodental|labiodental consonant|"
                                "labiodentale|labiodentales|唇齿音",
                     "is_a": "labial"},
    "dental": {"aliases": "dentals|a dental|dental consonant|dentale|dentales|齿音",
               "is_a": "coronal"},
    "alveolar": {"aliases": "alveolars|an alveolar|alveolar consonant|alveolaire|alveolare|"
                            "齿龈音|龈音",
                 "is_a": "coronal"},
    "palato-alveolar": {"aliases": "palatoalveolar|palato-alveolars|palatoalveolars|a palato-alveolar|"
                                   "palato-alveolar consonant|palatoalveolaire|腭龈音|龈腭后音",
                        "is_a": "coronal"},
    "alveolo-palatal": {"aliases": "alveolopalatal|alveolo-palatals|alveolopalatals|an alveolo-palatal|"
                                   "alveolo-palatal consonant|alveolo palatal consonant|龈腭音",
                        "is_a": "coronal"},
    "retroflex": {"aliases": "retroflexes|a retroflex|retroflex consonant|retroflexed|cacuminal|rétroflexe|"
                             "retrofleja|卷舌音|卷舌|そり舌音",
                  "is_a": "coronal"},
    "palatal": {"aliases": "palatals|a palatal|palatal consonant|palatale|硬腭音",
                "is_a": "dorsal"},
    "velar": {"aliases": "velars|a velar|velar consonant|vélaire|velare|软腭音",
              "is_a": "dorsal"},
    "uvular": {"aliases": "uvulars|an uvular|a uvular|uvular consonant|uvulaire|小舌音",
               "is_a": "dorsal"},
    "pharyngeal": {"aliases": "pharyngeals|a pharyngeal|pharyngeal consonant|pharyngal|pharyngale|咽音",
                   "is_a": "laryngeal"},
    "glottal": {"aliases": "glottals|a glottal|glottal consonant|glottale|声门音",
                "is_a": "laryngeal"},
    "labio-velar": {"aliases": "labiovelar|labial-velar|labial velar|labiovelars|labio-velars|a labio-velar|"
                               "labio-velar consonant|唇软腭音"},
    "labio-palatal": {"aliases": "labiopalatal|labial-palatal|labial palatal|labio-palatals|a labio-palatal|"
                                 "唇硬腭音"},
    "labio-alveolar": {"aliases": "labioalveolar|labial-alveolar|labial alveolar|labio-alveolars|"
                                  "a labio-alveolar"},
    "linguolabial": {"aliases": "linguo-labial|linguolabials|a linguolabial|linguolabial consonant|舌唇音"},
    "palato-alveolo-velar": {"aliases": "palatoalveolovelar|palato alveolo velar consonant"},
    "uvulo-pharyngeal": {"aliases": "uvulopharyngeal|uvulo-pharyngeals|uvular-pharyngeal"},
    "alveolo-nasal": {"aliases": "alveolonasal"},
    "dento-nasal": {"aliases": "dentonasal"},
    "palato-nasal": {"aliases": "palatonasal"},
    "retroflex-nasal": {"aliases": "retroflexnasal"},
    # parts of speech (Universal Dependencies tags, read as codes: "PART" is no "part" of a song)
    "adjective": {"aliases": "adjectives|an adjective|adjetivo|adjectif|adjektiv|形容词", "codes": "adj",
                  "family": "part of speech"},
    "adposition": {"aliases": "adpositions|an adposition|preposition|prepositions|postposition|介词",
                   "codes": "adp", "family": "part of speech"},
    "adverb": {"aliases": "adverbs|an adverb|adverbio|adverbe|副词", "codes": "adv",
               "family": "part of speech"},
    "auxiliary": {"aliases": "auxiliaries|auxiliary verb|auxiliary verbs|an auxiliary|助动词", "codes": "aux",
                  "family": "part of speech"},
    "coordinating conjunction": {"aliases": "coordinating conjunctions|a coordinating conjunction|"
                                            "coordinator|并列连词",
                                 "codes": "cconj", "family": "part of speech"},
    "determiner": {"aliases": "determiners|a determiner|determinante|déterminant|限定词", "codes": "det",
                   "family": "part of speech"},
    "interjection tag": {"aliases": "interjection|interjections|an interjection|interjección|叹词|感叹词",
                         "codes": "intj", "family": "part of speech"},
    "noun": {"aliases": "nouns|a noun|common noun|common nouns|sustantivo|substantiv|名词",
             "family": "part of speech"},
    "numeral": {"aliases": "numerals|a numeral|cardinal number|number word|数词", "codes": "num",
                "family": "part of speech"},
    "particle": {"aliases": "particles|a particle|grammatical particle|小品词|助词", "codes": "part",
                 "family": "part of speech"},
    "pronoun": {"aliases": "pronouns|a pronoun|pronombre|pronom|pronomen|代词", "codes": "pron",
                "family": "part of speech"},
    "proper noun": {"aliases": "proper nouns|a proper noun|proper name|nombre propio|nom propre|专有名词",
                    "codes": "propn", "family": "part of speech"},
    "subordinating conjunction": {"aliases": "subordinating conjunctions|a subordinating conjunction|"
                                             "subordinator|从属连词",
                                  "codes": "sconj", "family": "part of speech"},
    "verb": {"aliases": "verbs|a verb|verbo|verbe|动词", "codes": "v", "family": "part of speech"},
}
