"""States of a recording, a body or a voice that Phase-2 tasks ask about: genuine or fake (deepfake
and spoof detection), healthy or a named finding (breathing, heartbeat, cough), and singing
techniques (VocalSet), named the way a listener or a clinician describes them.
"""

FAMILY = "state"

CONCEPTS = {
    # genuine or machine-made
    "real": {"aliases": "genuine|authentic|bona fide|bonafide|bona-fide|natural|human|a real person|"
                        "real human|"
                        "human voice|natural human|live recording|recorded human|not fake|not synthetic|"
                        "real recording|auténtico|real|réel|authentique|echt|真实|真人",
             "family": "authenticity"},
    "fake": {"aliases": "replay|replayed|replay attack|playback|played back|re recorded|rerecorded|"
                        "recording of a recording|fake|synthetic|synthesized|synthesised|synthetic speech|"
                        "machine generated|"
                        "computer generated|ai generated|generated|text to speech|tts|speech synthesis|"
                        "deepfake|deep fake|spoof|spoofed|spoofing|cloned|voice clone|voice cloning|vocoded|"
                        "vocoder|manipulated|artificial|falso|falsa|sintético|faux|synthétique|gefälscht|"
                        "synthetisch|伪造|合成|假的",
             "family": "authenticity"},
    # clinical findings
    "normal": {"aliases": "healthy|normal breathing|normal heartbeat|normal heart sound|regular|"
                          "regular rhythm|"
                          "no abnormality|no abnormalities|nothing abnormal|unremarkable|clear lungs|"
                          "sano|normale|gesund|正常|健康",
               "family": "clinical"},
    "wheeze": {"aliases": "wheezes|wheezing|wheezy|whistling|whistling sound|musical breath sound|"
                          "sibilant rhonchi|"
                          "sibilancia|sibilance|sifflement|giemen|哮鸣音|喘鸣",
               "family": "clinical"},
    "crackle": {"aliases": "crackles|crackling|rales|rale|crepitations|crepitation|popping sounds|"
                           "crepitantes|"
                           "râles|crépitants|rasselgeräusche|湿啰音|爆裂音",
                "family": "clinical"},
    "murmur": {"aliases": "murmurs|heart murmur|a murmur|whooshing|swishing|soplo|souffle cardiaque|"
                          "herzgeräusch|"
                          "杂音|心脏杂音",
               "family": "clinical"},
    "extrasystole": {"aliases": "extrasystoles|extra beat|extra beats|premature beat|premature beats|"
                                "premature contraction|skipped beat|skipped beats|ectopic beat|ectopic beats|"
                                "extra heartbeat|irregular beat|palpitation|extrasístole|期前收缩|早搏",
                     "family": "clinical"},
    "artifact": {"aliases": "artifacts|artefact|artefacts|recording artifact|noise artifact|not a heartbeat|"
                            "interference|artefacto|伪影",
                 "family": "clinical"},
    # an infant's cry, by its cause (Donate-a-Cry style)
    "hungry": {"aliases": "hunger|hungry baby|wants to be fed|wants food|wants feeding|needs feeding|"
                          "starving|"
                          "wants milk|hambre|faim|hunger|饿|饥饿",
               "family": "need"},
    "tired": {"aliases": "sleepy|drowsy|exhausted|fatigued|fatigue|tiredness|wants to sleep|needs sleep|"
                         "sleep|"
                         "cansado|fatigué|müde|困|累",
              "family": "need"},
    "belly pain": {"aliases": "stomach ache|stomachache|tummy ache|colic|colicky|abdominal pain|stomach pain|"
                              "gas pain|gassy|dolor de barriga|mal au ventre|bauchschmerzen|肚子疼|腹痛",
                   "family": "need"},
    "discomfort": {"aliases": "uncomfortable|wet diaper|dirty diaper|too hot|too cold|fussy|fussing|"
                              "irritable|"
                              "incómodo|inconfort|unbehagen|不舒服",
                   "family": "need"},
    "burping": {"aliases": "burp|burps|needs to burp|needs burping|wind|trapped wind|eructo|rot|打嗝",
                "family": "need"},
    # waveforms of a synthesised tone
    "sawtooth wave": {"aliases": "sawtooth|saw|saw wave|sawtooth wave|ramp wave|sawtooth waveform|锯齿波",
                      "family": "waveform"},
    "square wave": {"aliases": "square|square wave|pulse wave|square waveform|方波", "family": "waveform"},
    "triangle wave": {"aliases": "triangle|triangle wave|triangular wave|triangle waveform|三角波",
                      "codes": "tri", "family": "waveform"},
    # audio effects applied to a recording (IDMT-SMT-Audio-Effects style)
    "distortion": {"aliases": "distorted|fuzz|fuzzy|fuzz pedal|clipping|clipped|gritty|distortion effect",
                   "family": "effect"},
    "overdrive": {"aliases": "overdriven|crunch|crunchy|driven amp|overdrive pedal", "family": "effect"},
    "chorus": {"aliases": "chorus effect|chorused|chorusing|shimmering doubled sound", "family": "effect"},
    "flanger": {"aliases": "flanging|flanged|jet sweep|jet plane sweep|jet like sweep|flange",
                "family": "effect"},
    "phaser": {"aliases": "phasing|phased|phase shifter|phase shifting|phaser effect", "family": "effect"},
    "tremolo": {"aliases": "tremolo effect|pulsing volume|volume wobble|wobbling volume|amplitude modulation|"
                           "throbbing volume",
                "family": "effect"},
    "feedback delay": {"aliases": "repeating echoes|echoes repeating|multiple echoes|delay with feedback|"
                                  "echo repeats|fading repeats|repeated echoes",
                       "family": "effect"},
    "slapback delay": {"aliases": "slapback|slap back|slap back delay|slap echo|single short echo|"
                                  "one short echo",
                       "family": "effect"},
    "reverb": {"aliases": "reverberation|reverberant|reverberating|hall reverb|plate reverb|spring reverb|"
                          "room reverb|reverb effect|cavernous",
               "family": "effect"},
    "no effect": {"aliases": "no effects|dry|dry signal|unprocessed|no processing|unaffected|bypassed|"
                             "untreated|clean signal|clean tone|original signal|without effects|"
                             "no audio effect",
                  "family": "effect"},
    # singing techniques
    "vibrato": {"aliases": "vibratos|wavering pitch|pitch oscillation|oscillating pitch|颤音唱法",
                "family": "technique"},
    "straight": {"aliases": "straight tone|no vibrato|without vibrato|plain tone|steady tone|直声",
                 "family": "technique"},
    "breathy": {"aliases": "breathiness|airy|whispery|breathy voice|气声", "family": "technique"},
    "vocal fry": {"aliases": "fry|creaky|creaky voice|creak|glottal fry|creakiness|pulse register|气泡音",
                  "family": "technique"},
    "belt": {"aliases": "belting|belted|belts|chest voice belt|powerful chest voice|"
                        "强声", "family": "technique"},
    "falsetto": {"aliases": "head voice|falsettos|假声", "family": "technique"},
}
