"""Sound events, animals and vocal sounds (ESC-50, UrbanSound8K, DESED, VocalSound style labels).

A sound is "a kind of" its source where that helps a reader ("dog bark" is_a "dog", so "a dog
barking" answers an animal question and "a dog" a sound-event one), and of the broad classes a
listener names instead of an option ("an animal", "a vehicle", "some kind of alarm").
"""

FAMILY = "sound"

CONCEPTS = {
    # broad classes
    "sound": {"aliases": "a sound|some sound|noises|a noise"},
    "animal": {"aliases": "an animal|animals|animal sound|an animal sound|creature|wildlife|mammal",
               "is_a": "sound"},
    "pet": {"aliases": "a pet|domestic pet|a domestic pet|domestic animal|a domestic animal|pets|"
                       "house pet|household pet", "is_a": "animal"},
    "farm animal": {"aliases": "a farm animal|farm animals|livestock|barnyard animal|farmyard animal",
                    "is_a": "animal"},
    "bird": {"aliases": "birds|a bird|bird sound|bird song|birdsong|bird call|birdcall|songbird|"
                        "chirp|chirps|chirping|tweet|tweeting|twittering|warble|warbling|pájaro|"
                        "pájaros|oiseau|oiseaux|vogel|vögel|鸟|鳥|鸟叫",
             "is_a": "animal"},
    "insect": {"aliases": "insects|bug|bugs|an insect|buzzing insect", "is_a": "animal"},
    "vehicle": {"aliases": "a vehicle|vehicles|vehicle sound|traffic|motor vehicle",
                "is_a": "sound"},
    "alarm": {"aliases": "an alarm|alarm sound|warning signal|a warning signal|warning sound|alert|"
                         "an alert|alarm signal|beeping alarm|alarma|alarme|警报",
              "is_a": "sound"},
    "human sound": {"aliases": "bodily noise|a bodily noise|body noise|bodily sound|"
                               "a human sound|vocal sound|a vocal sound|non speech sound",
                    "is_a": "sound"},
    "household sound": {"aliases": "household appliance|an appliance|a household appliance|appliance|"
                                   "domestic sound",
                        "is_a": "sound"},
    "water sound": {"aliases": "water|liquid", "is_a": "sound"},
    "weather": {"aliases": "weather sound|the weather", "is_a": "sound"},
    # animals
    "dog": {"aliases": "growling|growl|growls|howling|howl|howls|whimpering dog|doggy|doggie|dogs|a dog|"
                       "puppy|pup|hound|canine|perro|chien|hund|cane|狗|犬|小狗",
            "is_a": "pet|animal"},
    "cat": {"aliases": "meows|mewing|mew|purrs|kitty cat|cats|a cat|kitten|kitty|feline|meow|meowing|miaow|"
                       "purr|purring|gato|chat|katze|"
                       "gatto|猫|小猫|猫の鳴き声",
            "is_a": "pet|animal"},
    "cow": {"aliases": "cows|a cow|cattle|bull|moo|mooing|vaca|vache|kuh|mucca|牛|奶牛",
            "is_a": "farm animal"},
    "rooster": {"aliases": "roosters|a rooster|cockerel|cock a doodle doo|crowing|crows|gallo|coq|hahn|"
                           "公鸡|雄鶏",
                "is_a": "farm animal|bird"},
    "hen": {"aliases": "hens|chicken|chickens|clucking|cluck|gallina|poule|huhn|母鸡|鸡",
            "is_a": "farm animal|bird"},
    "pig": {"aliases": "pigs|a pig|hog|swine|piglet|oink|oinking|cerdo|cochon|schwein|maiale|猪|豚",
            "is_a": "farm animal"},
    "sheep": {"aliases": "a sheep|lamb|lambs|ewe|baa|bleating|bleat|oveja|mouton|schaf|pecora|绵羊|羊",
              "is_a": "farm animal"},
    "goat": {"aliases": "goats|a goat|cabra|chèvre|ziege|山羊", "is_a": "farm animal"},
    "horse": {"aliases": "horses|a horse|neigh|neighing|whinny|caballo|cheval|pferd|马|馬",
              "is_a": "farm animal"},
    "duck": {"aliases": "ducks|a duck|quack|quacking|pato|canard|ente|鸭", "is_a": "farm animal|bird"},
    "frog": {"aliases": "frogs|a frog|croak|croaking|ribbit|rana|grenouille|frosch|青蛙|蛙",
             "is_a": "animal"},
    "crow": {"aliases": "crows|a crow|cawing|caw|raven|cuervo|corbeau|krähe|乌鸦", "is_a": "bird"},
    "owl": {"aliases": "owls|an owl|hooting|hoot|búho|chouette|eule|猫头鹰", "is_a": "bird"},
    "crickets": {"aliases": "cricket|chirping crickets|grillo|grillon|grille|蟋蟀", "is_a": "insect"},
    "bee": {"aliases": "bees|a bee|buzzing bee|beehive|hive|abeja|abeille|biene|蜜蜂", "is_a": "insect"},
    # sound events
    "dog bark": {"aliases": "dog barking|dogs barking|barking dog|barking|bark|barks|a dog barks|"
                            "the dog barks|"
                            "dog barks|woof|yapping|yap|yelping|perro ladrando|ladrido|ladridos|"
                            "aboiement|aboiements|chien qui aboie|aboie|hund bellt|bellen|bellt|狗叫|"
                            "狗吠|犬の鳴き声|犬が吠え",
                 "is_a": "dog"},
    "cat meow": {"aliases": "cat meowing|meowing cat|a cat meows", "is_a": "cat"},
    "rain": {"aliases": "pattering|patter|pitter patter|rain shower|rainy|precipitation|raindrop|"
                        "rain on a roof|rain on the window|raining|rainfall|rainstorm|downpour|drizzle|"
                        "raindrops|rain drops|rain falling|"
                        "water drops falling|lluvia|llueve|pluie|il pleut|regen|regnet|es regnet|pioggia|"
                        "piove|雨|下雨|雨声",
             "is_a": "weather|water sound"},
    "thunderstorm": {"aliases": "thunder|storm|lightning|tormenta|orage|gewitter|雷|雷声",
                     "is_a": "weather"},
    "wind": {"aliases": "windy|gust|gusts|blowing wind|viento|vent|风|風", "is_a": "weather"},
    "sea waves": {"aliases": "breaking waves|crashing waves|waves crashing|waves breaking|shoreline|tide|"
                             "beach waves|the sea|waves|ocean|ocean waves|surf|seashore|sea|olas|vagues|"
                             "wellen|海浪|波",
                  "is_a": "water sound"},
    "stream": {"aliases": "flowing stream|babbling brook|brook|creek|river|streams|a stream|"
                         "running stream|riachuelo|ruisseau|bach|小溪|溪流|小川", "is_a": "water sound"},
    "water drops": {"aliases": "dripping|drip|drips|water dripping|droplets|gotas", "is_a": "water sound"},
    "pouring water": {"aliases": "water pouring|pouring|running water|faucet|tap running|flowing water",
                      "is_a": "water sound"},
    "toilet flush": {"aliases": "toilet flushing|flushing|flush|cisterna", "is_a": "water sound"},
    "crackling fire": {"aliases": "bonfire|flames|fire burning|wood burning|log fire|burning wood|hoguera|"
                                  "feu de camp|lagerfeuer|fire|fire crackling|crackling|campfire|fireplace|"
                                  "burning|fuego|feu|火",
                       "is_a": "sound"},
    "siren": {"aliases": "sirens|a siren|ambulance|police siren|fire engine|fire truck|emergency vehicle|"
                         "wailing alarm|sirena|sirène|sirene|警笛|サイレン",
              "is_a": "alarm|vehicle"},
    "car horn": {"aliases": "horn|horns|honking|honk|car honking|a car honks|beeping horn|klaxon|bocina|"
                            "claxon|klaxonner|hupe|喇叭|汽车喇叭|クラクション",
                 "is_a": "vehicle|alarm"},
    "engine": {"aliases": "engine idling|engine running|car engine|revving|motor", "is_a": "vehicle"},
    "car": {"aliases": "car passing by|a car driving by|car driving past|passing car|cars|a car|"
                       "automobile|auto|sedan|passenger car|car passing|car driving|coche|carro|"
                       "voiture|wagen|汽车|小汽车|轿车|車",
            "is_a": "vehicle"},
    "truck": {"aliases": "trucks|a truck|lorry|lorries|semi truck|eighteen wheeler|pickup truck|pickup|"
                         "heavy goods vehicle|camión|camion|lastwagen|lkw|卡车|货车|トラック",
              "is_a": "vehicle"},
    "bus": {"aliases": "buses|a bus|coach|city bus|autobus|omnibus|autobús|bus stop|公交车|巴士|"
                       "公共汽车|バス",
            "is_a": "vehicle"},
    "motorcycle": {"aliases": "motorcycles|a motorcycle|motorbike|motorbikes|motor bike|scooter|moped|"
                              "dirt bike|"
                              "moto|motocicleta|motocyclette|motorrad|摩托车|オートバイ|バイク",
                   "is_a": "vehicle"},
    "train": {"aliases": "trains|a train|railway|locomotive|tren|zug|火车", "is_a": "vehicle"},
    "airplane": {"aliases": "aeroplane|plane|aircraft|jet|airplane flying|avión|avion|flugzeug|飞机",
                 "is_a": "vehicle"},
    "helicopter": {"aliases": "rotor|rotors|rotor blades|whirring blades|heli|chopper|helicóptero|"
                              "hélicoptère|hubschrauber|直升机", "is_a": "vehicle"},
    "clock alarm": {"aliases": "alarm clock|alarm clock ringing|ringing alarm", "is_a": "alarm"},
    "smoke alarm": {"aliases": "smoke detector|fire alarm", "is_a": "alarm"},
    "clock tick": {"aliases": "clock ticking|ticking|tick|ticks|tick tock|ticking clock|clock|timepiece|"
                              "reloj|horloge|tic tac|uhr|时钟|钟表|滴答",
                   "is_a": "household sound"},
    "door knock": {"aliases": "knock|knocks|knocking|knocking on a door|knock on the door|knuckles|"
                              "rapping on a door|door knocking|someone knocking|golpe en la puerta|"
                              "llamar a la puerta|frapper|klopfen|klopft|敲门|ノック",
                   "is_a": "household sound"},
    "door": {"aliases": "door slam|door closing|door opening|door creak|door creaking|puerta|porte|tür|门",
             "is_a": "household sound"},
    "footsteps": {"aliases": "footstep|steps|walking|someone walking|pasos|pas|schritte|脚步声",
                  "is_a": "human sound"},
    "keyboard typing": {"aliases": "typing|keyboard|keystrokes|clicking keys|teclado|clavier|tastatur|打字",
                        "is_a": "household sound"},
    "mouse click": {"aliases": "mouse clicking|clicking|click|clicks", "is_a": "household sound"},
    "vacuum cleaner": {"aliases": "vacuum|vacuuming|hoover|aspiradora|aspirateur|staubsauger|吸尘器",
                       "is_a": "household sound"},
    "washing machine": {"aliases": "washer|laundry machine|lavadora|machine à laver|洗衣机",
                        "is_a": "household sound"},
    "blender": {"aliases": "mixer|blending|licuadora|mixeur|搅拌机", "is_a": "household sound"},
    "dishes": {"aliases": "dishes clattering|clattering dishes|cutlery|pots and pans|plates",
               "is_a": "household sound"},
    "glass breaking": {"aliases": "breaking glass|shattering glass|glass shattering|smashing glass|"
                                  "vidrio roto|"
                                  "verre brisé|玻璃破碎",
                       "is_a": "sound"},
    "can opening": {"aliases": "opening a can|soda can|can opener", "is_a": "household sound"},
    "chainsaw": {"aliases": "buzz saw|power saw|chainsaws|chain saw|motosierra|tronçonneuse|kettensäge|"
                            "电锯", "is_a": "sound"},
    "hand saw": {"aliases": "saw|sawing|handsaw", "is_a": "sound"},
    "jackhammer": {"aliases": "jack hammer|pneumatic drill|martillo neumático|marteau piqueur|"
                              "presslufthammer",
                   "is_a": "sound"},
    "drilling": {"aliases": "drill|power drill|taladro|perceuse|bohrer|电钻", "is_a": "sound"},
    "gun shot": {"aliases": "gunshot|gunshots|gunfire|shot|shots|firearm|disparo|coup de feu|schuss|枪声",
                 "is_a": "sound"},
    "air conditioner": {"aliases": "air conditioning|ac unit|aircon|hvac|aire acondicionado|climatiseur|空调",
                        "codes": "ac|a c", "is_a": "household sound"},
    "church bells": {"aliases": "bells|bell|bells ringing|church bell|campanas|cloches|glocken|钟声|"
                             "kirchenglocken|教堂钟声|教会の鐘|鐘|鐘の音",
                     "is_a": "sound"},
    "children playing": {"aliases": "kids playing|children shouting|playground|niños jugando",
                         "is_a": "human sound"},
    "street music": {"aliases": "busker|busking|street musician|street performer", "is_a": "sound"},
    # vocal sounds
    "crying baby": {"aliases": "newborn crying|wailing baby|baby wailing|baby cries|a baby cries|"
                               "infant cries|baby crying|a baby crying|crying infant|infant crying|"
                               "an infant wailing|"
                               "infant is wailing|wailing infant|baby|infant|newborn|bebé llorando|"
                               "bébé qui pleure|baby weint|婴儿哭|赤ちゃんの泣き声",
                    "is_a": "human sound"},
    "laughter": {"aliases": "chuckles|chuckled|laughed|giggles|giggled|cackle|cackling|snicker|snickering|"
                            "guffaw|chortle|chortling|laugh|laughs|laughing|chuckle|chuckling|giggle|"
                            "giggling|haha|risa|rire|lachen|"
                            "笑声|笑い",
                 "is_a": "human sound"},
    "sigh": {"aliases": "exhalation|exhalations|exhales|sighed|sighs deeply|heavy exhale|"
                        "breathes out heavily|long breath out|sighs|sighing|exhale|exhaling|"
                        "a long breathy exhale|suspiro|soupir|seufzer|叹气|"
                        "ため息",
             "is_a": "human sound"},
    "cough": {"aliases": "hacking|hacking cough|coughed|coughing fit|dry cough|wet cough|coughs|coughing|tos|"
                         "toux|husten|咳嗽|咳", "is_a": "human sound"},
    "throat clearing": {"aliases": "clearing throat|clearing the throat|clearing his throat|"
                                   "clearing her throat|clearing their throat|clears throat|"
                                   "clears his throat|clears her throat|clears their throat|ahem|清嗓子",
                        "is_a": "human sound"},
    "sneeze": {"aliases": "sneezed|sneezes loudly|sneezes|sneezing|achoo|atchoo|estornudo|éternuement|niesen|"
                          "打喷嚏|くしゃみ",
               "is_a": "human sound"},
    "sniff": {"aliases": "sniffed|snort|snorts|snorting|runny nose|sniffs|sniffing|sniffle|sniffling|snuffle|"
                         "olfateo|reniflement|schniefen|吸鼻子",
              "is_a": "human sound"},
    "snoring": {"aliases": "snore|snores|ronquido|ronflement|schnarchen|打呼噜|いびき",
                "is_a": "human sound"},
    "breathing": {"aliases": "breath|breaths|breathe|respiration|panting|respiración|souffle|atmen|呼吸",
                  "is_a": "human sound"},
    "clapping": {"aliases": "clap|claps|applause|hand clapping|aplausos|applaudissements|klatschen|鼓掌|拍手",
                 "is_a": "human sound"},
    "scream": {"aliases": "screaming|screams|shriek|shrieking|yell|yelling|grito|cri|schrei|尖叫|悲鳴",
               "is_a": "human sound"},
    "crying": {"aliases": "cry|cries|sob|sobbing|weeping|llanto|pleurs|weinen|哭|哭声|泣き声",
               "is_a": "human sound"},
}
