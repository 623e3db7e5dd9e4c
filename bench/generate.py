#!/usr/bin/env python3
"""Deterministic generator of synthetic news articles in the Anadolu Agency plain-text format.

    python3 bench/generate.py --count N --out DIR [--scriptindex FILE] [--jsonl FILE]
                              [--seed S] [--first K]

writes DIR/000/0000001_<16 hex>.txt ... (1000 files a folder: article K goes into folder
K // 1000), in exactly the format of corpus/ and ../shared/seeds/ (see README.md "Input"):

    Category
    <blank>
    Title
    <blank>
    Summary                                      (sometimes missing)
    <blank>
    Name1, Name2 and Name3 \u00a0| DD.MM.YYYY - Update : DD.MM.YYYY   (Update sometimes missing)
    Title Credit: X   |   Title @handle, US social media company X      (sometimes missing)
    <blank>
      \u2022 highlight                              (0-4 lines)
    <blank>
    DATELINE\u00a0                                   (sometimes missing)
    <blank>
    body paragraphs, blank-line separated, an occasional short subheading
    <blank>
    Anadolu Agency website contains only a portion of ... (footer, no final newline)

Same arguments, same bytes: every article has its own random generator seeded from
(--seed, article number), and the shared vocabulary, people and places come from a
generator seeded with --seed. Python 3 standard library only.

--jsonl FILE writes what `newsidx parse` prints for each article (the same keys, the same
values, one compact JSON object a line); --scriptindex FILE writes the articles as Omega
scriptindex records for bench/omega.script. Both are conversions for the other indexers of
bench/run.sh and are not timed.
"""

import argparse
import bisect
import datetime
import json
import os
import random
import sys
import unicodedata

DEFAULT_SEED = 20250904
NBSP = "\u00a0"
FOOTER = ("Anadolu Agency website contains only a portion of the news stories offered to "
          "subscribers in the AA News Broadcasting System (HAS), and in summarized form. "
          "Please contact us for subscription options.")

# ---------------------------------------------------------------------------------------
# Word lists. Function words first, roughly in English frequency order, then news words.
# ---------------------------------------------------------------------------------------

FUNCTION_WORDS = """
the of to and a in that is for on was with he it as said by at from his be have has an are
not but its were they this which will who been had their or after would also more than one
about over two new up we out year she there when all her other into can last some could
first people government i years them against time no three before while if during between
our those under only most such since so now what do because told did where him any through
many may like these then back just told should still being well week percent off around
how down according both including several even while each its made make according across
another among however further very much four five without within told per amid ahead
""".split()

NEWS_WORDS = """
president minister country state officials military police security foreign united nations
national international economic economy market markets prices price bank banks central
inflation growth trade trading exports imports energy gas oil pipeline power electricity
climate change weather storm storms flood floods earthquake quake rescue aid humanitarian
health hospital hospitals doctors patients vaccine vaccination virus pandemic outbreak cases
election elections vote votes voters ballot campaign party parties parliament opposition
leader leaders prime spokesperson spokesman ministry agency agencies company companies firm
firms investment investors billion million thousand percent rate rates interest budget debt
war conflict attack attacks strike strikes killed injured wounded civilians soldiers troops
forces army border borders refugees migrants ceasefire talks negotiations agreement deal
deals summit meeting meetings visit official statement report reports reported data figures
city cities region regional province capital village villages town towns district residents
court judge trial case law laws rights human freedom press media journalists journalist
social online internet technology digital artificial intelligence startup startups science
research researchers scientists study university students school schools education children
women men family families community communities public private sector industry industrial
production output factory factories workers jobs unemployment labor wages union unions
food water supply supplies shortage shortages crisis emergency disaster relief support
football club team teams match matches league season coach players player goal goals win
won victory defeat final championship cup tournament fans stadium title points draw
culture festival music film art artists museum exhibition book books history heritage
tourism tourists travel airport flights airline ship ships port ports sea ocean coast river
minister's government's country's city's president's ministers governments countries
plans plan project projects program programme policy policies reform reforms measures
decision decisions law tax taxes revenue spending funding fund funds loan loans bonds
currency dollar euro lira exchange stock stocks shares index gains losses rise rose fell
fall increase increased decrease decreased higher lower record records level levels
daily monthly annual quarter quarterly month months weeks days day today yesterday
tuesday wednesday thursday friday saturday sunday monday morning evening night
announced announce announcement says saying added noted stressed warned urged called
expected expects expected planned launched opened closed signed approved rejected
continue continued continues remain remained remains began begin started start ended
meet met held hold holding hosted host join joined joining led lead leading follow following
build building built develop developing development construct construction infrastructure
reach reached reaching face faced facing seek sought seeking bring brought offer offered
need needs needed help helped helping work worked working provide provided providing
important major key strong stronger significant serious critical large largest biggest
small smaller long short early late recent recently current currently former future
local global western eastern northern southern central european african asian american
turkish russian chinese ukrainian german french british israeli palestinian iranian
syrian iraqi egyptian saudi japanese korean indian pakistani brazilian mexican canadian
""".split()

