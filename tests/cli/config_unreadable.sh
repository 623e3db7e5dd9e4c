#!/usr/bin/env bash
# Regression: issue #15 (15). A default configuration file that cannot be read is taken as
# missing, with one warning line, by both binaries (it failed every command); a file named
# with --config that cannot be read stays an error.
set -u
. tests/cli/lib.sh
newsidx=$1 search=$2 work=$3/config-unreadable
rm -rf "$work" && mkdir -p "$work"
db=$NEWSIDX_WORK/corpus.db
unset NEWSIDX_DB NO_COLOR

# check WHO CONFIG: with CONFIG the default file that WHO cannot read, each binary works and
# says once why the file is ignored.
check() {
    local who=$1 config=$2 out code
    for cmd in "$search --db $db --count pipeline" "$newsidx stats --db $db" \
        "$newsidx search --db $db --count pipeline"; do
        # shellcheck disable=SC2086
        out=$($who $cmd 2>"$work/err")
        code=$?
        [ $code -eq 0 ] || fail "$cmd: exit $code ($(cat "$work/err"))"
        [ -n "$out" ] || fail "$cmd: no output"
        [ "$(wc -l <"$work/err")" -eq 1 ] && grep -Eq "^newsidx(-search)?: warning: cannot read $config: .* \(the default configuration file: ignored\)$" "$work/err" ||
            fail "$cmd: $(cat "$work/err")"
    done
    # Named with --config, the same file is an error.
    $who "$search" --config "$config" --db "$db" pipeline >/dev/null 2>"$work/err"
    [ $? -eq 2 ] && grep -q "^newsidx-search: cannot read $config: " "$work/err" ||
        fail "--config $config: $(cat "$work/err")"
    $who "$newsidx" --config "$config" stats --db "$db" >/dev/null 2>"$work/err"
    [ $? -eq 2 ] && grep -q "^newsidx: cannot read $config: " "$work/err" ||
        fail "newsidx --config $config: $(cat "$work/err")"
}

# A folder where the file should be: nobody can read it, root neither.
mkdir -p "$work/xdg/newsidx/config.toml"
XDG_CONFIG_HOME=$work/xdg check "" "$work/xdg/newsidx/config.toml"

# As an unprivileged user: a $HOME that may not be entered, and a file of mode 000.
if [ "$(id -u)" -eq 0 ] && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$search" &&
    setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$db/iamglass"; then
    as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
    mkdir -p "$work/home/.config/newsidx"
    echo 'color = "never"' >"$work/home/.config/newsidx/config.toml"
    chmod 700 "$work/home"
    chmod 777 "$work"
    HOME=$work/home XDG_CONFIG_HOME= check "$as_nobody" "$work/home/.config/newsidx/config.toml"
    chmod 755 "$work/home"
    chmod 000 "$work/home/.config/newsidx/config.toml"
    HOME=$work/home XDG_CONFIG_HOME= check "$as_nobody" "$work/home/.config/newsidx/config.toml"
    chmod 644 "$work/home/.config/newsidx/config.toml"
else
    echo "not run as an unprivileged user (needs root and setpriv)"
fi
exit 0
