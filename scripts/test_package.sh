#!/bin/sh
# Packages the existing build tree as a .deb (cpack -G DEB), installs it with apt-get, checks
# the installed binaries (version, a build and a search of corpus/), man pages and
# completions, then removes the package. As root; test.sh runs it after its two builds.
# Usage: sh scripts/test_package.sh [BUILD_DIR]   (default: build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
fail() {
    echo "test_package: FAIL: $*" >&2
    exit 1
}
if [ "$(id -u)" -ne 0 ]; then
    echo "test_package: skipped: run as root (it installs and removes the newsidx package)" >&2
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
[ -x "$build/bin/newsidx" ] || fail "no $build/bin/newsidx: build first (scripts/test.sh)"
cmake --build "$build" -j "$(nproc)" >/dev/null  # up to date: nothing to do

rm -f "$build"/newsidx_*.deb
(cd "$build" && cpack -G DEB >cpack.log 2>&1) ||
    { cat "$build/cpack.log" >&2; fail "cpack -G DEB failed"; }
deb=$(ls "$(pwd)/$build"/newsidx_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "test_package: $(basename "$deb"): Depends: $depends"
for lib in libxapian30 libicu72 libtomlplusplus3; do
    echo "$depends" | grep -q "$lib" || fail "$lib is not among the dependencies"
done

maintainer=$(dpkg-deb -f "$deb" Maintainer)
case $maintainer in *"<"*@*">") ;; *) fail "Maintainer is no address: $maintainer" ;; esac
pkg_version=$(dpkg-deb -f "$deb" Version)
top=$(sed -n '1s/^newsidx (\([^)]*\)).*/\1/p' doc/debian/changelog)
[ "$top" = "$pkg_version" ] ||
    fail "doc/debian/changelog's last entry is $top, the package $pkg_version"

work=$(mktemp -d)
trap 'rm -rf "$work"; apt-get remove -y -qq newsidx >/dev/null 2>&1 || true' EXIT
apt-get install -y -qq "$deb" >/dev/null || fail "apt-get install $deb failed"

version=$(/usr/bin/newsidx --version)
echo "test_package: $version"
case $version in "newsidx "*" (Xapian "*", ICU "*")") ;; *) fail "newsidx --version: $version" ;; esac
case $(/usr/bin/newsidx-search --version) in
    "newsidx-search "*" (Xapian "*) ;; *) fail "newsidx-search --version" ;;
esac

# A build and searches with the installed binaries, as the build tree's answer them.
HOME=$work XDG_CONFIG_HOME=$work/config /usr/bin/newsidx build -q --db "$work/news.db" corpus >/dev/null ||
    fail "installed newsidx build failed"
expected=$("$build/bin/newsidx-search" --db "$work/news.db" --format ids -n 3 pipeline)
[ -n "$expected" ] || fail "the build tree's newsidx-search finds nothing"
[ "$(/usr/bin/newsidx-search --db "$work/news.db" --format ids -n 3 pipeline)" = "$expected" ] ||
    fail "installed newsidx-search answers differently"
[ "$(/usr/bin/newsidx search --db "$work/news.db" --format ids -n 3 pipeline)" = "$expected" ] ||
    fail "installed newsidx search does not run the installed newsidx-search"

for f in copyright changelog.Debian.gz; do
    [ -s "/usr/share/doc/newsidx/$f" ] || fail "/usr/share/doc/newsidx/$f not installed"
done
zcat /usr/share/doc/newsidx/changelog.Debian.gz | head -1 | grep -q "^newsidx ($pkg_version)" ||
    fail "changelog.Debian.gz does not start with this version"

# Man pages where man finds them, completions where the shells look.
for page in newsidx newsidx-search "7 newsidx-query"; do
    # shellcheck disable=SC2086 # "7 newsidx-query": section and name
    man -w $page >/dev/null 2>&1 || fail "man -w $page finds no page"
done
man -P cat newsidx 2>/dev/null | grep -q -- '--jobs' || fail "man newsidx does not show --jobs"
for f in /usr/share/bash-completion/completions/newsidx \
    /usr/share/bash-completion/completions/newsidx-search \
    /usr/share/zsh/vendor-completions/_newsidx; do
    [ -s "$f" ] || fail "$f not installed"
done
bash -c '. /usr/share/bash-completion/bash_completion
    . /usr/share/bash-completion/completions/newsidx
    COMP_WORDS=(newsidx bu) COMP_CWORD=1 COMP_LINE="newsidx bu" COMP_POINT=10
    _newsidx; [ "${COMPREPLY[*]}" = build ]' ||
    fail "bash does not complete newsidx bu to build"

apt-get remove -y -qq newsidx >/dev/null || fail "apt-get remove newsidx failed"
[ ! -e /usr/bin/newsidx ] || fail "/usr/bin/newsidx is still there after apt-get remove"
echo "test_package: ok ($(basename "$deb") installed, used and removed)"
