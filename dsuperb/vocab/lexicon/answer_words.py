"""Words answers are made of, beyond option names: yes and no, numbers, ordinals and counts,
in English and the languages answers most often come back in (Spanish, French, German,
Portuguese, Italian, Chinese, Japanese, Korean).
"""

# A leading word that answers a yes/no question.
YES_WORDS = ("yes|yeah|yep|yup|yea|affirmative|correct|sí|si|oui|ja|jawohl|sim|是|是的|对|對|有|"
             "はい|ええ|네|예")
NO_WORDS = ("no|nope|nah|negative|incorrect|non|nein|não|nao|нет|否|不是|不对|不對|没有|沒有|不|"
            "いいえ|いや|아니요|아니")

# Cardinal numbers as words (the value each names).
NUMBER_WORDS = {
    "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
    # Spanish, Portuguese, Italian, French, German
    "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "um": 1, "dois": 2, "duas": 2, "três": 3,
    "quatro": 4, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "une": 1, "deux": 2, "trois": 3,
    "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "eins": 1, "ein": 1, "eine": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    # Chinese, Japanese, Korean
    "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "十": 10, "ひとり": 1, "ふたり": 2, "하나": 1, "둘": 2, "셋": 3,
}
# "a single speaker", "a duet": words that stand for a count.
COUNT_WORDS = {
    "once": 1, "twice": 2, "thrice": 3, "a dozen": 12, "dozen": 12,
    "single": 1, "a single": 1, "solo": 1, "alone": 1, "lone": 1, "only one": 1, "monologue": 1,
    "duet": 2, "duo": 2, "pair": 2, "a pair of": 2, "couple": 2, "a couple of": 2, "both": 2,
    "dialogue between two": 2, "trio": 3, "quartet": 4, "quintet": 5, "sextet": 6,
    "half": 0.5, "a half": 0.5, "half a": 0.5, "one and a half": 1.5, "a quarter": 0.25, "quarter": 0.25,
}
# Ordinals, and the words that point at the first or second of two things.
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
    "former": 1, "latter": 2, "earlier one": 1, "later one": 2, "last": -1,
    "primero": 1, "primera": 1, "segundo": 2, "segunda": 2, "premier": 1, "première": 1, "deuxième": 2,
    "erste": 1, "erster": 1, "ersten": 1, "zweite": 2, "zweiter": 2, "zweiten": 2, "primo": 1, "secondo": 2,
    "第一": 1, "第二": 2, "第三": 3, "第四": 4, "第五": 5, "前者": 1, "后者": 2, "後者": 2,
}
# Units a distance or a duration answer may carry, as a factor to the option's unit family.
LENGTH_UNITS = {"m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0, "cm": 0.01,
                "centimeter": 0.01, "centimeters": 0.01, "centimetre": 0.01, "centimetres": 0.01,
                "mm": 0.001, "km": 1000.0, "米": 1.0, "公尺": 1.0, "厘米": 0.01, "metro": 1.0, "metros": 1.0,
                "mètre": 1.0, "mètres": 1.0, "meter.": 1.0}
TIME_UNITS = {"s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0, "ms": 0.001, "msec": 0.001,
              "msecs": 0.001, "millisecond": 0.001, "milliseconds": 0.001, "min": 60.0, "mins": 60.0,
              "minute": 60.0, "minutes": 60.0, "h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0,
              "hours": 3600.0, "秒": 1.0, "毫秒": 0.001, "分钟": 60.0, "segundos": 1.0, "secondes": 1.0}
# Nouns of people a count may be stated in ("three voices" for "how many speakers").
PEOPLE_NOUNS = ("people|persons|person|voices|voice|individuals|individual|talkers|talker|spk|spks|humans|"
                "speakers|speaker|singers|singer|vocalists|vocalist|participants|participant")
# People a reply may list instead of counting them ("a man and a woman" are two speakers).
PERSON_WORDS = ("man|woman|boy|girl|child|kid|male|female|person|speaker|gentleman|lady|guy|singer|"
                "vocalist|teenager|adult")
# Decades of life as answer options name them (Common Voice's age buckets), as year ranges.
DECADES = {"teens": (10, 19), "twenties": (20, 29), "thirties": (30, 39), "forties": (40, 49),
           "fourties": (40, 49), "fifties": (50, 59), "sixties": (60, 69), "seventies": (70, 79),
           "eighties": (80, 89), "nineties": (90, 99)}