# Words of the rare-word and synthetic-vocabulary generator.
ONSETS = ("b c d f g h j k l m n p r s t v w z b c d f g h k l m n p r s t v "
          "br cr dr fr gr pr tr st sp ch sh th pl cl bl").split()
VOWELS = "a e i o u a e i o u a e i o ai ea ou io".split()
CODAS = ["", "", "", "", "", "n", "r", "s", "l", "t", "m", "nd", "st", "ng"]
SUFFIXES = ["", "", "", "", "", "", "", "", "s", "s", "s", "ed", "ed", "ing", "ion", "ment", "ly",
            "er", "ers", "al", "ity", "ness", "ive", "ic", "ous"]

FIRST_NAMES = """
Gökçe İbrahim Ayşe Mert Elif Leyla Zoë Pierre José Mariana Paweł Aïcha Jakub Hannah Tom
Daniel Saadet Riyaz Selin Emre Zeynep Şükrü Çağla Özlem Ömer Büşra Fatih Hüseyin Nilüfer
Tuğba Oğuz Gülşen Ahmet Mehmet Fatma Kübra Yiğit Doğan Ece Cem Seda Barış Burak İrem
Müge François Hélène Chloé Noël Renée Jürgen Jörg Björn Søren Åsa Märta Miloš Đorđe Dušan
Zoltán Ágnes Tomáš Lukáš Věra Małgorzata Łukasz Wojciech Žaneta Ioana Ștefan Mihai Raúl
Sofía Inés Joaquín Iñaki João Conceição Luís Antônio Gonçalo Mohammed Ahmad Fatima Omar
Yusuf Khalid Layla Nour Hassan Amina Karim Youssef Olga Dmitry Anastasia Sergei Irina
Wei Li Jing Hiroshi Yuki Min-jun Ji-woo Priya Rahul Anil Sunita Kwame Amara Chidi Aminata
John Sarah Michael Emily David Laura James Anna Robert Maria Thomas Julia Peter Elena
""".split()

LAST_NAMES = """
Şahin Çelik Yılmaz Kaya Demir Aliyeva Müller Lefèvre Núñez Wróbel Diallo Novák Lindqvist
Whitaker Cho Khaliq Gökçe Arslan Öztürk Doğan Koç Aydın Özdemir Yıldız Yıldırım Erdoğan
Güneş Ünal Akgül Karataş Çakır Bulut Özkan Kılıç Aksoy Tekin Bozkurt Şimşek Uçar Duman
Dubois Lefebvre Mercier Girard Brönner Schäfer Größer Köhler Jönsson Sørensen Ødegaard
Åkesson Horváth Szabó Dvořák Černý Kowalski Wiśniewski Zieliński Łuczak Popescu Ionescu
Țurcanu Jovanović Đorđević Petrović Hernández García Martínez Gómez Peña Ibáñez Conceição
Gonçalves Araújo Magalhães Hassan Al-Masri Haddad Mansour Khoury Abdullah Rahman Karimi
Petrov Ivanova Smirnov Kuznetsova Wang Zhang Liu Chen Tanaka Suzuki Kim Park Lee Sharma
Patel Singh Okafor Mensah Adeyemi Nkosi Smith Johnson Brown Williams Taylor Anderson
Thompson Moore Clarke Walker Hughes Rossi Bianchi Ferrari Esposito Romano
""".split()

