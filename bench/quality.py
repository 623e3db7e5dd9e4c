#!/usr/bin/python3
"""Search-quality benchmark: does newsidx find the document a person is looking for, as
often as SQLite FTS5 does, on real text in several languages? (issue 16)

Usage: quality.py [--per-lang 300] [--seed 1] [--langs en,de,es,ru,fr,tr] [--work DIR]
                  [--newsidx BIN] [--search BIN] [--max-docs 1500] [--probe 500]
                  [--examples 15] [--json]

What it measures, and why. The speed benchmarks (run.sh, queries.sh) use generated English
articles, which say nothing about whether the right article comes back, nor about other
languages. This one takes real text from Debian packages: the manual pages of each
language (packages manpages, manpages-de, -es, -ru, -fr, -tr), rendered to plain text with
groff (at most 20 pages of a family such as git-*, at most --max-docs a language), and for
English also entries of the Debian changelogs under /usr/share/doc. Each document is an
id, a title (the page's NAME line: its name and what it is) and a body. A set per
language, and the mixed archive that holds all of them together (a real archive mixes
languages), are indexed in newsidx (`newsidx build`, JSON Lines) and in SQLite FTS5
(`porter unicode61 remove_diacritics 2`, ranked with bm25(t, 5.0, 1.0): the title weighs
5 times the body).

Two kinds of queries, made from the documents themselves with a seeded generator:

- Known-item: for each of --per-lang targets per language, three distinct words of the
  target drawn with probability proportional to tf·idf (idf over that language's set;
  words are runs of Unicode letters, digits and underscores, lower-cased, 3 characters or
  more, not only digits; see words()). Someone who remembers a document types a few of its
  telling words. Each tool answers with its default operator (AND for both; FTS5 with
  each word quoted), and the rank of the target in the top 10 is kept: S@1, S@10 and MRR
  (over the top 10) per language. A query answered with nothing at all is counted apart
  ("none"): the target holds all three words, so "none" means a word of the text that the
  tool does not find there.
- Inflection: a word of the target whose Snowball stem (xapian.Stem of the language) is
  shared by another form that occurs elsewhere in the language's set but not in the
  target; the query is that other form and the target's rarest word (highest idf).
  Success = the target in the top 10: does the tool match "Dateien" to "Datei"?

Every query is run on each language's set alone and on the mixed archive. newsidx answers
them in batch mode (one `newsidx-search --queries FILE -n 10` a set), FTS5 in-process.
Last, what newsidx misses: the known-item queries it answered with nothing while FTS5
found the target are asked again without each word in turn (the word whose removal brings
the target back is one newsidx does not find in it), and --probe words of each language's
vocabulary are asked alone of both tools; up to --examples such words are printed with
the text around them: what to fix next.

The extracted corpus is cached in WORK/corpus (rendering is the slow part); the indexes in
WORK/index are rebuilt when the corpus or the newsidx binary changes. --json prints every
figure as one JSON object instead of the tables, to compare two versions. See
bench/README.md, "Search quality". Run with Debian's /usr/bin/python3 (python3-xapian).
"""
import argparse
import bz2
import collections
import glob
import gzip
import hashlib
import json
import lzma
import math
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import xapian

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS_VERSION = 1      # bump when the extraction below changes what a document holds
SNOWBALL = {"en": "english", "de": "german", "es": "spanish", "ru": "russian",
            "fr": "french", "tr": "turkish", "it": "italian", "nl": "dutch",
            "pt": "portuguese", "sv": "swedish", "da": "danish", "fi": "finnish",
            "hu": "hungarian", "ro": "romanian"}
WORD = re.compile(r"\w+")  # letters, digits and the underscore of identifiers (LC_ALL)
CHANGELOG_ENTRIES = 400  # English also gets this many Debian changelog entries


