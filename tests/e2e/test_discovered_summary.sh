#!/usr/bin/env bash
# The discovered officials' summary each commit stores with the documents
# (index/discovered_summary.h): `iranidx check` finds it equal to the terms after a
# build, after a build killed mid-run and resumed, over one index and over year shards;
# searches over one index, over shards and over a resumed build answer alike (issue 14).
source "$(dirname "$0")/lib.sh"

# One person in two scripts (Qasim al-Araji / قاسم الأعرجي) and two people whose
# skeletons collide (Hassan Ghandour / حسين غندور): tests/fixtures/discovered/.
cp "$IRAN_SOURCE_DIR"/tests/fixtures/discovered/{en,ar}-araji.txt "$CORPUS/"

printf 'date: 2021-05-06\n' > "$CORPUS/ar-araji.txt.meta"
# Enough articles naming discovered people for a build to be killed between commits.
mkdir -p "$CORPUS/many"
for i in $(seq 1 400); do
  printf 'Talks %d\n\nJordanian Interior Minister Mazen al-Faraya%s met Iraqi Oil Minister Hayan Abdul Ghani on day %d.\n' \
    "$i" "$([ $((i % 3)) = 0 ] && echo ' and Lebanese Health Minister Firas al-Abiad')" "$i" > "$CORPUS/many/t$i.txt"
  printf 'date: 20%02d-03-04\n' $((10 + i % 5)) > "$CORPUS/many/t$i.txt.meta"
done

facets() {  # the official facet of every article, and the --official answer, of one --db
  "$IRANSEARCH" --db "$1" --json --facet-limit 0 "" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], json.dumps(d["facets"]["official"], ensure_ascii=False))'
  "$IRANSEARCH" --db "$1" --json --official "قاسم الأعرجي" "" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], sorted(h["path"] for h in d["hits"]))'
}

idx build --quiet
expect_code 0 "build"
idx check
expect_code 0 "check after a build"
expect_out "0 differences" "no difference"
grep -q "summary of discovered officials" <<<"$OUT" && fail "the summary is named by check after a build" || pass
ONE=$(facets "$DB")
grep -q '"Qasim al-Araji (قاسم الأعرجي)"' <<<"$ONE" && pass || fail "the joined label" "$ONE"

# Year shards: every shard's summary checked, the answers those of one index.
SHARDS=$WORK/shards
run "$IRANIDX" --corpus "$CORPUS" --db "$SHARDS" build --quiet --shards year
expect_code 0 "sharded build"
run "$IRANIDX" --corpus "$CORPUS" --db "$SHARDS" check
expect_code 0 "check of the shards"
grep -q "summary of discovered officials" <<<"$OUT" && fail "a shard's summary is named by check" || pass
expect_eq "$(facets "$SHARDS")" "$ONE" "year shards answer as one index"

# A first build killed between its commits, then resumed: never a summary that differs
# from its documents, and the same answers as the build that was never killed.
KILLED=$WORK/killed
# Killed once a generation holds committed documents (polled, not timed), so that the
# kill always falls between two commits of the build, never after its end.
DUMP=$IRAN_BUILD_DIR/bin/dump_index
"$IRANIDX" --corpus "$CORPUS" --db "$KILLED" build --quiet --batch 5 --jobs 1 >/dev/null 2>&1 &
pid=$!
killed=no
while kill -0 "$pid" 2>/dev/null; do
  for gen in "$KILLED"/gen-*; do
    if [ -d "$gen" ] && [ "$("$DUMP" --count "$gen" 2>/dev/null || echo 0)" -gt 0 ]; then
      kill -KILL "$pid" 2>/dev/null && killed=yes
      break 2
    fi
  done
  sleep 0.02
done
wait "$pid" 2>/dev/null
[ "$killed" = yes ] && pass || fail "the build ended before it could be killed between commits"
run "$IRANIDX" --corpus "$CORPUS" --db "$KILLED" check
grep -qE "summary of discovered officials .*(differs|cannot be read)" <<<"$OUT" && fail "a killed build left a summary that differs" "$OUT" || pass
run "$IRANIDX" --corpus "$CORPUS" --db "$KILLED" build --quiet
expect_code 0 "the killed build resumed"
run "$IRANIDX" --corpus "$CORPUS" --db "$KILLED" check
expect_code 0 "check after the resumed build"
grep -q "summary of discovered officials" <<<"$OUT" && fail "the resumed build's summary is named by check" || pass
expect_eq "$(facets "$KILLED")" "$ONE" "the resumed build answers as one never killed"

# iranidx officials --discovered lists the same people from each.
run "$IRANIDX" --db "$DB" officials --discovered
A=$OUT
run "$IRANIDX" --db "$KILLED" officials --discovered
expect_eq "$OUT" "$A" "officials --discovered after the resumed build"

finish
