#!/usr/bin/env python3
"""Query benchmark: newsidx-search in batch mode against SQLite FTS5 on the same articles.

Usage: query_bench.py --search BIN --db NEWSIDX_DB --jsonl ARTICLES.jsonl [--fts5 FTS5_DB]
                      [--also LABEL=DB]... [--count 1000] [--rounds 3] [--seed 1]
                      [--show-workload]

Builds a deterministic workload of --count queries from the articles' own words (one to
three words, phrases, title: field queries, date ranges; a fifth of them also counting
category and year facets), then answers it --rounds times with each tool, alternating, and
prints queries/s, median and 95th-percentile latency per tool (the median over the rounds of
each figure) and newsidx's ratios to FTS5. --also runs newsidx on other databases of the
same articles as well (bench/shards.sh: a stub over local shards, remote shards); every
newsidx database must then give the same totals. See bench/README.md.
"""
import argparse
import json
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time

STOP = set("""a about after against all also an and any are as at be because been before
being between both but by can could did do does during each few for from further had has
have he her here him his how i if in into is it its just more most no nor not of off on once
only or other our out over own same she should so some such than that the their them then
there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your said says""".split())
WORD = re.compile(r"^[a-z]{4,}$")


def vocabulary(jsonl, rng, articles=3000):
    """Title words and consecutive body word pairs of a sample of the articles."""
    lines = open(jsonl, encoding="utf-8").readlines()
    titles, bodies, pairs = [], [], []
    for line in rng.sample(lines, min(articles, len(lines))):
        a = json.loads(line)
        title = [w for w in re.findall(r"[a-z]+", a["title"].lower()) if WORD.match(w) and w not in STOP]
        titles.extend(title)
        words = re.findall(r"[a-z]+", " ".join(a["body"]).lower())
        bodies.extend(w for w in words if WORD.match(w) and w not in STOP)
        for x, y in zip(words, words[1:]):
            if WORD.match(x) and WORD.match(y) and x not in STOP and y not in STOP:
                pairs.append((x, y))
    return titles, bodies, pairs


def workload(jsonl, count, seed):
    """[(kind, newsidx query, FTS5 MATCH expression, (first year, last year) or None, facets)]"""
    rng = random.Random(seed)
    titles, bodies, pairs = vocabulary(jsonl, rng)
    queries = []
    for i in range(count):
        r = rng.random()
        years = None
        if r < 0.30:
            kind, words = "1 word", [rng.choice(bodies)]
        elif r < 0.50:
            kind, words = "2 words", [rng.choice(bodies), rng.choice(bodies)]
        elif r < 0.60:
            kind, words = "3 words", [rng.choice(bodies) for _ in range(3)]
        elif r < 0.75:
            kind, words = "phrase", list(rng.choice(pairs))
        elif r < 0.85:
            kind, words = "title:", [rng.choice(titles)]
        else:
            kind, words = "date range", [rng.choice(bodies)]
            first = rng.randint(2016, 2024)
            years = (first, rng.randint(first, 2025))
        if kind == "phrase":
            nq, fq = '"%s"' % " ".join(words), '"%s"' % " ".join(words)
        elif kind == "title:":
            nq, fq = "title:" + words[0], 'title : "%s"' % words[0]
        else:
            nq, fq = " ".join(words), " ".join('"%s"' % w for w in words)
        if years:
            nq += " date:%d..%d" % years
        queries.append((kind, nq, fq, years, i % 5 == 0))
    return queries


class Newsidx:
    """One newsidx-search --queries - process per facet setting, asked one line at a time."""

    def __init__(self, search, db, *options):
        def start(*extra):
            return subprocess.Popen([search, "--db", db, "--queries", "-", "-n", "10", *options,
                                     *extra],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                    bufsize=1)
        self.plain = start()
        self.facets = start("--facets", "category,year")

    def ask(self, q):
        proc = self.facets if q[4] else self.plain
        t = time.perf_counter()
        proc.stdin.write(q[1] + "\n")
        proc.stdin.flush()
        answer = proc.stdout.readline()
        elapsed = time.perf_counter() - t
        j = json.loads(answer)
        if "error" in j:
            raise SystemExit("newsidx-search failed on %r: %s" % (q[1], j["error"]))
        return elapsed, j["total"]

    def close(self):
        for p in (self.plain, self.facets):
            p.stdin.close()
            p.wait()


