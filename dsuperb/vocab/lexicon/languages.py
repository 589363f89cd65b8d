"""Languages (with ISO 639 codes and their names in other languages) and English accents.

Codes are read only when they are the whole answer ("DE", "zh", "en-US"), so the Spanish word
"es" inside a sentence is never taken for Spanish. Broader terms ("a Chinese dialect", "a
Romance language", "North American") are concepts too: they cover their members, and an answer
that names only a term covering several options commits to none of them.
"""

FAMILY = "language"

CONCEPTS = {
    "language": {"aliases": "a language|languages|spoken language"},
    "european language": {"aliases": "a european language|european languages", "is_a": "language"},
    "asian language": {"aliases": "an asian language|asian languages", "is_a": "language"},
    "romance language": {"aliases": "a romance language|romance languages|latin language",
                         "is_a": "european language"},
    "germanic language": {"aliases": "a germanic language|germanic languages", "is_a": "european language"},
    "slavic language": {"aliases": "a slavic language|slavic languages", "is_a": "european language"},
    "indian language": {"aliases": "an indian language|indic language", "is_a": "asian language"},
    "english": {"aliases": "inglés|ingles|anglais|englisch|inglese|inglês|英语|英文|英語|英国话|영어",
                "codes": "en|eng|en us|en gb", "is_a": "germanic language"},
    "german": {"aliases": "deutsch|alemán|aleman|allemand|tedesco|alemão|德语|德文|德語|ドイツ語|독일어",
               "codes": "de|deu|ger|de de", "is_a": "germanic language"},
    "dutch": {"aliases": "nederlands|neerlandés|néerlandais|niederländisch|olandese|flemish|荷兰语|"
                         "荷蘭語|オランダ語",
              "codes": "nl|nld|dut", "is_a": "germanic language"},
    "swedish": {"aliases": "svenska|sueco|suédois|schwedisch|瑞典语|スウェーデン語",
                "codes": "sv|swe", "is_a": "germanic language"},
    "norwegian": {"aliases": "norsk|noruego|norvégien|norwegisch|挪威语|ノルウェー語",
                  "codes": "nb|nn|nor", "is_a": "germanic language"},
    "danish": {"aliases": "dansk|danés|danois|dänisch|丹麦语|デンマーク語",
               "codes": "da|dan", "is_a": "germanic language"},
    "french": {"aliases": "français|francais|francés|frances|französisch|francese|francês|法语|法文|"
                          "法語|フランス語|프랑스어",
               "codes": "fr|fra|fre|fr fr", "is_a": "romance language"},
    "spanish": {"aliases": "español|espanol|castellano|castilian|espagnol|spanisch|spagnolo|espanhol|"
                           "西班牙语|西班牙語|西语|スペイン語|스페인어",
                "codes": "es|spa|es es", "is_a": "romance language"},
    "italian": {"aliases": "italiano|italien|italienisch|意大利语|義大利語|意大利語|イタリア語|이탈리아어",
                "codes": "it|ita", "is_a": "romance language"},
    "portuguese": {"aliases": "português|portugues|portugués|portugais|portugiesisch|portoghese|"
                              "brazilian portuguese|葡萄牙语|葡萄牙語|ポルトガル語",
                   "codes": "pt|por|pt br", "is_a": "romance language"},
    "romanian": {"aliases": "română|rumano|roumain|rumänisch|罗马尼亚语", "codes": "ro|ron|rum",
                 "is_a": "romance language"},
    "catalan": {"aliases": "català|catalán|katalanisch|加泰罗尼亚语", "codes": "ca|cat",
                "is_a": "romance language"},
    "russian": {"aliases": "русский|по-русски|по русски|на русском|русском|"
                           "ruso|russe|russisch|russo|俄语|俄語|ロシア語|러시아어",
                "codes": "ru|rus", "is_a": "slavic language"},
    "polish": {"aliases": "polski|polaco|polonais|polnisch|polacco|波兰语|ポーランド語",
               "codes": "pl|pol", "is_a": "slavic language"},
    "ukrainian": {"aliases": "українська|ucraniano|ukrainien|ukrainisch|乌克兰语",
                  "codes": "uk|ukr", "is_a": "slavic language"},
    "czech": {"aliases": "čeština|checo|tchèque|tschechisch|捷克语", "codes": "cs|ces|cze",
              "is_a": "slavic language"},
    "greek": {"aliases": "ελληνικά|griego|grec|griechisch|希腊语|ギリシャ語", "codes": "el|ell|gre",
              "is_a": "european language"},
    "finnish": {"aliases": "suomi|finlandés|finnois|finnisch|芬兰语", "codes": "fi|fin",
                "is_a": "european language"},
    "hungarian": {"aliases": "magyar|húngaro|hongrois|ungarisch|匈牙利语", "codes": "hu|hun",
                  "is_a": "european language"},
    "turkish": {"aliases": "türkçe|turco|turc|türkisch|土耳其语|トルコ語", "codes": "tr|tur",
                "is_a": "language"},
    "welsh": {"aliases": "cymraeg|galés|gallois|walisisch|威尔士语", "codes": "cy|cym|wel",
              "is_a": "european language"},
    "basque": {"aliases": "euskara|vasco|euskera", "codes": "eu|eus|baq", "is_a": "european language"},
    "chinese": {"aliases": "chino|chinois|chinesisch|cinese|chinês|中文|汉语|漢語|华语|華語|中国话|中國話|"
                           "中国語|中国语|중국어",
                "codes": "zh|zho|chi|zh cn|zh tw", "is_a": "asian language"},
    "chinese dialect": {"aliases": "a chinese dialect|chinese dialects|sinitic|sinitic language",
                        "is_a": "chinese"},
    "mandarin": {"aliases": "mandarin chinese|putonghua|standard chinese|普通话|普通話|国语|國語|官话",
                 "codes": "cmn", "is_a": "chinese"},
    "cantonese": {"aliases": "cantonés|cantonais|kantonesisch|yue chinese|粤语|粵語|广东话|廣東話|白话",
                  "codes": "yue", "is_a": "chinese"},
    "hokkien": {"aliases": "min nan|taiwanese|闽南语|閩南語|台语|台語", "codes": "nan", "is_a": "chinese"},
    "japanese": {"aliases": "japonés|japones|japonais|japanisch|giapponese|日语|日文|日本語|日本语|일본어",
                 "codes": "ja|jpn|jp", "is_a": "asian language"},
    "korean": {"aliases": "coreano|coréen|koreanisch|韩语|韓語|韩国语|한국어|韓国語|朝鲜语",
               "codes": "ko|kor", "is_a": "asian language"},
    "vietnamese": {"aliases": "tiếng việt|vietnamita|vietnamien|vietnamesisch|越南语|ベトナム語",
                   "codes": "vi|vie", "is_a": "asian language"},
    "thai": {"aliases": "ภาษาไทย|tailandés|thaï|thailändisch|泰语|タイ語", "codes": "th|tha",
             "is_a": "asian language"},
    "indonesian": {"aliases": "bahasa indonesia|indonesio|indonésien|indonesisch|印尼语",
                   "codes": "id|ind", "is_a": "asian language"},
    "malay": {"aliases": "bahasa melayu|malayo|malais|malaiisch|马来语", "codes": "ms|msa|may",
              "is_a": "asian language"},
    "tagalog": {"aliases": "filipino|tagalo|他加禄语", "codes": "tl|tgl|fil", "is_a": "asian language"},
    "hindi": {"aliases": "हिन्दी|hindú|印地语|ヒンディー語", "codes": "hi|hin", "is_a": "indian language"},
    "urdu": {"aliases": "اردو|乌尔都语", "codes": "ur|urd", "is_a": "indian language"},
    "bengali": {"aliases": "bangla|বাংলা|孟加拉语", "codes": "bn|ben", "is_a": "indian language"},
    "tamil": {"aliases": "தமிழ்|泰米尔语", "codes": "ta|tam", "is_a": "indian language"},
    "telugu": {"aliases": "తెలుగు|泰卢固语", "codes": "te|tel", "is_a": "indian language"},
    "marathi": {"aliases": "मराठी", "codes": "mr|mar", "is_a": "indian language"},
    "punjabi": {"aliases": "panjabi|ਪੰਜਾਬੀ", "codes": "pa|pan", "is_a": "indian language"},
    "arabic": {"aliases": "العربية|árabe|arabe|arabisch|阿拉伯语|アラビア語", "codes": "ar|ara",
               "is_a": "language"},
    "modern standard arabic": {"aliases": "standard arabic|fusha|fus ha|الفصحى|arabe standard moderne|"
                                          "arabe littéral|árabe estándar moderno|hocharabisch|"
                                          "modernes standardarabisch|现代标准阿拉伯语|标准阿拉伯语",
                               "codes": "msa|arb", "is_a": "arabic"},
    "egyptian": {"aliases": "egyptian arabic|masri|masry|cairene|cairene arabic|arabe égyptien|égyptien|"
                            "árabe egipcio|egipcio|ägyptisch|ägyptisches arabisch|埃及阿拉伯语|埃及方言",
                 "codes": "arz", "is_a": "arabic"},
    "levantine": {"aliases": "levantine arabic|shami|levantin|arabe levantin|árabe levantino|levantino|"
                             "levantinisch|黎凡特阿拉伯语|黎凡特方言",
                  "codes": "apc", "is_a": "arabic"},
    "gulf": {"aliases": "gulf arabic|khaleeji|khaliji|arabe du golfe|árabe del golfo|golfarabisch|"
                        "海湾阿拉伯语|海湾方言",
             "codes": "afb", "is_a": "arabic"},
    "maghrebi": {"aliases": "maghrebi arabic|darija|north african arabic|maghrebian arabic|arabe maghrébin|"
                            "árabe magrebí|maghrebinisch|马格里布阿拉伯语",
                 "is_a": "arabic"},
    "hebrew": {"aliases": "עברית|hebreo|hébreu|hebräisch|希伯来语", "codes": "he|heb", "is_a": "language"},
    "persian": {"aliases": "farsi|فارسی|persa|persan|persisch|波斯语", "codes": "fa|fas|per",
                "is_a": "language"},
    "swahili": {"aliases": "kiswahili|suajili|斯瓦希里语", "codes": "sw|swa", "is_a": "language"},
    # accents of English
    "accent": {"aliases": "an accent|english accent of|regional accent"},
    "north american": {"aliases": "north american accent|north american english|a north american accent",
                       "is_a": "accent"},
    "european accent": {"aliases": "european|a european accent|european english", "is_a": "accent"},
    "american": {"aliases": "american accent|american english|us english|us accent|united states|"
                            "general american|usa|americano|américain|amerikanisch|美国|美國|美式|"
                            "美国口音|アメリカ",
                 "codes": "us|en us|u s|u s a", "is_a": "north american"},
    "canadian": {"aliases": "canada|canadian accent|canadian english|canadiense|canadien|kanadisch|"
                            "加拿大|カナダ",
                 "codes": "ca|en ca", "is_a": "north american"},
    "british": {"aliases": "british accent|british english|uk english|uk accent|united kingdom|britain|"
                           "great britain|bre|británico|britannique|britisch|英国|英國|英式|イギリス",
                "codes": "uk|gb|en gb", "is_a": "european accent"},
    "england": {"aliases": "english accent|received pronunciation|southern english|inglaterra|"
                           "angleterre|英格兰",
                "codes": "rp", "is_a": "british"},
    "scottish": {"aliases": "scotland|scottish accent|scots|escocés|écossais|schottisch|苏格兰",
                 "is_a": "british"},
    "welsh accent": {"aliases": "wales|welsh english", "is_a": "british"},
    "northern irish": {"aliases": "northern ireland|ulster", "is_a": "british"},
    "irish": {"aliases": "ireland|irish accent|irish english|hiberno english|irlandés|irlandais|irisch|"
                         "爱尔兰|愛爾蘭",
              "codes": "ie|en ie", "is_a": "european accent"},
    "australian": {"aliases": "australia|aussie|australian accent|australian english|australiano|"
                              "australien|australisch|澳大利亚|澳洲|オーストラリア",
                   "codes": "au|aus|en au", "is_a": "accent"},
    "latin american": {"aliases": "latin america|latin american accent|latino|latina|hispanic|"
                                  "hispanic accent|latinoamericano|latinoamericana|拉丁美洲",
                       "is_a": "accent"},
    "new zealand": {"aliases": "new zealander|kiwi|new zealand accent|neozelandés|新西兰",
                    "codes": "nz|en nz", "is_a": "accent"},
    "indian": {"aliases": "india|indian accent|indian english|indio|indien|indisch|印度|インド",
               "codes": "en in|in", "is_a": "accent"},
    "south african": {"aliases": "south africa|south african accent|sudafricano|南非", "codes": "za",
                      "is_a": "accent"},
    "singaporean": {"aliases": "singapore|singlish|新加坡", "codes": "sg", "is_a": "accent"},
    "nigerian": {"aliases": "nigeria|nigerian english", "codes": "ng", "is_a": "accent"},
    "filipino accent": {"aliases": "philippines|philippine english", "codes": "ph", "is_a": "accent"},
    "hong kong": {"aliases": "hong kong english|香港", "codes": "hk", "is_a": "accent"},
    "jamaican": {"aliases": "jamaica|jamaican english|patois", "is_a": "accent"},
}