def log(*args):
    print("quality:", *args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Words, as the benchmark sees them (not as either tool does: that is what is measured)

APOSTROPHES = ("'", "\u2019")


def words(text, lang=None):
    """Runs of letters, digits and underscores, lower-cased, 3 characters or more, not only
    digits. Left out, since no one types them alone: the "doesn" of "doesn't", and in
    Turkish the suffix after an apostrophe ("nin" of "ABD'nin"; "ABD" stays)."""
    out = []
    for m in WORD.finditer(text):
        a, b = m.start(), m.end()
        if m.group().endswith("n") and text[b:b + 1] in APOSTROPHES and text[b + 1:b + 2] == "t":
            continue
        if lang == "tr" and a >= 2 and text[a - 1] in APOSTROPHES and text[a - 2].isalnum():
            continue
        w = m.group().lower().replace("i\u0307", "i")  # Turkish İ lower-cases to i + a dot
        if len(w) >= 3 and not w.isdigit():
            out.append(w)
    return out


def unaccented(word):
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


# ---------------------------------------------------------------------------------------
# The corpus: manual pages and changelog entries from Debian packages

def read_compressed(path):
    opener = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}.get(
        os.path.splitext(path)[1], open)
    with opener(path, "rb") as f:
        return f.read()


def render_man(path):
    """A manual page as plain text: groff without hyphenation, bold or underlining."""
    try:
        source = read_compressed(path)
    except OSError:
        return None
    if source.lstrip().startswith(b".so "):  # an alias of another page
        return None
    try:
        p = subprocess.run(["groff", "-Kutf8", "-t", "-Tutf8", "-mandoc", "-rHY=0",
                            "-P-cbou"], input=source, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, timeout=60)
    except subprocess.TimeoutExpired:
        return None
    return p.stdout.decode("utf-8", "replace") if p.returncode == 0 else None


def parse_man(text, name):
    """(title, body) of a rendered page: the title is its NAME section (first section);
    the body holds the other sections, a paragraph per block of lines, headings included."""
    lines = [l.rstrip() for l in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    lines = lines[1:-1]  # the running header LS(1) ... LS(1) and the footer
    sections, paragraph = [], []

    def flush():
        if paragraph and sections:
            sections[-1][1].append(" ".join(paragraph))
        paragraph.clear()

    for line in lines:
        if not line.strip():
            flush()
        elif not line[0].isspace():  # a section heading
            flush()
            sections.append((line.strip(), []))
        else:
            if not sections:
                sections.append(("", []))
            paragraph.append(" ".join(line.split()))
    flush()
    if len(sections) < 2:
        return None
    title = " ".join(sections[0][1]) or name
    if len(title) > 300:
        title = title[:300].rsplit(" ", 1)[0]
    body = []
    for heading, paragraphs in sections[1:]:
        body.append(heading)
        body.extend(paragraphs)
    return title, "\n\n".join(body)


def man_documents(lang, max_docs, jobs):
    root = "/usr/share/man" if lang == "en" else "/usr/share/man/" + lang
    files = [f for f in sorted(glob.glob(root + "/man[1-8]/*"))
             if os.path.isfile(f) and not os.path.islink(f)]
    # A fixed sample, whatever --seed (the cache stays valid), of at most 20 pages of a
    # family (gcloud-*, git-*, ...): English has 16,600 near-identical gcloud pages.
    rng = random.Random("corpus " + lang)
    families = collections.defaultdict(list)
    for f in files:
        families[re.split(r"[-_.]", os.path.basename(f))[0]].append(f)
    files = []
    for family in sorted(families):
        members = families[family]
        files.extend(rng.sample(members, 20) if len(members) > 20 else members)
    if len(files) > max_docs:
        files = rng.sample(files, max_docs)
    files.sort()
    log("%s: rendering %d manual pages from %s" % (lang, len(files), root))
    with ThreadPoolExecutor(jobs) as pool:
        texts = list(pool.map(render_man, files))
    docs = []
    for path, text in zip(files, texts):
        base = os.path.basename(path)
        for ext in (".gz", ".bz2", ".xz"):
            if base.endswith(ext):
                base = base[:-len(ext)]
        parsed = text and parse_man(text, base.rsplit(".", 1)[0])
        if parsed and len(words(parsed[1])) >= 30:
            docs.append({"id": "%s/%s/%s" % (lang, os.path.basename(os.path.dirname(path)),
                                             base),
                         "title": parsed[0], "body": parsed[1]})
    return docs


CHANGELOG_HEAD = re.compile(r"^(\S+) \(([^)\s]+)\) [^;]*;")


def changelog_documents(count):
    """Entries of Debian changelogs: title "package (version)", a paragraph per item."""
    entries, ids = [], set()
    for path in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz")):
        try:
            text = gzip.open(path).read().decode("utf-8", "replace")
        except (OSError, EOFError):
            continue
        kept, entry = 0, None
        for line in text.splitlines():
            head = CHANGELOG_HEAD.match(line)
            if head and "en/changelog/%s/%s" % head.groups() in ids:
                entry = None  # a version listed twice: the first one is kept
            elif head:
                entry = {"id": "en/changelog/%s/%s" % head.groups(),
                         "title": "%s (%s)" % head.groups(), "paragraphs": []}
            elif entry is None:
                continue
            elif line.startswith(" -- "):  # the trailer: maintainer and date
                body = "\n\n".join(entry.pop("paragraphs"))
                if len(words(body)) >= 25:
                    ids.add(entry["id"])
                    entry["body"] = body
                    entries.append(entry)
                    kept += 1
                entry = None
                if kept == 3:  # a few entries a package, so that none dominates
                    break
            elif line.strip():
                item = line.strip()
                if item[0] in "*-+[" or not entry["paragraphs"]:
                    entry["paragraphs"].append(item.lstrip("*-+ "))
                else:
                    entry["paragraphs"][-1] += " " + item
    if len(entries) > count:
        entries = random.Random("corpus changelog").sample(entries, count)
    return sorted(entries, key=lambda e: e["id"])


def corpus(lang, work, max_docs, jobs):
    """The documents of one language, extracted once and cached in WORK/corpus."""
    stamp = "%d %d %d" % (CORPUS_VERSION, max_docs, CHANGELOG_ENTRIES if lang == "en" else 0)
    path = os.path.join(work, "corpus", lang + ".jsonl")
    if os.path.exists(path) and open(path + ".stamp").read() == stamp:
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f]
    docs = man_documents(lang, max_docs, jobs)
    if lang == "en":
        docs += changelog_documents(CHANGELOG_ENTRIES)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(path + ".stamp", "w") as f:
        f.write(stamp)
    return docs


