# Sourced by the other scripts: installs with apt-get the Debian 12 packages that are missing,
# and configures the test builds.
NEWSIDX_PACKAGES="g++ clang libclang-rt-14-dev make cmake libxapian-dev xapian-tools libicu-dev
libcli11-dev nlohmann-json3-dev libxxhash-dev libcld2-dev libgtest-dev libtomlplusplus-dev jq python3
python3-xapian dpkg-dev bash-completion man-db"

install_missing_packages() {
    missing=""
    for pkg in $NEWSIDX_PACKAGES; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
            missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    echo "installing:$missing"
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: run as root (or install the packages above yourself)" >&2
        return 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# configure_test_build DIR: configures the test build DIR of scripts/test.sh: "build" (the
# system compiler, warnings as errors), "build-asan" (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, and the fuzz harnesses that scripts/fuzz.sh runs) or
# "build-tsan" (clang, ThreadSanitizer).
# Both optimise (-O2); neither keeps full debug information, which would cost CI a minute of
# its fifteen: the sanitizer build keeps line tables, for the file:line of its reports.
configure_test_build() {
    if [ "$1" = build-asan ]; then
        set -- "$1" -DCMAKE_CXX_COMPILER=clang++ -DNEWSIDX_SANITIZE=address,undefined \
            -DNEWSIDX_FUZZ=ON "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -gline-tables-only -DNDEBUG"
    elif [ "$1" = build-tsan ]; then
        set -- "$1" -DCMAKE_CXX_COMPILER=clang++ -DNEWSIDX_SANITIZE=thread \
            "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -gline-tables-only -DNDEBUG"
    else
        set -- "$1" -DNEWSIDX_SANITIZE= "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG"
    fi
    cmake -S . -B "$@" -DBUILD_TESTING=ON -DNEWSIDX_WERROR=ON -DCMAKE_BUILD_TYPE=Release \
        >/dev/null
}
