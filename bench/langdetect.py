#!/usr/bin/python3
"""Language detection benchmark: CLD2 (what newsidx uses, common/language.cc) against
libexttextcat, on the documents of bench/quality.py (Debian manual pages in en, de, es,
ru, fr, tr rendered with groff, and for English Debian changelog entries; cached in
WORK/corpus). Run by bench/langdetect.sh, which compiles the helper (--helper).

Each document is given to both detectors as three texts:
- full: the whole document (title, then body);
- 4 KiB: what newsidx's detect_language(Article) reads: the title, then paragraphs while
  under kLanguageSample (4096) bytes;
- headline: the first 60 characters of the title (the page's NAME line; for changelog
  entries, whose title is "package (version)", of the first paragraph), cut at a space.
Correct = the primary subtag of the language folder the page comes from. und = no answer
(CLD2: unknown; exttextcat: SHORT or UNKNOWN). exttextcat may answer several candidates
("[de--utf8][nl--utf8]"): its first (best) one is counted, and "multi" says how often.
Time: per document, median of 3 passes over the set, in microseconds.
"""
import argparse
import collections
import os
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no bench/__pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quality  # noqa: E402  (the corpus: rendering and caching of the pages)

SAMPLE = 4096  # kLanguageSample, common/language.h


def texts(d):
    paragraphs = d["body"].split("\n\n")
    sample = d["title"]
    for p in paragraphs:
        if len(sample.encode()) < SAMPLE:
            sample += "\n" + p
    line = paragraphs[0] if "/changelog/" in d["id"] else d["title"]
    head = line if len(line) <= 60 else line[:61].rsplit(" ", 1)[0][:60]
    return {"full": d["title"] + "\n\n" + d["body"], "4 KiB": sample, "headline": head}


def run_helper(helper, items):
    data = b"".join(b"%d\n%s" % (len(t), t) for t in (x.encode() for x in items))
    out = subprocess.run([helper], input=data, stdout=subprocess.PIPE, check=True).stdout
    lines = out.decode().splitlines()
    answers = [l.split() for l in lines[:len(items)]]
    times = {l.split()[1]: [int(x) for x in l.split()[2:]] for l in lines[len(items):]}
    return answers, {k: statistics.median(v) / len(items) for k, v in times.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--helper", required=True, help="the compiled helper (langdetect.sh)")
    ap.add_argument("--langs", default="en,de,es,ru,fr,tr")
    ap.add_argument("--work", default="/tmp/newsidx-quality", help="corpus cache (as quality.py)")
    ap.add_argument("--max-docs", type=int, default=1500)
    args = ap.parse_args()
    started = time.perf_counter()
    langs = [l for l in args.langs.split(",") if l]
    docs = {l: quality.corpus(l, args.work, args.max_docs, os.cpu_count() or 1) for l in langs}
    print("language detection: CLD2 against exttextcat on Debian manual pages; "
          "answers counted as primary subtags")
    head = "%-6s %5s %7s | %11s %4s | %11s %4s %5s | %8s %8s %6s"
    row = "%-6s %5d %7d | %5d %4.0f%% %4d | %5d %4.0f%% %4d %5d | %8.1f %8.1f %5.1fx"
    for kind in ("full", "4 KiB", "headline"):
        print()
        print("%s text: correct, und and µs a document (median of 3 runs)" % kind)
        print(head % ("lang", "docs", "bytes", "CLD2 ok", "und", "textcat ok", "und", "multi",
                      "CLD2 µs", "tc µs", "tc/CLD2"))
        total = collections.Counter()
        wrong = {}
        for l in langs:
            items = [texts(d)[kind] for d in docs[l]]
            answers, us = run_helper(args.helper, items)
            n = len(items)
            c = collections.Counter(
                cld2_ok=sum(a[0] == l for a in answers), cld2_und=sum(a[0] == "und" for a in answers),
                tc_ok=sum(a[1] == l for a in answers), tc_und=sum(a[1] == "und" for a in answers),
                multi=sum(a[2].isdigit() and a[2] != "1" for a in answers))
            size = sum(len(x.encode()) for x in items) // n
            print(row % (l, n, size, c["cld2_ok"], 100 * c["cld2_ok"] / n, c["cld2_und"],
                         c["tc_ok"], 100 * c["tc_ok"] / n, c["tc_und"], c["multi"],
                         us["cld2"], us["textcat"], us["textcat"] / us["cld2"]))
            total.update(c)
            total.update(docs=n, bytes=size * n, cld2_us=us["cld2"] * n, tc_us=us["textcat"] * n)
            wrong[l] = [collections.Counter(a[i] for a in answers if a[i] not in (l, "und"))
                        .most_common(3) for i in (0, 1)]
        n = total["docs"]
        print(row % ("all", n, total["bytes"] // n, total["cld2_ok"], 100 * total["cld2_ok"] / n,
                     total["cld2_und"], total["tc_ok"], 100 * total["tc_ok"] / n, total["tc_und"],
                     total["multi"], total["cld2_us"] / n, total["tc_us"] / n,
                     total["tc_us"] / total["cld2_us"]))
        print("most frequent wrong answers (CLD2 / textcat): " + "; ".join(
            "%s %s / %s" % (l, " ".join("%s:%d" % x for x in w[0]) or "-",
                            " ".join("%s:%d" % x for x in w[1]) or "-")
            for l, w in wrong.items()))
    print()
    print("total %.0f s" % (time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