# (place as printed, country, dateline form or None for the place itself in capitals)
PLACES = [
    ("İstanbul", "Türkiye"), ("Ankara", "Türkiye"), ("İzmir", "Türkiye"), ("Antakya", "Türkiye"),
    ("Zonguldak", "Türkiye"), ("Gaziantep", "Türkiye"), ("Diyarbakır", "Türkiye"),
    ("Eskişehir", "Türkiye"), ("Muğla", "Türkiye"), ("Çanakkale", "Türkiye"),
    ("Şanlıurfa", "Türkiye"), ("Trabzon", "Türkiye"), ("Bursa", "Türkiye"),
    ("Łódź", "Poland"), ("Kraków", "Poland"), ("Gdańsk", "Poland"), ("Warsaw", "Poland"),
    ("São Paulo", "Brazil"), ("Brasília", "Brazil"), ("Zürich", "Switzerland"),
    ("Genève", "Switzerland"), ("Düsseldorf", "Germany"), ("München", "Germany"),
    ("Köln", "Germany"), ("Berlin", "Germany"), ("Besançon", "France"), ("Paris", "France"),
    ("Orléans", "France"), ("Malmö", "Sweden"), ("Göteborg", "Sweden"), ("Tromsø", "Norway"),
    ("Århus", "Denmark"), ("Reykjavík", "Iceland"), ("Plzeň", "Czechia"), ("Prague", "Czechia"),
    ("Brașov", "Romania"), ("Timișoara", "Romania"), ("Niš", "Serbia"), ("Belgrade", "Serbia"),
    ("Ljubljana", "Slovenia"), ("Bogotá", "Colombia"), ("Medellín", "Colombia"),
    ("Asunción", "Paraguay"), ("Montréal", "Canada"), ("Québec", "Canada"),
    ("Mexico City", "Mexico"), ("Buenos Aires", "Argentina"), ("Lima", "Peru"),
    ("Gaza City", "Palestine"), ("Ramallah", "Palestine"), ("Beirut", "Lebanon"),
    ("Damascus", "Syria"), ("Baghdad", "Iraq"), ("Erbil", "Iraq"), ("Tehran", "Iran"),
    ("Doha", "Qatar"), ("Riyadh", "Saudi Arabia"), ("Cairo", "Egypt"), ("Amman", "Jordan"),
    ("Baku", "Azerbaijan"), ("Tbilisi", "Georgia"), ("Astana", "Kazakhstan"),
    ("Tashkent", "Uzbekistan"), ("Kyiv", "Ukraine"), ("Moscow", "Russia"),
    ("Beijing", "China"), ("Shanghai", "China"), ("Dandong", "China"), ("Tokyo", "Japan"),
    ("Seoul", "South Korea"), ("Pyongyang", "North Korea"), ("Jakarta", "Indonesia"),
    ("Hanoi", "Vietnam"), ("Manila", "Philippines"), ("Kuala Lumpur", "Malaysia"),
    ("Islamabad", "Pakistan"), ("New Delhi", "India"), ("Dhaka", "Bangladesh"),
    ("Kabul", "Afghanistan"), ("Nairobi", "Kenya"), ("Lagos", "Nigeria"), ("Dakar", "Senegal"),
    ("Addis Ababa", "Ethiopia"), ("Antananarivo", "Madagascar"), ("Kinshasa", "DR Congo"),
    ("Khartoum", "Sudan"), ("Mogadishu", "Somalia"), ("Tripoli", "Libya"), ("Tunis", "Tunisia"),
    ("Washington", "US"), ("New York", "US"), ("London", "UK"), ("Brussels", "Belgium"),
    ("Geneva", "Switzerland"), ("Vienna", "Austria"), ("Rome", "Italy"), ("Madrid", "Spain"),
    ("Athens", "Greece"), ("Nicosia", "Cyprus"), ("Sarajevo", "Bosnia and Herzegovina"),
    ("Skopje", "North Macedonia"), ("Stockholm", "Sweden"), ("Oslo", "Norway"),
    ("Helsinki", "Finland"), ("Ottawa", "Canada"), ("Canberra", "Australia"),
]

