#!/usr/bin/env bash
# --full builds a new generation and swaps it in: searches work before, during and after.
source "$(dirname "$0")/lib.sh"

idx build
expect_code 0 "first build"
first_gen=$(cat "$DB/XAPIANDB")

idx build --full
expect_code 0 "full rebuild"
expect_out "added 5, updated 0, deleted 0, unchanged 0, failed 0" "full rebuild reindexes everything"
second_gen=$(cat "$DB/XAPIANDB")
[ "$first_gen" != "$second_gen" ] && pass || fail "full rebuild did not publish a new generation ($second_gen)"

search --country Tajikistan --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002" "search after the swap"

# Searches during a full rebuild of a larger corpus never fail.
for i in $(seq 1 300); do
  printf 'Bulletin %d: Iran and Qatar discuss trade with Tajikistan.\n' "$i" >"$CORPUS/bulk-$i.txt"
done
"$IRANIDX" --corpus "$CORPUS" --db "$DB" build --full --batch 20 >"$WORK/full.out" 2>&1 &
builder=$!
errors=0
while kill -0 "$builder" 2>/dev/null; do
  "$IRANSEARCH" --db "$DB" --country Tajikistan --limit 1 >/dev/null 2>>"$WORK/search-errors" || errors=$((errors + 1))
done
wait "$builder"
expect_eq "$errors" "0" "no search failed during the full rebuild ($(head -c 300 "$WORK/search-errors"))"
search --country Tajikistan --limit 1
expect_out "303 articles match" "all articles after the rebuild"

# A full build ends compacted unless --no-compact; an incremental one is never compacted.
idx build --full --json
expect_out '"compacted":true' "a full build ends compacted by default"
idx build --full --no-compact --json
expect_out '"compacted":false' "--no-compact publishes it as written"
echo "An added line about Qatar." >>"$(ls "$CORPUS"/*.txt | head -1)"
idx build --json
expect_out '"compacted":false' "an incremental build is not compacted"
search Qatar --count
[ "${OUT:-0}" -gt 0 ] && pass || fail "the index answers after the compacted and plain swaps"

# Only the current and the previous generation are kept.
gens=$(ls -d "$DB"/gen-* | wc -l)
[ "$gens" -le 2 ] && pass || fail "stale generations left: $gens"

finish
