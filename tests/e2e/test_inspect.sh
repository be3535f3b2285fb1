#!/usr/bin/env bash
# The inspection commands: stats, analyze, entities, show.
source "$(dirname "$0")/lib.sh"

idx build
idx stats
expect_code 0 "stats"
expect_out "documents:  5" "document count"
expect_out "dates:      2021-12-11 to 2024-12-31 (1 undated)" "date span and undated count"
grep -qE '^  3	TJ	Tajikistan$' <<<"$OUT" && pass || fail "stats: 3 articles name Tajikistan"
grep -qE '^  3	ali-bagheri-kani	Ali Bagheri Kani$' <<<"$OUT" && pass || fail "stats: 3 articles name Bagheri Kani"
grep -qE '^  1	ar	Arabic$' <<<"$OUT" && pass || fail "stats: one Arabic article"
grep -qE '^  3	mehr	Mehr News Agency$' <<<"$OUT" && pass || fail "stats: three from Mehr"

# analyze: the same stem for a word with and without its clitics.
run "$IRANIDX" analyze "العلاقات"
stem1=$(grep -oE 'Z[^ ]+$' <<<"$OUT")
run "$IRANIDX" analyze "وَالعلاقات"
stem2=$(grep -oE 'Z[^ ]+$' <<<"$OUT")
[ -n "$stem1" ] && [ "$stem1" = "$stem2" ] && pass || fail "analyze: والعلاقات and العلاقات share a stem ($stem1 / $stem2)"
expect_out "normalized: والعلاقات" "analyze shows the normalized text (harakat gone)"
run "$IRANIDX" analyze "neighbors neighboring"
[ "$(grep -c 'Zneighbor$' <<<"$OUT")" = 2 ] && pass || fail "analyze: English stems"

# entities: spans and facet values for one file.
run "$IRANIDX" entities "$CORPUS"/001_*.txt
expect_code 0 "entities"
expect_out "countries: " "entities lists countries"
grep -q "^countries: .*TJ" <<<"$OUT" && pass || fail "entities: TJ in the Arabic article"
grep -q "^officials: .*ali-bagheri-kani" <<<"$OUT" && pass || fail "entities: علي باقري is Bagheri Kani"
grep -qE '^official  ali-bagheri-kani  \[[0-9]+,[0-9]+\)  علي باقري' <<<"$OUT" && pass || fail "entities: span of علي باقري"

# show: boilerplate gone from the indexed body, the file untouched.
run "$IRANIDX" show "$CORPUS"/003_*.txt
expect_out "source:   mehr (Mehr News Agency)" "show: source"
grep -q "Creative Commons" <<<"${OUT#*---}" && fail "show: licence line still in the body" || pass
grep -q "Creative Commons" "$CORPUS"/003_*.txt && pass || fail "the raw file keeps its licence line"
run "$IRANIDX" show "$WORK/missing.txt"
expect_code 2 "show: missing file"
expect_err "missing.txt" "show: missing file named"

finish