COUNTRIES = sorted({c for _, c in PLACES} | {
    "Türkiye", "Azerbaijan", "Côte d’Ivoire", "Curaçao", "Réunion", "São Tomé and Príncipe"})

CATEGORIES = [
    ("Türkiye", 14), ("World", 12), ("Politics", 8), ("Economy", 9), ("Energy", 5),
    ("Middle East", 9), ("Europe", 8), ("Asia - Pacific", 7), ("Americas", 5), ("Africa", 5),
    ("Sports", 7), ("Health", 3), ("Culture", 3), ("Science-Technology", 3),
    ("Environment", 3), ("Analysis", 2), ("Life", 2), ("Russia-Ukraine War", 3),
]

PHOTO_CREDITS = [
    "Anadolu Agency", "Staff Photo", "Pool Photo", "Handout", "Energy Ministry",
    "Kremlin Press Office", "Xinhua", "Yonhap", "Keystone", "City Hall", "UN Photo",
    "Company Handout", "Presidency Press Office", "Defense Ministry", "Foreign Ministry",
    "Ministry of Health", "Türkiye’s Communications Directorate", "AA Archive",
]
SOCIAL = ["US social media company X", "US social media company Twitter",
          "Chinese social media company Weibo", "US social media company Instagram"]

TITLES_OF_PEOPLE = ["President", "Prime Minister", "Foreign Minister", "Energy Minister",
                    "Health Minister", "Finance Minister", "spokesperson", "Mayor",
                    "Defense Minister", "Interior Minister", "coach", "economist", "analyst"]

SPEECH_VERBS = ["said", "said", "said", "told Anadolu", "told reporters", "added",
                "noted", "stressed", "warned", "wrote on X", "said in a statement"]

CJK_WORDS = """
中国 北京 上海 经济 发展 合作 政府 国家 表示 记者 会议 今天 昨天 人民 世界 国际 地区 关系
问题 工作 社会 企业 市场 城市 农村 科技 文化 教育 学生 医院 疫情 环境 气候 能源 天然气
管道 铁路 港口 贸易 出口 进口 增长 投资 银行 货币 价格 消费 生产 工厂 工人 就业 农业
粮食 安全 和平 战争 军队 边境 外交 部长 总统 主席 领导人 代表团 访问 会谈 协议 签署 宣布
报道 新闻 媒体 网络 数据 研究 专家 学者 大学 历史 传统 友谊 双方 两国 共同 重要 积极
进一步 加强 推动 支持 促进 实现 提高 继续 已经 正在 将 在 和 与 的 了 是 也 都 对 把 被
""".split()

CYRILLIC_WORDS = """
в и на с что по не это как из для от года также по словам президент правительство страны
министр заявил заявила Москва России российский экономика рынок цены газ нефть энергетики
переговоры соглашение встреча визит граждан город области района жители помощь выборы
партии голосование результаты фестиваль театр музыка выставка музей культуры история
исследование учёные университет студентов здоровье больница врачи вакцина климат погода
сотрудничество развитие инвестиции банк рубль доллар процента миллиардов миллионов тысяч
сегодня вчера году месяце неделе будет было были может должны новый новые большой важный
""".split()

SUBHEADING_WORDS = ["Background", "What comes next", "Reactions", "Economic impact",
                    "Regional tensions", "Long road ahead", "Ties with", "Concerns over",
                    "Calls for", "Record numbers", "Growing pressure on", "A new era for",
                    "Lessons from", "Questions remain over", "Hopes for"]


# ---------------------------------------------------------------------------------------
# The shared world: vocabulary with Zipf weights, people, reporters, places.
# ---------------------------------------------------------------------------------------

def make_word(rng, syllables):
    word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                   for _ in range(syllables))
    return word + rng.choice(SUFFIXES)


def zipf_cum(n, s=1.0, q=2.7):
    cum, total = [], 0.0
    for rank in range(n):
        total += 1.0 / (rank + 1 + q) ** s
        cum.append(total)
    return cum


