"""What a spoken request asks a device to do (Fluent Speech Commands / SUPERB IC actions, SLURP-style
verbs), worded the way a listener reports it: "the user wants to switch off the lights" is
deactivate, "asks to turn the volume up" is increase.
"""

FAMILY = "intent"

CONCEPTS = {
    "activate": {"aliases": "turn on the|switch on the|turn the heating on|turn on the heating|activation|"
                            "turn on|turn it on|turns on|turning on|switch on|switch it on|switches on|"
                            "switching on|power on|start|starts|starting|enable|enables|enabling|put on|"
                            "turn the lights on|switch the lights on|lights on|music on|play|activar|"
                            "encender|"
                            "allumer|activer|einschalten|anschalten|打开|开启|启动"},
    "deactivate": {"aliases": "turn off the|switch off the|turn the heating off|turn off the heating|mute|"
                              "deactivation|turn off|turn it off|turns off|turning off|switch off|"
                              "switch it off|"
                              "switches off|switching off|power off|shut off|shut down|disable|disables|"
                              "disabling|stop|stops|stopping|cut off|turn the lights off|"
                              "switch the lights off|"
                              "lights off|music off|desactivar|apagar|éteindre|désactiver|ausschalten|"
                              "abschalten|"
                              "关闭|关掉|停止"},
    "increase": {"aliases": "louder|make the music louder|turn up the music|increasing|"
                            "turn up|turn it up|turns up|turning up|turn the volume up|turn up the volume|"
                            "volume up|raise|raises|raising|raise the volume|raise the temperature|boost|"
                            "boosting|"
                            "make it louder|make it warmer|make it brighter|more volume|pump up|crank up|"
                            "turn the heat up|turn up the heat|aumentar|subir|augmenter|monter|erhöhen|"
                            "lauter|"
                            "增加|调高|提高|加大"},
    "decrease": {"aliases": "quieter|make the music quieter|make it softer|softer|less loud|"
                            "turn down the music|decreasing|turn down|turn it down|turns down|turning down|"
                            "turn the volume down|lower the heating|lower the heat|"
                            "turn down the volume|volume down|lower the volume|lower the temperature|reduce|"
                            "reduces|"
                            "reducing|dim|dims|dimming|dim the lights|make it quieter|make it cooler|"
                            "make it darker|"
                            "less volume|turn the heat down|turn down the heat|disminuir|bajar|diminuer|"
                            "baisser|"
                            "verringern|leiser|减少|调低|降低|减小"},
    "bring": {"aliases": "get them|get him|get her|get us|bring them|bring him|bring her|bring us|fetch me|"
                         "pick up|go and get|brings|bringing|fetch|fetches|fetching|bring me|get me|go get|"
                         "grab me|deliver|delivers|"
                         "hand me|traer|apporter|bringen|holen|拿来|带来"},
    "change language": {"aliases": "change the language|changing the language|switch language|"
                                   "switch the language|"
                                   "switch languages|set the language|language change|language settings|"
                                   "cambiar idioma|changer de langue|sprache ändern|切换语言|更改语言"},
}
