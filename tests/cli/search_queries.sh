#!/usr/bin/env bash
# One query per line of the table below: prints the query, the exit code and the ids found.
# The golden file is the expected answer for corpus/ (review its diff like code).
search=$1 db=$2
while IFS= read -r q; do
    echo "== $q"
    "$search" --db "$db" --format ids -n 100 "$q"
    echo "exit $?"
done <<'QUERIES'
title:pipeline
author:gokce
author:"Zoë Müller"
dateline:zurich
dateline:zuerich
author:mueller
"zoe mueller"
dateline:"gaza city"
category:"Asia - Pacific"
category:sports yildizspor
date:2019-01-01..2019-06-30
date:2026-04..
date:..2016
date:2020-02
date:2020-02-29
"Black Sea" gas
Gokce AND (pipeline OR election)
yildizspor NOT date:2026
istanbul
İSTANBUL
covid-19
COVID-19 vaccines
中国
москве
Kim’s
kim's
Łódź
lodz
Pyong*
"north korea
(kim
kim AND
QUERIES