class World:
    def __init__(self, seed):
        rng = random.Random(seed)
        seen = set()
        vocab = []
        for w in FUNCTION_WORDS + NEWS_WORDS:
            if w not in seen:
                seen.add(w)
                vocab.append(w)
        # Synthetic content words fill the ranks after the real ones: about 5,000 types.
        while len(vocab) < 5000:
            w = make_word(rng, rng.choice((1, 2, 2, 2, 3)))
            if len(w) > 2 and w not in seen:
                seen.add(w)
                vocab.append(w)
        self.vocab = vocab
        self.vocab_cum = zipf_cum(len(vocab))
        # Topic words of an article come from the middle ranks.
        self.topic_pool = vocab[150:3000]

        def person():
            return rng.choice(FIRST_NAMES) + " " + rng.choice(LAST_NAMES)

        self.people = [person() for _ in range(3000)]
        self.people_cum = zipf_cum(len(self.people), 1.0, 5)
        self.reporters = sorted({person() for _ in range(600)})
        rng.shuffle(self.reporters)
        self.reporters_cum = zipf_cum(len(self.reporters), 0.8, 10)
        self.places = list(PLACES)
        # İstanbul and Ankara first: the most common datelines.
        self.places_cum = zipf_cum(len(self.places), 1.0, 3)
        self.handles = ["@" + make_word(rng, 2).capitalize() + rng.choice(["", "News", "Gov", "_TR", "Official", "HQ"])
                        for _ in range(200)]
        self.categories = [c for c, _ in CATEGORIES]
        self.categories_cum = []
        total = 0
        for _, w in CATEGORIES:
            total += w
            self.categories_cum.append(total)
        self.cjk_cum = zipf_cum(len(CJK_WORDS), 0.9, 2)
        self.cyr_cum = zipf_cum(len(CYRILLIC_WORDS), 0.9, 2)


def pick(rng, items, cum):
    return items[bisect.bisect_right(cum, rng.random() * cum[-1])]


def upper_first(s):
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------------------------------
# One article.
# ---------------------------------------------------------------------------------------

