#!/usr/bin/env bash
# Searches started while a build commits after every document: opening the index races
# the commits (Xapian reports the revision gone, or "Expected block N to be level 1"
# reading a table's root). That is no damage: every search must answer (it used to fail
# about one time in a hundred with "shard ... did not answer", exit 2).
source "$(dirname "$0")/lib.sh"
python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$CORPUS/gen" 400 --seed 9
idx build --quiet
expect_code 0 "first build"

(
  for r in 1 2 3; do
    for f in "$CORPUS"/gen/batch-*/*.txt; do echo " Round $r: talks with Oman." >>"$f"; done
    "$IRANIDX" --corpus "$CORPUS" --db "$DB" build --quiet --batch 1 >/dev/null 2>&1
  done
  touch "$WORK/writer-done"
) &
writer=$!
searches=0
failed=0
while [ ! -e "$WORK/writer-done" ]; do
  "$IRANSEARCH" --db "$DB" Qatar --facets --json >/dev/null 2>"$WORK/search.err"
  code=$?
  searches=$((searches + 1))
  if [ "$code" -gt 1 ]; then failed=$((failed + 1)); echo "search exited $code: $(cat "$WORK/search.err")" >&2; fi
done
wait "$writer"
echo "$searches searches during builds committing every document"
expect_eq "$failed" 0 "no search failed while builds committed"
[ "$searches" -gt 20 ] && pass || fail "too few searches ran during the builds ($searches)"

finish
