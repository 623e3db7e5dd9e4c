#!/usr/bin/env bash
# Language detection benchmark: CLD2 (what newsidx uses, common/language.cc) against
# libexttextcat, on Debian's manual pages in six languages (the corpus of bench/quality.py),
# whole documents, the 4 KiB newsidx reads, and headline-length text: correct answers,
# "und" answers, time.
#
#   bench/langdetect.sh [--langs en,de,...] [--work DIR] [--max-docs N]
#
# Installs what is missing (as root, with apt-get), compiles a small helper against both
# libraries into a temporary folder, then runs bench/langdetect.py with the arguments given.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NEED="libcld2-dev libexttextcat-dev libexttextcat-data g++ pkg-config manpages manpages-de
      manpages-es manpages-ru manpages-fr manpages-tr groff-base python3 python3-xapian"
MISSING=""
for p in $NEED; do
    dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || MISSING="$MISSING $p"
done
if [ -n "$MISSING" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "langdetect.sh: missing packages:$MISSING (apt-get install them as root)" >&2
        exit 2
    fi
    apt-get install -y -q $MISSING >/dev/null
fi

TMP="$(mktemp -d /tmp/newsidx-langdetect.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
# The helper reads documents from stdin, each as "<bytes>\n<text>", and prints a line a
# document: "<CLD2 answer> <exttextcat answer> <exttextcat candidates>", answers being
# primary subtags or "und", candidates a count, SHORT or UNKNOWN. Then, for each detector,
# the time of RUNS passes over all the documents: "time cld2|textcat <µs> <µs> <µs>".
cat >"$TMP/langdetect.cc" <<'EOF'
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>
#include <cld2/public/compact_lang_det.h>
#include <libexttextcat/textcat.h>

static const int RUNS = 3;

// As newsidx's detect_language: the primary subtag of CLD2's answer, or "und".
static std::string cld2(const std::string& s) {
    CLD2::Language top3[3];
    int percent3[3], letters = 0;
    bool reliable = false;
    CLD2::Language l = CLD2::DetectLanguageSummary(s.data(), (int)s.size(), true, top3,
                                                   percent3, &letters, &reliable);
    if (letters == 0 || l == CLD2::UNKNOWN_LANGUAGE || l == CLD2::TG_UNKNOWN_LANGUAGE)
        return "und";
    std::string code = CLD2::LanguageCode(l);
    code = code.substr(0, code.find('-'));
    if (code.size() < 2 || code.size() > 3) return "und";
    for (char& c : code) c = (char)std::tolower((unsigned char)c);
    return code;
}

// exttextcat answers "[es--utf8][en--utf8]" (best first), "SHORT" or "UNKNOWN".
static std::string textcat(void* h, const std::string& s, std::string* candidates) {
    std::string r = textcat_Classify(h, s.data(), s.size());
    if (r.empty() || r[0] != '[') {
        *candidates = r;
        return "und";
    }
    int n = 0;
    for (char c : r) n += c == '[';
    *candidates = std::to_string(n);
    return r.substr(1, r.find_first_of("-]") - 1);
}

int main() {
    void* h = special_textcat_Init("/usr/share/libexttextcat/fpdb.conf",
                                   "/usr/share/libexttextcat/");
    if (!h) { std::fprintf(stderr, "langdetect: cannot load exttextcat's models\n"); return 1; }
    std::vector<std::string> docs;
    size_t n;
    while (std::cin >> n && std::cin.get() == '\n') {
        std::string s(n, '\0');
        std::cin.read(&s[0], (std::streamsize)n);
        docs.push_back(s);
    }
    std::vector<std::string> a(docs.size()), b(docs.size()), c(docs.size());
    long long tc[RUNS], tt[RUNS];
    using clock = std::chrono::steady_clock;
    auto us = [](clock::duration d) {
        return (long long)std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    };
    for (int r = 0; r < RUNS; ++r) {
        auto t0 = clock::now();
        for (size_t i = 0; i < docs.size(); ++i) a[i] = cld2(docs[i]);
        auto t1 = clock::now();
        for (size_t i = 0; i < docs.size(); ++i) b[i] = textcat(h, docs[i], &c[i]);
        auto t2 = clock::now();
        tc[r] = us(t1 - t0);
        tt[r] = us(t2 - t1);
    }
    for (size_t i = 0; i < docs.size(); ++i)
        std::printf("%s %s %s\n", a[i].c_str(), b[i].c_str(), c[i].c_str());
    std::printf("time cld2 %lld %lld %lld\n", tc[0], tc[1], tc[2]);
    std::printf("time textcat %lld %lld %lld\n", tt[0], tt[1], tt[2]);
    textcat_Done(h);
    return 0;
}
EOF
g++ -std=c++17 -O2 -o "$TMP/langdetect" "$TMP/langdetect.cc" \
    $(pkg-config --cflags --libs libexttextcat) -lcld2
/usr/bin/python3 "$ROOT/bench/langdetect.py" --helper "$TMP/langdetect" "$@"