class ArticleMaker:
    def __init__(self, world, rng):
        self.w = world
        self.r = rng
        self.topic = rng.sample(world.topic_pool, rng.randint(4, 10))
        self.cast = [pick(rng, world.people, world.people_cum) for _ in range(rng.randint(2, 5))]
        self.where = [pick(rng, world.places, world.places_cum) for _ in range(rng.randint(1, 3))]
        self.curly = rng.random() < 0.9  # curly quotes and apostrophes, else straight ones

    # -- small pieces --
    def apos(self):
        return "\u2019" if self.curly else "'"

    def quoted(self, text):
        return ("\u201c" + text + "\u201d") if self.curly else ('"' + text + '"')

    def person(self, full=True):
        r = self.r
        name = r.choice(self.cast) if r.random() < 0.7 else pick(r, self.w.people, self.w.people_cum)
        if not full:
            return name.split(" ", 1)[1]
        if r.random() < 0.15:
            return r.choice(TITLES_OF_PEOPLE) + " " + name
        return name

    def place(self):
        r = self.r
        if r.random() < 0.75:
            return r.choice(self.where)[0]
        if r.random() < 0.5:
            return r.choice(COUNTRIES)
        return pick(r, self.w.places, self.w.places_cum)[0]

    def number(self):
        r = self.r
        k = r.random()
        if k < 0.3:
            return str(r.randint(2, 99))
        if k < 0.45:
            return f"{r.randint(1, 999)},{r.randint(0, 999):03d}"
        if k < 0.6:
            return f"{r.randint(1, 60)}.{r.randint(1, 9)}%"
        if k < 0.7:
            return f"${r.randint(1, 99)}.{r.randint(1, 99)} billion"
        if k < 0.85:
            return str(r.randint(1950, 2025))
        return f"{r.randint(2, 90)}-{r.choice(['year', 'day', 'member', 'kilometer', 'point'])}"

    def words(self, n):
        """n words of running text: Zipf vocabulary with topic words, names, places and
        numbers mixed in; no capital at the start, no final punctuation."""
        r = self.r
        w = self.w
        toks = r.choices(w.vocab, cum_weights=w.vocab_cum, k=n)
        for rate, make in ((0.08, lambda: r.choice(self.topic)),
                           (0.018, lambda: self.person(r.random() < 0.6)),
                           (0.014, self.place),
                           (0.02, self.number),
                           (0.004, lambda: make_word(r, r.choice((2, 3, 3, 4))))):
            k = int(n * rate + r.random())
            for _ in range(k):
                toks[r.randrange(n)] = make()
        # Possessives and hyphenated compounds now and then.
        if n > 6 and r.random() < 0.25:
            i = r.randrange(n)
            toks[i] = toks[i] + self.apos() + "s"
        if n > 6 and r.random() < 0.15:
            i = r.randrange(n - 1)
            toks[i] = toks[i] + "-" + toks[i + 1]
            del toks[i + 1]
        # Commas.
        for _ in range(int(len(toks) * 0.06 + r.random())):
            i = r.randrange(len(toks) - 1) if len(toks) > 1 else 0
            if not toks[i].endswith(","):
                toks[i] += ","
        return toks

    def sentence(self, lo=10, hi=32):
        toks = self.words(self.r.randint(lo, hi))
        text = " ".join(toks).rstrip(",")
        return upper_first(text) + "."

    def quote_sentence(self):
        r = self.r
        inner = upper_first(" ".join(self.words(r.randint(8, 24))).rstrip(","))
        who = self.person(r.random() < 0.5)
        verb = r.choice(SPEECH_VERBS)
        if r.random() < 0.5:
            return self.quoted(inner + ",") + f" {who} {verb}."
        return f"{who} {verb}: " + self.quoted(inner + ".")

    def paragraph(self):
        r = self.r
        k = r.random()
        if k < 0.2:
            return self.quote_sentence()
        n = r.choice((1, 1, 2, 2, 2, 3))
        parts = [self.sentence() for _ in range(n)]
        if r.random() < 0.2:
            parts.append(self.quote_sentence())
        return " ".join(parts)

    def cjk_paragraph(self):
        r = self.r
        out = []
        for _ in range(r.randint(3, 6)):
            ws = r.choices(CJK_WORDS, cum_weights=self.w.cjk_cum, k=r.randint(15, 30))
            if r.random() < 0.3:
                ws.insert(r.randrange(len(ws)), "COVID-19" if r.random() < 0.3 else str(r.randint(2, 2025)))
            cut = r.randrange(3, len(ws) - 2)
            out.append("".join(ws[:cut]) + "，" + "".join(ws[cut:]) + "。")
        return "".join(out)

    def cyrillic_paragraph(self):
        r = self.r
        out = []
        for _ in range(r.randint(2, 4)):
            ws = r.choices(CYRILLIC_WORDS, cum_weights=self.w.cyr_cum, k=r.randint(10, 24))
            out.append(upper_first(" ".join(ws)) + ".")
        return " ".join(out)

    def title(self):
        r = self.r
        toks = self.words(r.randint(6, 12))
        toks = [t.rstrip(",") for t in toks]
        if r.random() < 0.4:
            toks.insert(r.randrange(len(toks)), self.place())
        text = upper_first(" ".join(toks))
        if r.random() < 0.2:
            text += ", says " + self.person(False)
        return text

    def summary(self):
        r = self.r
        return upper_first(" ".join(self.words(r.randint(10, 24))).rstrip(","))

    def highlight(self):
        r = self.r
        return upper_first(" ".join(self.words(r.randint(8, 18))).rstrip(","))

    def subheading(self):
        r = self.r
        head = r.choice(SUBHEADING_WORDS)
        tail = " ".join(t.rstrip(",") for t in self.words(r.randint(1, 5)))
        return head + " " + tail

    def dateline(self):
        r = self.r
        city, country = r.choice(self.where) if r.random() < 0.6 else pick(r, self.w.places, self.w.places_cum)
        # Mostly "ISTANBUL", sometimes "İSTANBUL", as in the corpus.
        upper = (lambda s: s.upper()) if r.random() < 0.3 else (lambda s: s.upper().replace("İ", "I"))
        k = r.random()
        if k < 0.15 and country != "Türkiye" or k < 0.05:
            return upper(city) + ", " + country
        if k < 0.2:
            other = pick(r, self.w.places, self.w.places_cum)[0]
            if other != city:
                return upper(city) + " / " + upper(other)
        return upper(city)