# ---------------------------------------------------------------------------------------
# Queries

class Language:
    """Statistics of one language's set: document frequencies and forms by stem."""

    def __init__(self, lang, docs):
        self.lang, self.docs = lang, docs
        self.tf = [collections.Counter(words(d["title"] + "\n" + d["body"], lang))
                   for d in docs]
        self.df = collections.Counter()
        for tf in self.tf:
            self.df.update(tf.keys())
        n = len(docs)
        self.idf = {w: math.log(n / df) for w, df in self.df.items()}
        self.stem = None
        if lang in SNOWBALL:
            stemmer = xapian.Stem(SNOWBALL[lang])
            self.stem = {w: stemmer(w).decode("utf-8") for w in self.df}
            self.forms = collections.defaultdict(list)
            for w in sorted(self.df):
                self.forms[self.stem[w]].append(w)

    def known_item(self, i, rng):
        """Three distinct words of document i, drawn with probability ∝ tf·idf
        (Efraimidis-Spirakis: the three largest keys u^(1/weight))."""
        weighted = [(w, tf * self.idf[w]) for w, tf in sorted(self.tf[i].items())
                    if self.idf[w] > 0]
        if len(weighted) < 3:
            return None
        keyed = sorted(((rng.random() ** (1 / wt), w) for w, wt in weighted), reverse=True)
        return [w for _, w in keyed[:3]]

    def inflection(self, i, rng):
        """[another form of one of document i's words, its rarest word], or None."""
        if self.stem is None:
            return None
        mine = self.tf[i]
        plain = {unaccented(x) for x in mine}  # both tools fold accents: not another form
        pairs = []
        for w in sorted(mine):
            for v in self.forms[self.stem[w]]:
                if unaccented(v) not in plain:
                    pairs.append((w, v))
        if not pairs:
            return None
        w, v = rng.choice(pairs)
        others = [x for x in sorted(mine) if self.stem[x] != self.stem[v]]
        if not others:
            return None
        best = max(self.idf[x] for x in others)
        rare = rng.choice([x for x in others if self.idf[x] == best])
        return [v, rare]


