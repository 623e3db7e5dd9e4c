# The configuration file of both binaries: where it is read from, what it sets, and that the
# command line and the environment win over it; errors name the file and line (exit 2).
set -u
. "$(dirname "$0")/lib.sh"
newsidx=$1 search=$2 work=$3/config
corpus_db=$NEWSIDX_WORK/corpus.db
rm -rf "$work" && mkdir -p "$work/xdg/newsidx"
export XDG_CONFIG_HOME=$work/xdg
unset NEWSIDX_DB NO_COLOR
config=$work/xdg/newsidx/config.toml
expected=$("$search" --db "$corpus_db" --format ids -n 1 pipeline)

# No file: the built-in default database (./newsidx.db, not here).
(cd "$work" && "$search" pipeline >/dev/null 2>&1) && fail "found a database without config"

# The default file's db, for newsidx build, stats and newsidx-search. (Its jobs changes
# nothing a test can see from outside; config_test checks how it is read.)
printf '# defaults\ndb = "%s"\n' "$work/from-config.db" >"$config"
(cd "$work" && "$newsidx" build -q "$OLDPWD/corpus" >/dev/null) || fail "build with config failed"
[ -d "$work/from-config.db" ] || fail "build did not use the config file's db"
"$newsidx" stats | grep -q "^articles  *$corpus_articles$" || fail "stats did not use the config file's db"
[ "$("$search" --format ids -n 1 pipeline)" = "$expected" ] ||
    fail "newsidx-search did not use the config file's db"

# The environment beats the file, the command line beats both.
out=$(NEWSIDX_DB=$work/nothing "$search" pipeline 2>&1)
[ $? -eq 2 ] && [[ $out == *"no database at $work/nothing"* ]] ||
    fail "NEWSIDX_DB did not win over the config file: $out"
[ "$(NEWSIDX_DB=$work/nothing "$search" --db "$corpus_db" --format ids -n 1 pipeline)" = \
    "$expected" ] || fail "--db did not win over NEWSIDX_DB"

# --config FILE instead of the default file; a missing one is an error.
printf 'db = "%s"\n' "$work/other.db" >"$work/other.toml"
out=$("$search" --config "$work/other.toml" pipeline 2>&1)
[[ $out == *"no database at $work/other.db"* ]] || fail "--config not read: $out"
out=$("$newsidx" --config "$work/other.toml" search pipeline 2>&1)
[[ $out == *"no database at $work/other.db"* ]] || fail "newsidx --config F search: $out"
out=$("$newsidx" stats --config "$work" 2>&1)
[ $? -eq 2 ] && [ "$out" = "newsidx: cannot read $work: Is a directory" ] ||
    fail "a folder as --config: $out"
out=$("$newsidx" stats --config "$work/missing.toml" 2>&1)
[ $? -eq 2 ] && [ "$out" = "newsidx: cannot read config file $work/missing.toml: No such file or directory" ] ||
    fail "missing --config file: $out"

# Colour: the file's color unless NO_COLOR or --color say otherwise.
printf 'db = "%s"\ncolor = "always"\n' "$corpus_db" >"$config"
esc=$'\e['
[[ $("$search" -n 1 pipeline) == *"$esc"* ]] || fail "color = always not used"
[[ $(NO_COLOR=1 "$search" -n 1 pipeline) != *"$esc"* ]] || fail "NO_COLOR did not win"
[[ $("$search" --color never -n 1 pipeline) != *"$esc"* ]] || fail "--color did not win"

# A broken file: one line naming file and line, exit 2, for both binaries.
printf 'db = "x"\n\njobs = "many"\n' >"$config"
out=$("$newsidx" build corpus 2>&1)
[ $? -eq 2 ] && [ "$out" = "newsidx: $config:3: jobs must be a whole number from 1 to 256" ] ||
    fail "broken file, newsidx: $out"
"$newsidx" parse corpus/100_c809ca34303675c3.txt >/dev/null ||
    fail "parse, which reads no configuration, failed on a broken file"
printf 'db = "x"\ncolour = "never"\n' >"$config"
out=$("$search" pipeline 2>&1)
[ $? -eq 2 ] &&
    [ "$out" = "newsidx-search: $config:2: unknown key colour (known: db, jobs, color, allow_remote_program)" ] ||
    fail "broken file, newsidx-search: $out"
printf 'db = "x\n' >"$config"
out=$("$search" pipeline 2>&1)
[ $? -eq 2 ] && [[ $out == "newsidx-search: $config:1: "* ]] || fail "invalid TOML: $out"
exit 0