def day_number(d):
    return (d - datetime.date(1970, 1, 1)).days


def dotted(d):
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


FIRST_DAY = datetime.date(2016, 1, 1)
DAYS = (datetime.date(2025, 12, 31) - FIRST_DAY).days + 1


def make_article(world, seed, number, out_dir):
    """Returns (relative path, file bytes, the parse JSON object)."""
    r = random.Random(seed * 1_000_003 + number)
    m = ArticleMaker(world, r)
    ident = f"{number:07d}_{r.getrandbits(64):016x}"
    rel = os.path.join(f"{number // 1000:03d}", ident + ".txt")

    category = pick(r, world.categories, world.categories_cum)
    title = m.title()
    summary = m.summary() if r.random() < 0.9 else ""
    authors = [pick(r, world.reporters, world.reporters_cum)
               for _ in range(r.choice((1, 1, 1, 1, 1, 1, 2, 2, 2, 3)) + (r.random() < 0.02))]
    authors = list(dict.fromkeys(authors))
    published = FIRST_DAY + datetime.timedelta(days=r.randrange(DAYS))
    updated = None
    if r.random() < 0.8:
        updated = published + datetime.timedelta(days=r.choice((0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3)))
    photo = None
    k = r.random()
    if k < 0.65:
        photo = r.choice(PHOTO_CREDITS)
        photo_line = title + " Credit: " + photo
    elif k < 0.88:
        photo = r.choice(world.handles) + ", " + r.choice(SOCIAL)
        photo_line = title + " " + photo
    highlights = [m.highlight() for _ in range(r.choice((0, 1, 2, 2, 3, 3, 3, 4, 4, 2)))]
    dateline = m.dateline() if r.random() < 0.9 else None

    # Body: about 4 KB an article on average, from short items to long features.
    n_par = max(2, min(40, int(r.lognormvariate(2.42, 0.45))))
    body = [m.paragraph() for _ in range(n_par)]
    foreign = r.random()
    if foreign < 0.02:
        # About 2% of the articles have paragraphs in Chinese or Russian.
        make = m.cjk_paragraph if foreign < 0.01 else m.cyrillic_paragraph
        start = r.randrange(len(body))
        for i in range(start, min(len(body), start + r.randint(1, 5))):
            body[i] = make()
        if dateline and r.random() < 0.3:
            dateline = "北京" if foreign < 0.01 else "МОСКВА"
    # Subheadings: before paragraph 3 or later, never two in a row.
    n_sub = r.choice((0, 0, 0, 0, 1, 1, 2)) if len(body) >= 4 else 0
    places = sorted(r.sample(range(2, len(body)), min(n_sub, len(body) - 2)), reverse=True)
    gap_before = set()
    for i in places:
        body.insert(i, m.subheading())
    for i, p in enumerate(body):
        if i > 0 and is_subheading(p) and r.random() < 0.5:
            gap_before.add(i)  # two blank lines before it, as in the seeds
    subheadings = [p for p in body[1:] if is_subheading(p)]

    # The text, with the corpus's small irregularities.
    lines = [category, "", title, ""]
    if summary:
        lines += [summary, ""]
    lines.append(", ".join(authors[:-1]) + (" and " if len(authors) > 1 else "") + authors[-1]
                 + " " + NBSP + "| " + dotted(published)
                 + (" - Update : " + dotted(updated) if updated else ""))
    if photo is not None:
        lines.append((" " if r.random() < 0.03 else "") + photo_line)
    lines.append("")
    if highlights:
        lines += ["  \u2022 " + h for h in highlights]
        lines.append("")
    if dateline:
        lines += [dateline + NBSP, ""]
    for i, p in enumerate(body):
        if i in gap_before:
            lines.append("")
        if r.random() < 0.01:
            p = p.replace(" ", "\u2002", 1)
        if r.random() < 0.02:
            p += " "
        lines += [p, ""]
    if r.random() < 0.2:
        lines.append("")
    lines.append(FOOTER)
    eol = "\r\n" if r.random() < 0.005 else "\n"
    text = eol.join(lines)
    if r.random() < 0.003:
        text = "\ufeff" + text
    data = text.encode("utf-8")

    article = {
        "id": ident,
        "source": os.path.join(out_dir, rel),
        "category": category,
        "title": title,
        "summary": summary,
        "authors": authors,
        "published": published.isoformat(),
        "updated": updated.isoformat() if updated else None,
        "photo_credit": photo,
        "highlights": highlights,
        "dateline": dateline,
        "subheadings": subheadings,
        "body": body,
    }
    return rel, data, article


