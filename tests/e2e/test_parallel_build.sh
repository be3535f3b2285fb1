#!/usr/bin/env bash
# Parallel builds (issue 14): any --jobs gives the index one thread gives, and a
# parallel full rebuild killed midway resumes to that same index.
source "$(dirname "$0")/lib.sh"
DUMP=$IRAN_BUILD_DIR/bin/dump_index

python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$CORPUS/generated" 1500 --seed 7 >/dev/null
run "$IRANIDX" --corpus "$CORPUS" --db "$WORK/one" build --jobs 1 --quiet
expect_code 0 "single-threaded build"
idx build --jobs 2 --json --compact
expect_code 0 "parallel build"
expect_out '"compacted":true' "the first build ends compacted"
"$DUMP" "$WORK/one" >"$WORK/one.dump"
"$DUMP" "$DB" >"$WORK/two.dump"
cmp -s "$WORK/one.dump" "$WORK/two.dump" && pass || fail "--jobs 2 made another index than --jobs 1" "$(diff "$WORK/one.dump" "$WORK/two.dump" | head -5)"
[ "$(ls -d "$DB"/gen-* | wc -l)" = 1 ] && pass || fail "the uncompacted first generation was left: $(ls "$DB")"

# A parallel full rebuild, killed once its new generation holds committed documents
# (polled, not timed), resumes; the result is the clean build's index.
"$IRANIDX" --corpus "$CORPUS" --db "$DB" build --full --compact --jobs 2 --batch 50 --quiet >/dev/null 2>&1 &
builder=$!
killed=no
while kill -0 "$builder" 2>/dev/null; do
  pending=$(ls -d "$DB"/gen-* | sort | tail -n 1)
  if [ "$pending" != "$DB/$(sed 's/^auto //' "$DB/XAPIANDB")" ] && [ "$("$DUMP" --count "$pending" 2>/dev/null || echo 0)" -gt 0 ]; then
    kill -KILL "$builder" && killed=yes
    break
  fi
  sleep 0.05
done
wait "$builder" 2>/dev/null
[ "$killed" = yes ] && pass || fail "the full rebuild ended before it could be killed"
search --limit 1 Tajikistan
expect_code 0 "the index still searches after the kill"
idx build --full --compact --jobs 2 --wait 30
expect_code 0 "the full rebuild after the killed one"
expect_err "resumed a full rebuild" "it resumed"
unchanged=$(grep -oE 'unchanged [0-9]+' <<<"$OUT" | grep -oE '[0-9]+')
[ "${unchanged:-0}" -gt 0 ] && pass || fail "the resumed rebuild redid everything"
"$DUMP" "$DB" >"$WORK/resumed.dump"
cmp -s "$WORK/one.dump" "$WORK/resumed.dump" && pass || fail "the resumed rebuild made another index" "$(diff "$WORK/one.dump" "$WORK/resumed.dump" | head -5)"

# Bad values are named.
idx build --jobs 0
expect_code 2 "--jobs 0 is a usage error"
expect_err "--jobs" "the message names the option"
finish
