#!/usr/bin/env bash
# Sort orders, relative dates (with a fixed today) and filter options: prints each command,
# its exit code and the ids with their dates. The golden file is the expected answer.
search=$1 db=$2
export NEWSIDX_TODAY=2026-05-20
while IFS= read -r args; do
    echo "== $args"
    eval "\"$search\" --db \"$db\" --format jsonl -n 100 $args" |
        sed -E 's/^\{"rank":([0-9]+),"id":"([^"]*)".*"published":"([^"]*)".*/\1 \2 \3/'
    echo "exit ${PIPESTATUS[0]}"
done <<'ARGS'
--sort newest climate
--sort oldest climate
--sort relevance climate
date:today
date:2026-05-18
date:yesterday
'date:7d..'
date:2w
'date:3m..today'
'date:1y..'
--since 2025-07 --until 2025-09-04
--since 1y pipeline
--until 2016 --sort oldest
--category Sports --sort newest
--category sports --category energy --sort oldest
--author "Zoë Müller" --dateline zurich
--author "zoe muller" glacier
--dateline "gaza city"
--since 2025-02-31 kim
--since 04/09/2025 kim
--since 2025 --until 2024 kim
''
ARGS
