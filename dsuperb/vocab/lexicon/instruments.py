"""Musical instruments, instrument classes, music genres, chord qualities and time signatures (the
last three in families of their own).

The classes ("a string instrument", "a wind instrument", "a drum") cover their members: an
answer naming only a class that covers several options picks none of them, while "guitar" is
"acoustic guitar" when that is the only guitar on offer.
"""

FAMILY = "music"

CONCEPTS = {
    "instrument": {"aliases": "an instrument|instruments|musical instrument|a musical instrument"},
    "string instrument": {"aliases": "string|a string|a string instrument|string instruments|"
                                     "stringed instrument|"
                                     "a stringed instrument|strings|string section|chordophone",
                          "is_a": "instrument|music"},
    "bowed string instrument": {"aliases": "a bowed string instrument|bowed instrument|bowed strings|"
                                           "violin family|the violin family|violin-family instrument",
                                "is_a": "string instrument"},
    "wind instrument": {"aliases": "a wind instrument|wind instruments|aerophone|winds",
                        "is_a": "instrument|music"},
    "woodwind": {"aliases": "woodwind instrument|a woodwind instrument|woodwinds|a woodwind",
                 "is_a": "wind instrument"},
    "brass": {"aliases": "brass instrument|a brass instrument|brass section|horns section",
              "is_a": "wind instrument"},
    "reed instrument": {"aliases": "reed|reeds|a reed instrument|reed instruments|single reed|double reed",
                        "is_a": "woodwind"},
    "mallet percussion": {"aliases": "mallet|mallets|a mallet instrument|mallet instrument|"
                                     "mallet instruments|"
                                     "tuned percussion|pitched percussion",
                          "is_a": "percussion"},
    "keyboard instrument": {"aliases": "keyboard|a keyboard|a keyboard instrument|keyboard instruments|keys",
                            "is_a": "instrument|music"},
    "percussion": {"aliases": "percussion instrument|a percussion instrument|percussive|percussion section",
                   "is_a": "instrument|music"},
    "drum": {"aliases": "a drum|drums sound|tambor|tambour|trommel|鼓", "is_a": "percussion"},
    "piano": {"aliases": "pianos|a piano|grand piano|upright piano|pianoforte|electric piano|klavier|"
                         "钢琴|鋼琴|ピアノ",
              "is_a": "keyboard instrument"},
    "organ": {"aliases": "organs|an organ|pipe organ|hammond organ|church organ|órgano|orgue|orgel|organo|"
                         "风琴|管风琴|オルガン",
              "is_a": "keyboard instrument"},
    "synthesizer": {"aliases": "synth|synths|synth lead|lead synth|synth pad|synthesiser|synthesizers|"
                               "keyboard synth|sintetizador|"
                               "synthétiseur|合成器|シンセサイザー",
                    "is_a": "keyboard instrument"},
    "harpsichord": {"aliases": "clavecin|cembalo|羽管键琴", "is_a": "keyboard instrument"},
    "accordion": {"aliases": "accordian|acordeón|accordéon|akkordeon|手风琴", "is_a": "keyboard instrument"},
    "violin": {"aliases": "violins|a violin|fiddle|fiddles|violín|violon|geige|violino|小提琴|バイオリン|"
                          "ヴァイオリン",
               "is_a": "bowed string instrument"},
    "viola": {"aliases": "violas|alto|中提琴|ビオラ", "is_a": "bowed string instrument"},
    "cello": {"aliases": "cellos|a cello|violoncello|violonchelo|violoncelle|大提琴|チェロ",
              "is_a": "bowed string instrument"},
    "double bass": {"aliases": "contrabass|upright bass|string bass|contrabajo|contrebasse|kontrabass|"
                               "低音提琴",
                    "is_a": "bowed string instrument"},
    "bass": {"aliases": "bass guitar|electric bass|bassline|bass line|bajo|basse|贝斯|ベース",
             "is_a": "string instrument"},
    "guitar": {"aliases": "guitars|a guitar|six string|guitarra|guitare|gitarre|chitarra|吉他|ギター",
               "is_a": "string instrument"},
    "acoustic guitar": {"aliases": "acoustic guitars|an acoustic guitar|steel string guitar|folk guitar|"
                                   "guitarra acústica|guitare acoustique|akustikgitarre|原声吉他|木吉他",
                        "is_a": "guitar"},
    "classical guitar": {"aliases": "nylon string guitar|spanish guitar|古典吉他", "is_a": "acoustic guitar"},
    "electric guitar": {"aliases": "electric guitars|an electric guitar|distorted guitar|lead guitar|"
                                   "guitarra eléctrica|guitare électrique|e gitarre|电吉他",
                        "is_a": "guitar"},
    "harp": {"aliases": "harps|a harp|arpa|harpe|harfe|竖琴", "is_a": "string instrument"},
    "banjo": {"aliases": "banjos|a banjo|班卓琴", "is_a": "string instrument"},
    "mandolin": {"aliases": "mandolins|mandolina|mandoline|曼陀林", "is_a": "string instrument"},
    "ukulele": {"aliases": "uke|ukelele|尤克里里", "is_a": "string instrument"},
    "sitar": {"aliases": "sitars|西塔琴", "is_a": "string instrument"},
    "erhu": {"aliases": "二胡", "is_a": "bowed string instrument"},
    "guzheng": {"aliases": "zither|古筝", "is_a": "string instrument"},
    "pipa": {"aliases": "琵琶", "is_a": "string instrument"},
    "flute": {"aliases": "flutes|a flute|flauta|flûte|flöte|flauto|长笛|笛子|笛|フルート",
              "is_a": "woodwind"},
    "piccolo": {"aliases": "piccolos|短笛", "is_a": "woodwind"},
    "recorder": {"aliases": "recorders|flauta dulce|blockflöte|竖笛", "is_a": "woodwind"},
    "clarinet": {"aliases": "clarinets|a clarinet|clarinete|clarinette|klarinette|clarinetto|单簧管|黑管|"
                            "クラリネット",
                 "is_a": "reed instrument"},
    "oboe": {"aliases": "oboes|an oboe|hautbois|双簧管|オーボエ", "is_a": "reed instrument"},
    "bassoon": {"aliases": "bassoons|fagot|basson|fagott|大管|巴松|ファゴット", "is_a": "reed instrument"},
    "saxophone": {"aliases": "saxophones|a saxophone|sax|saxes|alto sax|tenor sax|saxofón|saxophon|"
                             "sassofono|萨克斯|萨克斯风|サックス|サクソフォン",
                  "is_a": "reed instrument"},
    "harmonica": {"aliases": "harmonicas|mouth organ|blues harp|armónica|mundharmonika|口琴",
                  "is_a": "wind instrument"},
    "trumpet": {"aliases": "trumpets|a trumpet|cornet|trompeta|trompette|trompete|tromba|小号|小號|"
                           "トランペット",
                "is_a": "brass"},
    "trombone": {"aliases": "trombones|a trombone|trombón|posaune|长号|トロンボーン", "is_a": "brass"},
    "french horn": {"aliases": "horn|french horns|corno|cor|waldhorn|圆号|ホルン", "is_a": "brass"},
    "tuba": {"aliases": "tubas|a tuba|大号|チューバ", "is_a": "brass"},
    "drums": {"aliases": "drum kit|drum set|drumkit|drumset|the drums|drumming|batería|batterie|"
                         "schlagzeug|batteria|架子鼓|爵士鼓|ドラム",
              "is_a": "drum"},
    "snare drum": {"aliases": "snare|snares|snare drums|caja|caisse claire|小军鼓|军鼓", "is_a": "drums"},
    "bass drum": {"aliases": "kick drum|kick|bass drums|bombo|grosse caisse|底鼓|大鼓", "is_a": "drums"},
    "tom": {"aliases": "toms|tom tom|tom drum", "is_a": "drum"},
    "tabla": {"aliases": "tablas|indian hand drum|塔布拉鼓", "is_a": "drum"},
    "bongo": {"aliases": "bongos|bongo drums", "is_a": "drum"},
    "conga": {"aliases": "congas|conga drum", "is_a": "drum"},
    "djembe": {"aliases": "djembes|jembe", "is_a": "drum"},
    "timpani": {"aliases": "kettle drum|kettledrum|kettledrums|定音鼓", "is_a": "drum"},
    "cymbal": {"aliases": "cymbals|crash cymbal|ride cymbal|crash|platillo|cymbale|becken|镲|钹|シンバル",
               "is_a": "percussion"},
    "hi-hat": {"aliases": "hihat|hi hat|high hat|hi hats|charles|踩镲|ハイハット", "is_a": "cymbal"},
    "xylophone": {"aliases": "xylophones|xilófono|xylophon|木琴", "is_a": "mallet percussion"},
    "marimba": {"aliases": "marimbas|马林巴", "is_a": "mallet percussion"},
    "vibraphone": {"aliases": "vibes|vibraphon|颤音琴", "is_a": "mallet percussion"},
    "glockenspiel": {"aliases": "bells glockenspiel|钟琴", "is_a": "mallet percussion"},
    "tambourine": {"aliases": "tambourines|pandereta|tambourin|tamburin|铃鼓", "is_a": "percussion"},
    "triangle": {"aliases": "triángulo|triangle instrument|三角铁", "is_a": "percussion"},
    "voice": {"aliases": "vocals|vocal|singer|singers|singing|a singer|vocalist|lead vocals|human voice|"
                         "sung vocals|voz|voix|stimme|人声|歌声|ボーカル",
              "is_a": "instrument"},
    # genres (their own family: an instrument named in passing is no second genre)
    "genre": {"aliases": "a genre|music genre|style of music", "is_a": "music", "family": "genre"},
    "blues": {"aliases": "blues music|bluesy|12 bar blues|蓝调|布鲁斯|"
                         "ブルース", "is_a": "genre", "family": "genre"},
    "classical": {"aliases": "classical music|orchestral|orchestra|symphonic|clásica|classique|klassik|"
                             "古典音乐|古典|クラシック",
                  "is_a": "genre", "family": "genre"},
    "country": {"aliases": "country music|country and western|country western|country song|乡村音乐|"
                           "カントリー",
                "is_a": "genre", "family": "genre"},
    "disco": {"aliases": "disco music|disco track|迪斯科|ディスコ", "is_a": "genre", "family": "genre"},
    "hiphop": {"aliases": "rapper|rappers|raps|rapped|mc|emcee|rhymes|rhyming|beatbox|trap music|hip hop|"
                          "hip-hop|rap|rap music|rapping|嘻哈|说唱|"
                          "ヒップホップ", "is_a": "genre", "family": "genre"},
    "jazz": {"aliases": "jazzy|jazz music|swing|bebop|爵士|爵士乐|"
                        "ジャズ", "is_a": "genre", "family": "genre"},
    "metal": {"aliases": "heavy metal|metal music|thrash metal|death metal|metalcore|重金属|メタル",
              "is_a": "rock", "family": "genre"},
    "pop": {"aliases": "pop music|pop song|popular music|流行|流行音乐|"
                       "ポップ", "is_a": "genre", "family": "genre"},
    "reggae": {"aliases": "reggae music|dub|雷鬼|レゲエ", "is_a": "genre", "family": "genre"},
    "rock": {"aliases": "rock music|rock and roll|rock n roll|rock track|hard rock|摇滚|ロック",
             "is_a": "genre", "family": "genre"},
    "electronic": {"aliases": "electronic music|edm|electronica|techno|house music|电子|电子音乐|エレクトロ",
                   "is_a": "genre", "family": "genre"},
    "folk": {"aliases": "folk music|folk song|民谣|フォーク", "is_a": "genre", "family": "genre"},
    "rnb": {"aliases": "r&b|r and b|rhythm and blues|节奏布鲁斯", "is_a": "genre", "family": "genre"},
    "soul": {"aliases": "soul music|灵魂乐", "is_a": "genre", "family": "genre"},
    "funk": {"aliases": "funky|funk music|放克", "is_a": "genre", "family": "genre"},
    "punk": {"aliases": "punk rock|朋克", "is_a": "rock", "family": "genre"},
    "latin": {"aliases": "latin music|salsa|bossa nova|拉丁", "is_a": "genre", "family": "genre"},
    # chord quality
    "major": {"aliases": "major chord|a major chord|major key|major triad|mayor|majeur|dur|大调|大三和弦|"
                         "長調",
              "codes": "maj", "family": "chord"},
    "minor": {"aliases": "minor chord|a minor chord|minor key|minor triad|menor|mineur|moll|小调|小三和弦|"
                         "短調",
              "codes": "min", "family": "chord"},
    "diminished": {"aliases": "diminished chord|dim|减三和弦|diminué|diminuée|accord diminué|disminuido|"
                              "acorde disminuido|vermindert|verminderter akkord|減三和音",
                   "codes": "dim", "family": "chord"},
    "augmented": {"aliases": "augmented chord|aug|增三和弦|augmenté|augmentée|accord augmenté|aumentado|"
                             "acorde aumentado|übermäßig|übermäßiger akkord|増三和音",
                  "codes": "aug", "family": "chord"},
    # time signatures, by the names musicians read them with ("common time" for 4/4)
    "2/4": {"aliases": "two four|two four time|two four meter|two four metre|二四拍|四二拍子",
            "family": "meter"},
    "3/4": {"aliases": "three four|three four time|three four meter|three four metre|waltz time|三四拍|"
                       "四三拍子",
            "family": "meter"},
    "4/4": {"aliases": "four four|four four time|four four meter|four four metre|common time|四四拍|"
                       "四四拍子",
            "family": "meter"},
    "6/8": {"aliases": "six eight|six eight time|six eight meter|six eight metre|六八拍|八六拍子",
            "family": "meter"},
}