class Fts5:
    """The same queries in SQLite FTS5: bm25() order, LIMIT 10, a snippet of the body."""

    def __init__(self, db):
        self.con = sqlite3.connect(db)

    def ask(self, q):
        where, args = "articles MATCH ?", [q[2]]
        if q[3]:
            where += " AND published BETWEEN ? AND ?"
            args += ["%d-01-01" % q[3][0], "%d-12-31" % q[3][1]]
        t = time.perf_counter()
        rows = self.con.execute(
            "SELECT id, title, snippet(articles, 7, '[', ']', '…', 32) FROM articles "
            "WHERE %s ORDER BY bm25(articles) LIMIT 10" % where, args).fetchall()
        total = self.con.execute("SELECT count(*) FROM articles WHERE " + where, args).fetchone()[0]
        if q[4]:
            self.con.execute("SELECT category, count(*) FROM articles WHERE %s "
                             "GROUP BY category ORDER BY 2 DESC" % where, args).fetchall()
            self.con.execute("SELECT substr(published, 1, 4), count(*) FROM articles WHERE %s "
                             "GROUP BY 1 ORDER BY 2 DESC" % where, args).fetchall()
        return time.perf_counter() - t, total

    def close(self):
        self.con.close()


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--search", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--fts5")
    ap.add_argument("--also", action="append", default=[], metavar="LABEL=DB")
    ap.add_argument("--jsonl", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show-workload", action="store_true")
    args = ap.parse_args()

    queries = workload(args.jsonl, args.count, args.seed)
    if args.show_workload:
        for q in queries:
            print(q[0], "|", q[1], "|", q[2], "|", q[3], "| facets" if q[4] else "")
        return
    # newsidx counts exactly up to 1000 matches and may estimate above; FTS5's count(*) is
    # always exact, and so is newsidx with --exact-total.
    tools = {"newsidx": Newsidx(args.search, args.db)}
    if args.fts5:
        tools["newsidx-exact"] = Newsidx(args.search, args.db, "--exact-total")
        tools["fts5"] = Fts5(args.fts5)
    for also in args.also:
        label, _, db = also.partition("=")
        tools[label] = Newsidx(args.search, db)
    for tool in tools.values():  # warm up: the page cache and each process
        for q in queries:
            tool.ask(q)
    figures = {name: {"qps": [], "median": [], "p95": []} for name in tools}
    totals = {}
    for _ in range(args.rounds):
        for name, tool in tools.items():
            latencies = []
            start = time.perf_counter()
            for q in queries:
                elapsed, total = tool.ask(q)
                latencies.append(elapsed)
                totals.setdefault(name, []).append(total)
            wall = time.perf_counter() - start
            figures[name]["qps"].append(len(queries) / wall)
            figures[name]["median"].append(statistics.median(latencies) * 1000)
            figures[name]["p95"].append(percentile(latencies, 95) * 1000)
    for tool in tools.values():
        tool.close()

    kinds = {}
    for q in queries:
        kinds[q[0]] = kinds.get(q[0], 0) + 1
    matched = {n: sum(1 for t in totals[n][:len(queries)] if t > 0) for n in tools}
    print("workload: %d queries (%s), %d with facets; seed %d; %d rounds, median shown"
          % (len(queries), ", ".join("%d %s" % (v, k) for k, v in kinds.items()),
             sum(1 for q in queries if q[4]), args.seed, args.rounds))
    print("queries with a match: " + ", ".join("%s %d" % (n, m) for n, m in matched.items()))
    # Totals above 1000 are estimates, which depend on how the archive is sharded.
    for label in (a.partition("=")[0] for a in args.also):
        if [min(t, 1000) for t in totals[label]] != [min(t, 1000) for t in totals["newsidx"]]:
            raise SystemExit("%s gave other totals than newsidx on %s" % (label, args.db))
    print("%-14s %10s %12s %12s" % ("tool", "queries/s", "median ms", "p95 ms"))
    med = {n: {k: statistics.median(v) for k, v in f.items()} for n, f in figures.items()}
    for name in tools:
        print("%-14s %10.0f %12.3f %12.3f" % (name, med[name]["qps"], med[name]["median"],
                                            med[name]["p95"]))
    for name in ("newsidx", "newsidx-exact") if args.fts5 else ():
        print("%s/FTS5: %.2fx the queries/s; median latency %.2fx, p95 %.2fx of FTS5's"
              % (name, med[name]["qps"] / med["fts5"]["qps"],
                 med[name]["median"] / med["fts5"]["median"], med[name]["p95"] / med["fts5"]["p95"]))


if __name__ == "__main__":
    sys.exit(main())