SENTENCE_ENDS = (".", "!", "?", ":", ";", ",", "\"", "'", ")", "]", "\u201d", "\u2019",
                 "\u2026", "\u00bb")


def is_subheading(p):
    """The reader's rule (common/aa_reader.cc looks_like_subheading)."""
    return len(p.encode("utf-8")) <= 120 and p.count(" ") < 15 and not p.endswith(SENTENCE_ENDS)


def slug(text):
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words, cur = [], ""
    for c in folded:
        if c.isalnum():
            cur += c
        elif cur:
            words.append(cur)
            cur = ""
    if cur:
        words.append(cur)
    return "-".join(words)


def scriptindex_record(a):
    def field(name, value):
        return name + "=" + value.replace("\n", "\n=") + "\n"

    pub = datetime.date.fromisoformat(a["published"])
    out = [field("id", a["id"]),
           field("category", a["category"]),
           field("catslug", slug(a["category"])),
           field("title", a["title"])]
    if a["summary"]:
        out.append(field("summary", a["summary"]))
    out += [field("author", x) for x in a["authors"]]
    out.append(field("pubdate", pub.strftime("%Y%m%d")))
    out.append(field("published", str(day_number(pub))))
    if a["updated"]:
        out.append(field("updated", str(day_number(datetime.date.fromisoformat(a["updated"])))))
    if a["dateline"]:
        out.append(field("dateline", a["dateline"]))
    out += [field("highlight", h) for h in a["highlights"]]
    out.append(field("body", "\n".join(a["body"])))
    if a["photo_credit"]:
        out.append(field("credit", a["photo_credit"]))
    return "".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, required=True, help="number of articles")
    ap.add_argument("--out", required=True, help="folder for the .txt files")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--first", type=int, default=1, help="number of the first article (1)")
    ap.add_argument("--scriptindex", metavar="FILE", help="also write Omega scriptindex input")
    ap.add_argument("--jsonl", metavar="FILE", help="also write `newsidx parse` JSON Lines")
    args = ap.parse_args()

    world = World(args.seed)
    for path in (args.out, os.path.dirname(args.scriptindex or ""), os.path.dirname(args.jsonl or "")):
        if path:
            os.makedirs(path, exist_ok=True)
    si = open(args.scriptindex, "w", encoding="utf-8", newline="\n") if args.scriptindex else None
    jl = open(args.jsonl, "w", encoding="utf-8", newline="\n") if args.jsonl else None
    made_dirs = set()
    total = 0
    for number in range(args.first, args.first + args.count):
        rel, data, article = make_article(world, args.seed, number, args.out)
        folder = os.path.dirname(rel)
        if folder not in made_dirs:
            os.makedirs(os.path.join(args.out, folder), exist_ok=True)
            made_dirs.add(folder)
        with open(os.path.join(args.out, rel), "wb") as f:
            f.write(data)
        total += len(data)
        if jl:
            jl.write(json.dumps(article, ensure_ascii=False, separators=(",", ":")) + "\n")
        if si:
            si.write(scriptindex_record(article))
    for f in (si, jl):
        if f:
            f.close()
    print(f"wrote {args.count} articles, {total} bytes ({total / max(1, args.count):.0f} a file) "
          f"under {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