def make_queries(languages, per_lang, seed):
    """{lang: [(kind, words, target id)]}: per_lang targets, each a known-item query and,
    where the language has a stemmer and the target a candidate, an inflection query."""
    out = {}
    for lang, L in languages.items():
        rng = random.Random("%s %s" % (seed, lang))
        order = list(range(len(L.docs)))
        rng.shuffle(order)
        queries, targets = [], 0
        for i in order:
            if targets == per_lang:
                break
            q = L.known_item(i, rng)
            if q is None:
                continue
            targets += 1
            queries.append(("known", q, L.docs[i]["id"]))
            q = L.inflection(i, rng)
            if q:
                queries.append(("inflection", q, L.docs[i]["id"]))
        out[lang] = queries
    return out


# ---------------------------------------------------------------------------------------
# The two tools

def file_digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def build_newsidx(binary, folder, jsonl, ndocs):
    """newsidx build into folder/newsidx.db, unless it holds this corpus built by this
    binary already. Returns the seconds the build took (0 if reused)."""
    db = os.path.join(folder, "newsidx.db")
    stamp_path = os.path.join(folder, "newsidx.stamp")
    stamp = "%s %s" % (file_digest(jsonl), file_digest(binary))
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return 0.0
    subprocess.run(["rm", "-rf", db], check=True)
    start = time.perf_counter()
    for attempt in (1, 2):  # the binary may be rebuilt under us: retry once
        p = subprocess.run([binary, "build", "--db", db, jsonl],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode == 0 and p.stdout.startswith("%d changed," % ndocs):
            break
        log("newsidx build failed (try %d): %s %s" % (attempt, p.stdout.strip(),
                                                      p.stderr.strip()[-2000:]))
        subprocess.run(["rm", "-rf", db], check=True)
    else:
        raise SystemExit("quality: newsidx build failed on %s" % jsonl)
    seconds = time.perf_counter() - start
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return seconds


def build_fts5(folder, jsonl, docs):
    """The same documents in FTS5: rowid = the document's place in docs."""
    path = os.path.join(folder, "fts5.sqlite")
    stamp_path = os.path.join(folder, "fts5.stamp")
    stamp = "%s %s" % (file_digest(jsonl), sqlite3.sqlite_version)
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return 0.0
    if os.path.exists(path):
        os.remove(path)
    start = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, "
                "tokenize = 'porter unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)",
                    ((i, d["title"], d["body"]) for i, d in enumerate(docs)))
    con.commit()
    con.close()
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return time.perf_counter() - start


