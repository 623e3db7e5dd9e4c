#!/usr/bin/env python3
"""Compares two newsidx-search outputs in JSON (one document, or JSON Lines: one a line).

    same_results.py EXPECTED ACTUAL

Output that is not JSON (text, ids, counts) must be the same bytes.

Equal means: the same keys and values everywhere (ids, order, totals, snippets, facets,
suggestions...), except that scores and --explain weights may differ by floating-point
rounding (Xapian adds up the shards' statistics in another order) and that "percent" is
not compared (Xapian scales it by the query terms each shard holds: README, "Scale-out").
Prints the first difference and exits 1, else exits 0 silently.
"""
import json
import math
import sys

TOLERANT = {"score", "weight"}
IGNORED = {"percent"}


def load(path):
    """The JSON values in the file, or its text if it is not JSON."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        pass
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError:
        return text


def diff(a, b, where):
    if isinstance(a, dict) and isinstance(b, dict):
        keys_a = [k for k in a if k not in IGNORED]
        keys_b = [k for k in b if k not in IGNORED]
        if keys_a != keys_b:
            return "%s: keys %s != %s" % (where, keys_a, keys_b)
        for k in keys_a:
            if k in TOLERANT and isinstance(a[k], (int, float)) and isinstance(b[k], (int, float)):
                if not math.isclose(a[k], b[k], rel_tol=1e-9, abs_tol=1e-12):
                    return "%s.%s: %r != %r" % (where, k, a[k], b[k])
                continue
            found = diff(a[k], b[k], "%s.%s" % (where, k))
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return "%s: %d items != %d" % (where, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            found = diff(x, y, "%s[%d]" % (where, i))
            if found:
                return found
        return None
    return None if a == b else "%s: %r != %r" % (where, a, b)


def main():
    expected, actual = load(sys.argv[1]), load(sys.argv[2])
    found = diff(expected, actual, "$")
    if found:
        print("same_results: %s vs %s: %s" % (sys.argv[1], sys.argv[2], found))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
