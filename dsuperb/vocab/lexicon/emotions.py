"""Emotions and moods (speech emotion, song mood, sentiment), with common translations.

Aliases are words a listener uses for the emotion ("cheerful", "on the verge of tears"), the
emotion in Spanish, French, German, Italian, Chinese and Japanese, and the short class names of
emotion corpora as codes ("hap", "neu", IEMOCAP / CREMA-D style).
"""

FAMILY = "emotion"

CONCEPTS = {
    "emotion": {"aliases": "an emotion|emotions|emotional state|a feeling|feelings|mood"},
    "positive emotion": {"aliases": "positiva|positivos|positivas|positifs|favorable|favourable|approving|"
                                    "appreciative|complimentary|praising|praise|optimistic|satisfied|"
                                    "satisfaction|good review|pleased with|positive|a positive emotion|"
                                    "positive feeling|positive mood|"
                                    "positive sentiment|positivo|positif|positiv|积极|正面",
                         "codes": "pos", "is_a": "emotion"},
    "negative emotion": {"aliases": "upset|upsetting|negativa|negativos|negativas|négative|unfavorable|"
                                    "unfavourable|"
                                    "dissatisfied|dissatisfaction|critical|disapproving|complaining|"
                                    "complaint|complains|displeased|displeasure|pessimistic|bad review|"
                                    "unhappy with|negative|a negative emotion|negative feeling|negative mood|"
                                    "negative sentiment|negativo|négatif|negativ|消极|负面",
                         "codes": "neg", "is_a": "emotion"},
    "happy": {
        "aliases": "cheerfully|joyfully|gleefully|merrily|with joy|in joy|content|contented|lighthearted|"
                   "light hearted|bubbly|chipper|buoyant|overjoyed|amused|"
                   "amusement|playful|in high spirits|in good spirits|good spirits|happily|felicidad|bonheur|"
                   "glück|gai|gaie|fröhlichkeit|happiness|joy|joyful|joyous|cheerful|cheery|glad|gladness|"
                   "delighted|elated|pleased|"
                   "merry|gleeful|jubilant|ecstatic|upbeat|in a good mood|bright and happy|"
                   "feliz|alegre|alegría|contento|contenta|heureux|heureuse|joyeux|joyeuse|joie|"
                   "glücklich|fröhlich|froh|freude|felice|allegra|gioioso|"
                   "开心|高兴|快乐|愉快|喜悦|开朗|高興|快樂|開心|嬉しい|嬉しそう|楽しい|楽しそう|幸せ|喜び",
        "codes": "hap|happ", "is_a": "positive emotion"},
    "excited": {"aliases": "excitement|thrilled|enthusiastic|exhilarated|emocionado|excité|aufgeregt|"
                           "兴奋|興奮",
                "codes": "exc", "is_a": "happy"},
    "sad": {
        "aliases": "sadly|sorrowfully|mournfully|tearfully|gloomily|miserably|with sadness|in sorrow|"
                   "downhearted|down hearted|feeling blue|despair|despairing|woeful|sombre|somber|"
                   "crestfallen|disheartened|discouraged|glum|morose|desolate|disappointed|disappointment|"
                   "about to cry|close to crying|holding back tears|verge of crying|choked up|teary|pained|"
                   "hurt|dolido|triste e|désespéré|niedergeschlagen|betrübt|"
                   "悲しげ|落ち込|sadness|unhappy|sorrow|"
                   "sorrowful|melancholy|melancholic|gloomy|depressed|dejected|"
                   "downcast|mournful|grief|grieving|heartbroken|despondent|tearful|in tears|"
                   "verge of tears|close to tears|near tears|weeping|sobbing|miserable|forlorn|"
                   "feeling down|sounds down|low spirited|triste|tristeza|tristes|traurig|"
                   "trauer|tristesse|malheureux|afflitto|难过|伤心|悲伤|悲哀|难受|難過|傷心|悲傷|"
                   "悲しい|悲しそう|悲し|寂しい",
        "is_a": "negative emotion"},
    "angry": {
        "aliases": "angrily|furiously|irritably|heatedly|irately|in anger|with anger|in a rage|"
                   "losing their temper|losing his temper|losing her temper|lost their temper|"
                   "lost his temper|lost her temper|loses their temper|loses his temper|loses her temper|"
                   "temper tantrum|"
                   "short tempered|hot tempered|bad tempered|heated|seething|incensed|fuming|vexed|resentful|"
                   "aggravated|infuriated|wrathful|irascible|snappy|molesto|molesta|irritado|"
                   "irritada|énervé|énervée|irrité|irritée|sauer|böse|"
                   "gereizt|イライラ|腹を立て|anger|mad|furious|"
                   "fury|irritated|irritation|annoyed|annoyance|irate|enraged|rage|"
                   "raging|hostile|hostility|outraged|livid|indignant|raising their voice|"
                   "raising his voice|raising her voice|raised voice|enojado|enojada|enfadado|"
                   "enfadada|furioso|furiosa|ira|colère|en colère|fâché|fâchée|furieux|furieuse|"
                   "wütend|wut|verärgert|zornig|ärgerlich|arrabbiato|arrabbiata|"
                   "生气|愤怒|生氣|憤怒|恼火|气愤|发火|怒り|怒って|怒っている",
        "codes": "ang", "is_a": "negative emotion"},
    "frustrated": {"aliases": "frustration|exasperated|frustrado|frustré|frustriert|沮丧",
                   "codes": "fru", "is_a": "negative emotion"},
    "neutral": {
        "aliases": "neutrally|flatly|in a flat voice|in a neutral tone|with a neutral tone|"
                   "without any feeling|without any emotion|devoid of emotion|lacks emotion|no feelings|"
                   "no particular tone|no particular feeling|without much feeling|"
                   "without much emotion|"
                   "without feeling|neither positive nor negative|neither happy nor sad|deadpan|detached|"
                   "unexpressive|emotionally flat|factual|informational|objective|dispassionate|level tone|"
                   "平板|無表情|sin emoción|sans émotion|emotionslos|"
                   "sachlich|neutrality|unemotional|emotionless|"
                   "no emotion|no particular emotion|"
                   "no strong emotion|no clear emotion|no strong feelings|without emotion|flat|"
                   "monotone|monotonous|even tone|even delivery|expressionless|impassive|"
                   "matter of fact|indifferent|neutro|neutra|neutre|neutrale|"
                   "中性|中立|平淡|无情绪|没有情绪|ニュートラル|平静な",
        "codes": "neu", "is_a": "emotion"},
    "calm": {"aliases": "restful|meditative|unhurried|at ease|at peace|easygoing|quiet and calm|"
                        "sereno|serena|paisible|gelassen|落ち着いた|"
                        "calmly|relaxed|relaxing|peaceful|tranquil|"
                        "serene|soothing|composed|placid|"
                        "mellow|laid back|tranquilo|tranquila|calme|ruhig|entspannt|calmo|"
                        "平静|冷静|平和|宁静|穏やか|落ち着い",
             "codes": "cal", "is_a": "neutral"},
    "fearful": {
        "aliases": "nervously|anxiously|timidly|in fear|with fear|in terror|in panic|apprehensive|"
                   "apprehension|uneasy|unease|alarmed|petrified|horrified|dread|on edge|"
                   "jittery|trembling|shaky voice|timid|fearfully|temeroso|temerosa|craintif|craintive|"
                   "furchtsam|怖が|怯え|恐怖|恐れてい|fear|afraid|"
                   "scared|frightened|terrified|anxious|anxiety|nervous|"
                   "panicked|panic|"
                   "worried|fright|miedo|asustado|asustada|peur|effrayé|effrayée|apeuré|angst|"
                   "ängstlich|verängstigt|paura|spaventato|害怕|恐惧|恐懼|惊恐|怖い|恐れ|不安",
        "codes": "fea", "is_a": "negative emotion"},
    "disgusted": {
        "aliases": "disgustedly|in disgust|with disgust|revulsion|repulsion|repugnance|loathing|distaste|"
                   "nauseated|sickened|revolting|disgusting|"
                   "gross|yuck|ew|eww|repugnancia|répugnance|abscheu|うんざり|disgust|revolted|repulsed|"
                   "grossed out|repelled|asco|asqueado|asqueada|dégoût|"
                   "dégoûté|dégoûtée|ekel|angewidert|disgustato|厌恶|恶心|厭惡|噁心|嫌悪",
        "codes": "dis", "is_a": "negative emotion"},
    "surprised": {
        "aliases": "in surprise|in amazement|in astonishment|in shock|with surprise|taken aback|"
                   "caught off guard|incredulous|disbelief|in disbelief|astonishing|asombrado|"
                   "asombrada|erstaunt|stupéfait|びっくり|astonished|astonishment|amazed|amazement|"
                   "shocked|startled|stunned|"
                   "astounded|sorprendido|sorprendida|sorpresa|surpris|surprise|étonné|étonnée|"
                   "überrascht|sorpreso|惊讶|吃惊|惊奇|驚訝|驚き|驚いた",
        "codes": "sur|sup", "is_a": "emotion"},
    "contempt": {"aliases": "contemptuous|scornful|scorn|disdain|disdainful|desprecio|mépris|"
                            "verachtung|轻蔑",
                 "codes": "con", "is_a": "negative emotion"},
    "energetic": {
        "aliases": "exciting|pumped up|energizing|energising|rousing|fast paced|high tempo|animated|energy|"
                   "high energy|lively|vigorous|dynamic|driving|pumping|high octane|"
                   "full of momentum|momentum|upbeat|makes you want to move|want to dance|"
                   "danceable|enérgico|énergique|energisch|energico|活力|充满活力|有活力|"
                   "エネルギッシュ",
        "is_a": "emotion"},
    "nostalgia": {"aliases": "nostalgic|wistful|sentimental|reminiscent|longing|yearning|bittersweet|"
                             ""
                             "nostálgico|nostalgique|nostalgisch|怀旧|懐かしい",
                  "is_a": "emotion"},
    "solemnity": {"aliases": "solemn|grave|serious and dignified|dignified|reverent|reverential|stately|"
                             "majestic|"
                             "ceremonial|solemne|solennel|feierlich|庄严|荘厳",
                  "is_a": "emotion"},
    "tension": {"aliases": "tense|suspense|suspenseful|uneasy tension|ominous|menacing|foreboding|"
                           "tenso|tendu|angespannt|紧张|緊張",
                "is_a": "negative emotion"},
    "power": {"aliases": "powerful|mighty|forceful|strong and powerful|epic|triumphant|heroic|poderoso|"
                         "puissant|"
                         "kraftvoll|力量|力強い",
              "is_a": "emotion"},
    "tender": {"aliases": "caring|soft and loving|ternura|tendresse|zärtlich|tenderness|gentle|"
                          "loving|affectionate|温柔", "is_a": "positive emotion"},
}