def ask_newsidx(search, db, folder, queries, limit=10):
    """[(total, [ids of the top limit])] for each query (a list of words), by one batch."""
    path = os.path.join(folder, "queries.txt")
    with open(path, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(" ".join(q) + "\n")
    for attempt in (1, 2):
        p = subprocess.run([search, "--db", db, "--queries", path, "-n", str(limit)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        lines = p.stdout.decode("utf-8").splitlines()
        if p.returncode in (0, 1, 2) and len(lines) == len(queries):
            break
        log("newsidx-search gave %d answers to %d queries, exit %d (try %d): %s"
            % (len(lines), len(queries), p.returncode, attempt,
               p.stderr.decode("utf-8", "replace")[-2000:]))
    else:
        raise SystemExit("quality: newsidx-search failed on %s" % path)
    answers = []
    for q, line in zip(queries, lines):
        j = json.loads(line)
        if "error" in j:
            log("newsidx-search: %r: %s" % (" ".join(q), j["error"]))
            answers.append((0, []))
        else:
            answers.append((j["total"], [r["id"] for r in j["results"]]))
    return answers


def ask_fts5(folder, docs, queries):
    """[(1 if anything matched else 0, [ids of the top 10])]: FTS5's default AND."""
    con = sqlite3.connect(os.path.join(folder, "fts5.sqlite"))
    answers = []
    for q in queries:
        match = " ".join('"%s"' % w for w in q)
        rows = con.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, 5.0, 1.0) "
                           "LIMIT 10", (match,)).fetchall()
        answers.append((1 if rows else 0, [docs[r[0]]["id"] for r in rows]))
    con.close()
    return answers


# ---------------------------------------------------------------------------------------
# Figures

def figures(queries, answers, kind):
    """S@1, S@10, MRR@10 and queries with no match at all, over queries of one kind."""
    ranks, none = [], 0
    for (k, _, target), (total, ids) in zip(queries, answers):
        if k != kind:
            continue
        ranks.append(ids.index(target) + 1 if target in ids else None)
        none += total == 0
    n = len(ranks)
    if n == 0:
        return {"queries": 0}
    return {"queries": n,
            "s1": sum(r == 1 for r in ranks) / n,
            "s10": sum(r is not None for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n,
            "none": none}


def context(doc, word, width=50):
    """The text around the first place the word occurs in the document."""
    text = doc["title"] + " ¶ " + doc["body"].replace("\n\n", " ¶ ")
    m = re.search(r"(?<![^\W_])%s(?![^\W_])" % re.escape(word), text, re.IGNORECASE)
    if not m:
        m = re.search(re.escape(word), text.lower())
    if not m:
        return ""
    a, b = max(0, m.start() - width), min(len(text), m.end() + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def missed_words(args, languages, queries, results, langs):
    """Words of the text that newsidx does not find where FTS5 does, in two ways, on each
    language's own set:

    - the known-item queries newsidx answered with nothing while FTS5 found the target:
      each is asked again without one of its words in turn, and a word whose removal puts
      the target in newsidx's top 100 is one it does not find in the target;
    - --probe words drawn uniformly from the language's vocabulary (so mostly rare ones),
      each asked alone: a word newsidx finds in no document while FTS5 finds it."""
    report = {"probe": {}, "failed": {}}
    examples = []
    for lang in langs:
        L = languages[lang]
        folder = os.path.join(args.work, "index", lang)
        db = os.path.join(folder, "newsidx.db")
        failed = [q for q, a_n, a_f in zip(queries[lang], results[lang, lang, "newsidx"],
                                           results[lang, lang, "fts5"])
                  if q[0] == "known" and a_n[0] == 0 and q[2] in a_f[1]]
        dropped = [[x for x in q[1] if x != w] for q in failed for w in q[1]]
        vocabulary = sorted(L.df)
        rng = random.Random("%s probe %s" % (args.seed, lang))
        probe = rng.sample(vocabulary, min(args.probe, len(vocabulary)))
        d_ans = ask_newsidx(args.search, db, folder, dropped, limit=100) if dropped else []
        n_ans = ask_newsidx(args.search, db, folder, [[w] for w in probe])
        f_ans = ask_fts5(folder, L.docs, [[w] for w in probe])
        mine, seen = [], set()
        explained = 0
        for k, q in enumerate(failed):
            culprits = [w for j, w in enumerate(q[1]) if q[2] in d_ans[3 * k + j][1]]
            explained += bool(culprits)
            i = next(i for i, d in enumerate(L.docs) if d["id"] == q[2])
            for w in culprits:
                if w not in seen:
                    seen.add(w)
                    mine.append({"lang": lang, "word": w, "query": " ".join(q[1]),
                                 "doc": q[2], "context": context(L.docs[i], w)})
        report["failed"][lang] = {"queries": len(failed), "explained": explained}
        probed = list(zip(probe, n_ans, f_ans))
        report["probe"][lang] = {
            "words": len(probe),
            "newsidx_none": sum(1 for _, n, _ in probed if not n[0]),
            "fts5_none": sum(1 for _, _, f in probed if not f[0]),
            "only_newsidx_none": sum(1 for _, n, f in probed if not n[0] and f[0])}
        for w, n, f in probed:
            if not n[0] and f[0] and w not in seen:
                seen.add(w)
                i = next(i for i, tf in enumerate(L.tf) if w in tf)
                mine.append({"lang": lang, "word": w, "query": w, "doc": L.docs[i]["id"],
                             "context": context(L.docs[i], w)})
        examples.append(mine)
    # Take the examples in turn from each language, so that one does not fill the list.
    report["missed_examples"] = []
    while any(examples) and len(report["missed_examples"]) < args.examples:
        for mine in examples:
            if mine and len(report["missed_examples"]) < args.examples:
                report["missed_examples"].append(mine.pop(0))
    return report


def main():
    ap = argparse.ArgumentParser(description="Search-quality benchmark (see bench/README.md)")
    ap.add_argument("--per-lang", type=int, default=300, help="targets per language (300)")
    ap.add_argument("--seed", type=int, default=1, help="of the queries (1)")
    ap.add_argument("--langs", default="en,de,es,ru,fr,tr",
                    help="language sets, manual page folder names (en,de,es,ru,fr,tr)")
    ap.add_argument("--work", default="/tmp/newsidx-quality",
                    help="corpus cache and indexes (/tmp/newsidx-quality)")
    ap.add_argument("--newsidx", default=os.path.join(ROOT, "build/bin/newsidx"),
                    help="the newsidx binary (build/bin/newsidx)")
    ap.add_argument("--search", default=os.path.join(ROOT, "build/bin/newsidx-search"),
                    help="the newsidx-search binary (build/bin/newsidx-search)")
    ap.add_argument("--max-docs", type=int, default=1500,
                    help="manual pages per language at most (1500)")
    ap.add_argument("--examples", type=int, default=15,
                    help="words newsidx does not find to show (15)")
    ap.add_argument("--probe", type=int, default=500,
                    help="vocabulary words a language asked alone of each tool (500)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = ap.parse_args()
    started = time.perf_counter()
    langs = [l for l in args.langs.split(",") if l]
    for binary in (args.newsidx, args.search):
        if not os.access(binary, os.X_OK):
            raise SystemExit("quality: %s is not an executable (--newsidx, --search)" % binary)

    languages = {}
    for lang in langs:
        docs = corpus(lang, args.work, args.max_docs, os.cpu_count() or 1)
        if len(docs) < 10:
            raise SystemExit("quality: only %d documents in %s: is manpages-%s installed?"
                             % (len(docs), lang, lang))
        languages[lang] = Language(lang, docs)
    queries = make_queries(languages, args.per_lang, args.seed)

    # Sets: each language alone, and the mixed archive of all of them.
    sets = {lang: languages[lang].docs for lang in langs}
    if len(langs) > 1:
        sets["mixed"] = [d for lang in langs for d in languages[lang].docs]
    build_seconds = {}
    results = {}  # (set, lang, tool) -> answers
    for name, docs in sets.items():
        folder = os.path.join(args.work, "index", name)
        os.makedirs(folder, exist_ok=True)
        jsonl = os.path.join(folder, "docs.jsonl")
        with open(jsonl + ".new", "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d["id"], "title": d["title"], "body": d["body"]},
                                   ensure_ascii=False) + "\n")
        if not os.path.exists(jsonl) or file_digest(jsonl) != file_digest(jsonl + ".new"):
            os.replace(jsonl + ".new", jsonl)
        else:
            os.remove(jsonl + ".new")
        log("%s: %d documents; indexing" % (name, len(docs)))
        build_seconds[name] = {"newsidx": build_newsidx(args.newsidx, folder, jsonl, len(docs)),
                               "fts5": build_fts5(folder, jsonl, docs)}
        asked = langs if name == "mixed" else [name]
        flat = [q for lang in asked for q in queries[lang]]
        log("%s: %d queries" % (name, len(flat)))
        n_ans = ask_newsidx(args.search, os.path.join(folder, "newsidx.db"), folder,
                            [q[1] for q in flat])
        f_ans = ask_fts5(folder, docs, [q[1] for q in flat])
        at = 0
        for lang in asked:
            k = len(queries[lang])
            results[name, lang, "newsidx"] = n_ans[at:at + k]
            results[name, lang, "fts5"] = f_ans[at:at + k]
            at += k

    report = {"seed": args.seed, "per_lang": args.per_lang, "langs": langs,
              "newsidx": subprocess.run([args.newsidx, "--version"], stdout=subprocess.PIPE,
                                        text=True).stdout.strip(),
              "sqlite": sqlite3.sqlite_version,
              "docs": {lang: len(languages[lang].docs) for lang in langs},
              "build_seconds": build_seconds, "sets": {}}
    for name in sets:
        asked = langs if name == "mixed" else [name]
        for lang in asked + (["all"] if name == "mixed" else []):
            ls = asked if lang == "all" else [lang]
            qs = [q for l in ls for q in queries[l]]
            entry = {}
            for tool in ("newsidx", "fts5"):
                ans = [a for l in ls for a in results[name, l, tool]]
                entry[tool] = {"known": figures(qs, ans, "known"),
                               "inflection": figures(qs, ans, "inflection")}
            n, f = entry["newsidx"]["known"], entry["fts5"]["known"]
            entry["mrr_ratio"] = n["mrr"] / f["mrr"] if f.get("mrr") and "mrr" in n else None
            report["sets"]["%s:%s" % (name, lang) if name == "mixed" else name] = entry

    report.update(missed_words(args, languages, queries, results, langs))
    report["seconds"] = round(time.perf_counter() - started, 1)

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print_report(report, sets)
    return 0


def print_report(report, sets):
    print("search quality: %s; SQLite %s; seed %d, %d targets a language"
          % (report["newsidx"], report["sqlite"], report["seed"], report["per_lang"]))
    print("documents: " + ", ".join("%s %d" % (l, n) for l, n in report["docs"].items())
          + (" (mixed: %d)" % sum(report["docs"].values()) if "mixed" in sets else ""))
    print()
    print("known-item queries (3 words of the target, drawn by tf·idf); top 10, MRR over it;"
          " none = answered with nothing")
    head = "%-12s %5s | %5s %5s %5s %4s | %5s %5s %5s %4s | %6s"
    row = "%-12s %5d | %5.3f %5.3f %5.3f %4d | %5.3f %5.3f %5.3f %4d | %5.2fx"
    print(head % ("", "", "--", "newsidx", "--", "", "--", "FTS5", "--", "", "MRR"))
    print(head % ("set", "qs", "S@1", "S@10", "MRR", "none", "S@1", "S@10", "MRR", "none",
                  "n/FTS5"))
    for key, e in report["sets"].items():
        n, f = e["newsidx"]["known"], e["fts5"]["known"]
        if not n["queries"]:
            continue
        print(row % (key, n["queries"], n["s1"], n["s10"], n["mrr"], n["none"],
                     f["s1"], f["s10"], f["mrr"], f["none"], e["mrr_ratio"] or 0))
    print()
    print("inflection queries (another form of a target's word + its rarest word): S@10")
    head = "%-12s %5s | %7s %4s | %7s %4s"
    print(head % ("set", "qs", "newsidx", "none", "FTS5", "none"))
    for key, e in report["sets"].items():
        n, f = e["newsidx"]["inflection"], e["fts5"]["inflection"]
        if n["queries"]:
            print("%-12s %5d | %7.3f %4d | %7.3f %4d"
                  % (key, n["queries"], n["s10"], n["none"], f["s10"], f["none"]))
    print()
    ratios = ["%s %.2fx" % (k, e["mrr_ratio"]) for k, e in report["sets"].items()
              if e["mrr_ratio"] is not None
              and (not k.startswith("mixed:") or k == "mixed:all")]
    print("newsidx/FTS5 known-item MRR: " + ", ".join(ratios))
    print("known-item queries newsidx answered with nothing while FTS5 found the target "
          "(failed), and those that find it once one word is dropped (explained);")
    print("--probe words of the vocabulary asked alone: found in no document (none)")
    print("%-12s %6s %9s | %5s %7s %4s %12s" % ("lang", "failed", "explained", "probe",
                                               "newsidx", "FTS5", "only newsidx"))
    for lang, p in report["probe"].items():
        f = report["failed"][lang]
        print("%-12s %6d %9d | %5d %7d %4d %12d"
              % (lang, f["queries"], f["explained"], p["words"], p["newsidx_none"],
                 p["fts5_none"], p["only_newsidx_none"]))
    print("words newsidx does not find where FTS5 does (query: its words), and their text:")
    for u in report["missed_examples"]:
        print("  %s %-16s (%s) %s: %s" % (u["lang"], u["word"], u["query"], u["doc"],
                                         u["context"]))
    builds = ", ".join("%s %.1f s" % (k, v["newsidx"]) for k, v in
                       report["build_seconds"].items() if v["newsidx"])
    print("newsidx builds: %s; total %.0f s" % (builds or "all reused", report["seconds"]))


if __name__ == "__main__":
    sys.exit(main())
