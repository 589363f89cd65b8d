"""Phonetic categories of Phase-2's phonological-feature tasks, with the names phoneticians also
use: a plosive is a stop, a close vowel a high vowel, [-back] a front vowel, a tap a flap.
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
}
