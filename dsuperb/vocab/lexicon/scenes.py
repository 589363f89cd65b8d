"""Scenes and kinds of content: indoor / outdoor, speech / music / tone / noise, dialogue acts,
disfluency types, the recording device, left or right: the two-to-six-way choices of Phase-2
classification tasks, worded as a listener describes them ("recorded inside a building", "someone is
talking", "just hiss").
"""

FAMILY = "scene"

CONCEPTS = {
    "indoor": {"aliases": "indoors|inside|inside a building|in a building|in a room|room|a small room|"
                          "kitchen|bathroom|bedroom|living room|hallway|corridor|classroom|library|studio|"
                          "restaurant|cafe|shop|store|mall|garage|basement|auditorium|"
                          "enclosed space|closed room|in the house|inside the house|office|"
                          "interior|interior space|en interior|à l intérieur|drinnen|innen|室内|屋内",
               "codes": "in"},
    "outdoor": {"aliases": "outdoors|outside|open air|in the open|street|on the street|busy road|"
                           "garden|field|countryside|highway|playground|mountain|"
                           "in nature|outdoor setting|al aire libre|exterior|à l extérieur|draußen|"
                           "im freien|户外|室外|屋外",
                "codes": "out"},
    # places that are scene options of their own (TAU Urban Acoustic Scenes' "park"): kinds of outdoor,
    # so "in a park" answers "indoors or outdoors?" and "outdoors" is no answer to "park"
    "park": {"aliases": "in a park|a park|city park|parque|parc|公园", "is_a": "outdoor"},
    "forest": {"aliases": "woods|woodland|in the woods|in a forest|bosque|forêt|wald|森林",
               "is_a": "outdoor"},
    "beach": {"aliases": "seaside|seashore|on the beach|at the beach|playa|plage|strand|海滩",
              "is_a": "outdoor"},
    "speech": {"aliases": "reads|reading|reads aloud|recites|reciting|recitation|reads out|"
                          "lecture|lecturing|giving a talk|a talk|podcast|interview|presentation|"
                          "announcement|news broadcast|news report|someone reading|reading a passage|"
                          "speech recording|spoken content|speaking|talking|speaks|talks|someone speaks|"
                          "someone talks|someone talking|"
                          "someone is talking|someone speaking|"
                          "someone is speaking|spoken|spoken word|spoken words|a person speaking|"
                          "people talking|conversation|narration|narrator|reading aloud|talk|voice|"
                          "habla|discurso|parole|sprache|rede|语音|说话|讲话|話し声",
               "codes": "sp"},
    "music": {"aliases": "sings|sang|sing along|sings along|singer sings|someone sings|strummed|strumming|"
                         "playing guitar|playing the piano|playing piano|orchestra playing|an orchestra|"
                         "musical|song|a song|singing|sung|instrumental|melody|tune|a band|band playing|"
                         "playing an instrument|música|musique|musik|音乐|音樂|歌|音楽",
              "codes": "mu"},
    "tone": {"aliases": "tones|a tone|pure tone|sine|sine wave|sinusoid|beep|beeping|whistle|single pitch|"
                        "pitched tone|tonal|tono|音调|纯音",
             "codes": ""},
    "noise": {"aliases": "noisy|hiss|hissing|static|white noise|pink noise|broadband noise|broadband|"
                         "rumble|rumbling|ruido|bruit|rauschen|噪音|噪声|雑音|ノイズ",
              "codes": ""},
    "silence": {"aliases": "silent|nothing at all|hear nothing|nothing audible|no sound|quiet|silencio|"
                           "stille|静音|沉默"},
    # dialogue acts
    "question": {"aliases": "questions|a question|interrogative|an interrogative|asking|asks|asks for|"
                            "inquiry|enquiry|query|yes no question|wh question|pregunta|"
                            "frage|疑问|问题|提问",
                 "codes": "qy|qw"},
    "statement": {"aliases": "statements|a statement|stating|states|stating a fact|states a fact|"
                             "declarative|assertion|statement of fact|informing|afirmación|"
                             "affirmation|aussage|陈述",
                  "codes": "sd"},
    "backchannel": {"aliases": "back channel|back-channel|backchanneling|acknowledgement|acknowledgment|"
                               "continuer|uh huh|mm hmm|mhm|附和",
                    "codes": "bc"},
    "opinion": {"aliases": "opinions|an opinion|giving an opinion|expressing an opinion|expressing a view|"
                           "viewpoint|point of view|opinión|avis|meinung|观点|意见",
                "codes": "sv"},
    "agreement": {"aliases": "agree|agrees|agreeing|concur|concurs|concurring|assent|in agreement|"
                             "acceptance|accepting|acuerdo|accord|zustimmung|同意|赞同",
                  "codes": "aa"},
    "apology": {"aliases": "apologize|apologizes|apologizing|apologise|apologises|apologising|apologetic|"
                           "expressing regret|regret|regrets|saying sorry|disculpa|excuse|"
                           "entschuldigung|道歉",
                "codes": ""},
    # disfluencies (stuttering types)
    "disfluency": {"aliases": "a disfluency|disfluencies|dysfluency|stutter|stuttering|stammer|stammering"},
    "block": {"aliases": "blocks|blocking|a block|gets stuck|got stuck|no sound comes out|silent block|"
                         "blocked", "is_a": "disfluency"},
    "prolongation": {"aliases": "prolongations|prolonged|prolongs|prolonging|stretches out|stretched out|"
                                "stretching out|drawn out|draws out|drags out|elongated|elongates|"
                                "lengthened|lengthens|held sound",
                     "is_a": "disfluency"},
    "sound repetition": {"aliases": "sound repetitions|repeats the first sound|repeating the first sound|"
                                    "repeats a sound|part word repetition|syllable repetition|"
                                    "repeated sound|repeats the sound",
                         "is_a": "disfluency"},
    "word repetition": {"aliases": "word repetitions|whole word repetition|repeats the word|repeats a word|"
                                   "repeats a whole word|repeating the word|repeated word|"
                                   "same whole word|same word several times|same word repeated",
                        "is_a": "disfluency"},
    "interjection": {"aliases": "interjections|filler|fillers|filler word|filler words|filled pause|"
                                "filled pauses|um|uh|umm|uhm",
                     "is_a": "disfluency"},
    "no disfluency": {"aliases": "fluent|fluently|fluent speech|no stutter|no stuttering|no disfluencies|"
                                 "no dysfluency|smooth speech"},
    # the recording device
    "smartphone": {"aliases": "smart phone|smartphones|mobile phone|cell phone|cellphone|cellular phone|"
                              "iphone|android phone|phone mic|phone microphone|智能手机|手机|"
                              "teléfono móvil|teléfono inteligente|téléphone portable|smartphone mic|"
                              "スマートフォン|スマホ|携帯電話",
                   "family": "device"},
    "studio microphone": {"aliases": "studio mic|studio microphones|studio condenser|studio condenser mic|"
                                     "large diaphragm condenser|large diaphragm condenser mic|"
                                     "professional studio microphone|micrófono de estudio|"
                                     "microphone de studio|studiomikrofon|录音棚麦克风|录音室麦克风",
                          "family": "device"},
    "laptop": {"aliases": "laptops|laptop computer|laptop mic|laptop microphone|built in laptop microphone|"
                          "笔记本电脑|ordenador portátil|ordinateur portable|ノートパソコン",
               "family": "device"},
    "headset": {"aliases": "headsets|headset mic|headset microphone|gaming headset|耳麦|头戴式耳机麦克风|"
                           "casque micro|auriculares con micrófono|ヘッドセット",
                "family": "device"},
    # where a sound comes from
    "left": {"aliases": "to the left|on the left|left side|left hand side|izquierda|à gauche|nach links|"
                        "左边|左侧",
             "codes": "l", "family": "direction"},
    "right": {"aliases": "to the right|on the right|right side|right hand side|derecha|à droite|nach rechts|"
                         "右边|右侧",
              "codes": "r", "family": "direction"},
}
