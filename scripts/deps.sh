# Sourced by the other scripts: installs with apt-get the Debian 12 packages that are missing.
NEWSIDX_PACKAGES="g++ clang libclang-rt-14-dev make cmake libxapian-dev xapian-tools libicu-dev
libcli11-dev nlohmann-json3-dev libxxhash-dev libgtest-dev libtomlplusplus-dev jq python3
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
