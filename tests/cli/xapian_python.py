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


PREFIXES = {"title": "S", "author": "A", "dateline": "XDATELINE"}


def xapian_results(db, query_text, category=None):
    """Ranked (id, weight) pairs, as any Xapian client would search with README's schema:
    each word (lower-case ASCII here) as the word OR its stem term (Z + prefix + "en:" +
    English stem), the words ANDed, the English articles only (Len), BM25 weighting."""
    english = xapian.Stem("english")
    words = []
    for token in query_text.split():
        field, _, word = token.rpartition(":")
        prefix = PREFIXES[field] if field else ""
        stem = "Z" + prefix + "en:" + english(word).decode()
        words.append(xapian.Query(xapian.Query.OP_OR, xapian.Query(stem),
                                  xapian.Query(prefix + word)))
    query = xapian.Query(xapian.Query.OP_FILTER, xapian.Query(xapian.Query.OP_AND, words),
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
