#!/usr/bin/python3
"""Interoperability: a Xapian program that knows only README's schema table (prefixes, stemming)
finds what newsidx-search finds. Queries the corpus database through Xapian's own Python
bindings (python3-xapian) and compares the top result with newsidx-search's.

Usage: xapian_python.py NEWSIDX_SEARCH DB
"""
import json
import subprocess
import sys

import xapian


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def newsidx_ids(search, db, args):
    out = subprocess.run([search, "--db", db, "--format", "ids", "-n", "100"] + args,
                         capture_output=True, text=True, check=True).stdout
    return out.split()


class EnglishStems(xapian.StemImplementation):
    """README's stem terms: Z + prefix + language + ":" + stem."""

    def __init__(self):
        super().__init__()
        self.english = xapian.Stem("english")

    def __call__(self, word):
        return b"en:" + self.english(word)

    def get_description(self):
        return "en: + english"


def xapian_results(db, query_text, category=None):
    """Ranked (id, weight) pairs, as any Xapian client would search: README's prefixes, English
    stemming of unprefixed and prefixed words (Z + prefix + "en:" + stem), its BM25 weighting,
    AND by default, the English articles only (Len)."""
    parser = xapian.QueryParser()
    parser.set_database(db)
    stemmer = EnglishStems()
    parser.set_stemmer(xapian.Stem(stemmer))
    parser.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    parser.set_default_op(xapian.Query.OP_AND)
    parser.add_prefix("title", "S")
    parser.add_prefix("author", "A")
    parser.add_prefix("dateline", "XDATELINE")
    query = xapian.Query(xapian.Query.OP_FILTER, parser.parse_query(query_text),
                         xapian.Query("Len"))
    if category:
        query = xapian.Query(xapian.Query.OP_FILTER, query, xapian.Query("XCAT" + category))
    enquire = xapian.Enquire(db)
    enquire.set_query(query)
    enquire.set_weighting_scheme(xapian.BM25Weight(1200, 0, 1, 0, 0.05))  # README: Ranking
    return [(json.loads(m.document.get_data().decode())["id"], m.weight)
            for m in enquire.get_mset(0, 100)]


def main():
    search, db_path = sys.argv[1], sys.argv[2]
    db = xapian.Database(db_path)
    cases = [
        ("pipeline", [], None),             # plain word: Z + stem, every section
        ("title:pipeline", [], None),       # S prefix
        ("glaciers melting", [], None),     # stems: glacier, melt
        ("climate", [], None),              # more matches than one page of ten
        ("author:gokce turkiye", [], None),  # A prefix, accents folded at indexing
        ("gas", ["--category", "Energy"], "energy"),  # XCAT boolean filter
    ]
    for text, options, category in cases:
        ours = newsidx_ids(search, db_path, options + ["--language", "en", text])
        theirs = xapian_results(db, text, category)
        if not ours or not theirs:
            fail(f"{text!r}: newsidx-search found {len(ours)}, Xapian's Python {len(theirs)}")
        if len(theirs) > 1 and theirs[0][1] == theirs[1][1]:
            fail(f"{text!r}: a tie for the top result, pick another query")
        if ours[0] != theirs[0][0]:
            fail(f"{text!r}: newsidx-search's top result is {ours[0]}, Xapian's {theirs[0][0]}")
        if sorted(ours) != sorted(i for i, _ in theirs):
            fail(f"{text!r}: the matches differ: {sorted(ours)} vs {sorted(i for i, _ in theirs)}")
        print(f"{text!r}: {ours[0]} first of {len(ours)}, as Xapian's Python finds")


main()
