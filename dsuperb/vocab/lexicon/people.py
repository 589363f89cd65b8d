"""Speakers: gender and age group, with common translations, codes ("F", "M") and age ranges, and a
singer's voice part (soprano to bass, contralto for alto).

An age in years ("7 or 8 years old", "in their forties") is read against `years`.
"""

FAMILY = "person"

CONCEPTS = {
    "person": {"aliases": "a person|someone|a human|a speaker"},
    "male": {
        "aliases": "dude|fellow|father|dad|husband|boyfriend|sir|mister|man s voice|a man s voice|"
                   "male vocalist|male singer|hombres|männlicher|男士|男子的|man|men|males|"
                   "a man|gentleman|guy|male voice|male speaker|boy|"
                   "hombre|masculino|masculina|varón|homme|masculin|masculine|mann|männlich|"
                   "maschile|maschio|uomo|男|男性|男人|男声|男的|男生|男子|男の人|남자|남성",
        "codes": "m|masc", "is_a": "person", "family": "gender"},
    "female": {
        "aliases": "mother|mom|mum|wife|girlfriend|madam|ma am|woman s voice|a woman s voice|female vocalist|"
                   "female singer|señora|mujeres|weibliche|feminino|女士|女子的|woman|women|females|feminine|"
                   "a woman|lady|ladies|female voice|female speaker|girl|"
                   "mujer|femenino|femenina|femme|féminin|féminine|frau|weiblich|femminile|donna|"
                   "女|女性|女人|女声|女的|女生|女子|女の人|여자|여성",
        "codes": "f|fem", "is_a": "person", "family": "gender"},
    "child": {
        "aliases": "little kid|small child|baby girl|baby boy|child s voice|youngster|young boy|"
                   "little boy|little girl|young girl|schoolboy|schoolgirl|kiddo|"
                   "a young kid|young kid|niños|enfants|孩童|children|kid|kids|a child|young child|"
                   "little child|toddler|boy|girl|preteen|"
                   "primary school|elementary school|hasn t reached puberty|prepubescent|"
                   "niño|niña|enfant|bambino|bambina|儿童|孩子|小孩|小朋友|兒童|子供|子ども",
        "is_a": "person", "years": "0-12", "family": "age"},
    "teenager": {
        "aliases": "adolescent girl|adolescent boy|teen girl|teen boy|young teenager|"
                   "teenaged girl|teenaged boy|high school girl|high school boy|adolescents|youth|young teen|"
                   "teenaged|in their teens|in his teens|in her teens|"
                   "teenage boy|teenage girl|jugendlich|十几岁|teen|teens|teenage|"
                   "a teenager|adolescent|adolescence|high school student|"
                   "adolescente|ado|jugendlicher|jugendliche|青少年|少年|少女|ティーンエイジャー",
        "is_a": "person", "years": "13-19", "family": "age"},
    "adult": {
        "aliases": "grownup|grown man|grown woman|adulthood|an adult man|an adult woman|adult man|"
                   "adult woman|erwachsen|成年|adults|an adult|grown up|grown-up|adulto|adulta|adulte|"
                   "erwachsener|erwachsene|"
                   "成人|成年人|大人",
        "is_a": "person", "years": "18-64", "family": "age"},
    "young adult": {
        "aliases": "young man|young woman|young lady|young guy|college aged|in his early twenties|"
                   "in her early twenties|young adults|in their twenties|in his twenties|in her twenties|"
                   "young person|college student|joven|jeune adulte|青年",
        "is_a": "adult", "years": "18-35", "family": "age"},
    "middle-aged": {
        "aliases": "middle aged man|middle aged woman|middle-aged man|middle-aged woman|middle aged|"
                   "middle age|in their forties|in his forties|in her forties|forties|"
                   "in their fifties|in his fifties|in her fifties|fifties|mediana edad|"
                   "d âge moyen|mittleren alters|中年",
        "is_a": "adult", "years": "40-64", "family": "age"},
    "senior": {
        "aliases": "old lady|elderly lady|old gentleman|elderly gentleman|senior citizen|"
                   "grandfather|grandmother|grandpa|grandma|granny|elder|elderly man|"
                   "elderly woman|aged man|aged woman|old age|viejo|vieja|vieil|vieille|alter mann|"
                   "alte frau|老人家|seniors|elderly|"
                   "an elderly person|older person|old person|old man|"
                   "old woman|"
                   "older adult|older speaker|older voice|retiree|pensioner|retirement age|"
                   "in their seventies|in their eighties|seventies|eighties|geriatric|aged person|"
                   "persona mayor|tercera edad|anciano|anciana|personne âgée|âgé|âgée|"
                   "älterer mensch|anziano|anziana|老人|老年|老年人|长者|年配|高齢|高齢者|お年寄り",
        "is_a": "person", "years": "65-120", "family": "age"},
    # a singer's voice part (SATB); "alto" and "bass" also name instruments, in another family
    "soprano": {"aliases": "sopranos|soprano voice|soprano singer|sopranist|sopranistin|soprane|"
                           "女高音|ソプラノ",
                "family": "voice part"},
    "mezzo-soprano": {"aliases": "mezzo|mezzo soprano|mezzosoprano|mezzo-sopranos|mezzosopran|女中音|"
                                 "メゾソプラノ",
                      "family": "voice part"},
    "alto voice": {"aliases": "alto|altos|contralto|contraltos|contralto voice|alto singer|altistin|"
                              "contralte|女低音|アルト",
                   "family": "voice part"},
    "tenor": {"aliases": "tenors|tenor voice|tenor singer|ténor|男高音|テノール", "family": "voice part"},
    "baritone": {"aliases": "baritones|baritone voice|baritone singer|barítono|baryton|bariton|男中音|"
                            "バリトン",
                 "family": "voice part"},
    "bass voice": {"aliases": "bass|basso|bass singer|bass voices|basso profondo|男低音|バス歌手",
                   "family": "voice part"},
}
