#!/usr/bin/env bash
# Issue 15: `iranidx check` beside a build. Xapian's check reads the files of one
# revision while the build commits the next ones (here every 5 articles), which used to
# be reported as "index damaged: Block overwritten" or "Expected block N to be level 1",
# and `check --repair --wait` then rebuilt an intact index from scratch. A race is not
# damage. Worse, Xapian's check truncates tables that are empty in the revision it
# reads (a new index's), so beside a first build it corrupted the index: the check
# runs only under the build lock, and a plain check beside a build compares content.
source "$(dirname "$0")/lib.sh"

python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$CORPUS/bulk" 600 --seed 21 >/dev/null
# The first build of a new index, with checks beside it from its first commit.
"$IRANIDX" --corpus "$CORPUS" --db "$DB" build --quiet --batch 5 >"$WORK/first.out" 2>"$WORK/first.err" &
builder=$!
: >"$WORK/first-checks.log"
while kill -0 "$builder" 2>/dev/null; do
  "$IRANIDX" --corpus "$CORPUS" --db "$DB" check >>"$WORK/first-checks.log" 2>&1
done
wait "$builder"
CODE=$?
OUT=$(cat "$WORK/first.out"); ERR=$(cat "$WORK/first.err")
expect_code 0 "the first build beside checks"
OUT=$(cat "$WORK/first-checks.log"); ERR=""
grep -q "damaged\|structural errors" <<<"$OUT" && fail "a check beside the first build reported damage" || pass
gen=$(ls -d "$DB"/gen-* | tail -n 1)
run xapian-check "$gen"
expect_out "No errors found" "the index is sound after checks beside its first build"
idx check
expect_code 0 "seed build in line with the corpus"
# Every article changed: the next build rewrites them all, committing every 5.
for f in "$CORPUS"/bulk/*/*.txt; do printf 'Edited for the race.\n' >>"$f"; done

"$IRANIDX" --corpus "$CORPUS" --db "$DB" build --quiet --batch 5 >"$WORK/build.out" 2>"$WORK/build.err" &
builder=$!
# Plain checks one after another for as long as the build runs, and repairs that start
# during it (each waits for the build's lock).
( n=0
  while kill -0 "$builder" 2>/dev/null; do
    "$IRANIDX" --corpus "$CORPUS" --db "$DB" check >"$WORK/check.$n" 2>&1
    echo "check exit $?" >>"$WORK/check.$n"
    n=$((n + 1))
  done ) &
checker=$!
repairs=()
for i in 1 2 3; do
  sleep 0.5
  "$IRANIDX" --corpus "$CORPUS" --db "$DB" check --repair --wait 600 >"$WORK/repair.$i" 2>&1 &
  repairs+=($!)
done
wait "$builder"
CODE=$?
wait "$checker"
for i in 1 2 3; do wait "${repairs[$((i - 1))]}"; echo "repair exit $?" >>"$WORK/repair.$i"; done
cat "$WORK"/check.* "$WORK"/repair.* >"$WORK/checks.log"
checks_run=$(ls "$WORK"/check.* | wc -l)
OUT=$(cat "$WORK/build.out"); ERR=$(cat "$WORK/build.err")
expect_code 0 "the build beside the checks"
OUT=$(cat "$WORK/checks.log"); ERR=""
[ "$checks_run" -ge 2 ] && pass || fail "only $checks_run checks ran during the build"
grep -q "damaged\|structural errors" "$WORK/checks.log" && fail "a check beside a build reported damage" || pass
grep -q "full rebuild" "$WORK/checks.log" && fail "check --repair rebuilt an intact index" || pass
grep -q "iranidx: error:" "$WORK/checks.log" && fail "a check beside a build failed" || pass
grep -E "^(check|repair) exit" "$WORK/checks.log" | grep -qvE "exit [01]$" && fail "a check exited with an error" || pass
# After the build: index and corpus agree, and the structure is sound.
idx check
expect_code 0 "index in line with the corpus after the build"
expect_out "0 differences" "no difference left"
# A build that finds a check holding the index (its structure check) waits for it, even
# without --wait, instead of exiting 3; one that finds a build exits 3 at once.
hold_until() { while [ ! -e "$1" ]; do sleep 0.1; done; }
export -f hold_until
flock "$DB/iranidx.check.lock" flock "$DB/iranidx.lock" bash -c 'sleep 2; hold_until "$0"' "$WORK/release1" &
holder=$!
sleep 0.5
( sleep 1; touch "$WORK/release1" ) &
idx build --quiet
expect_code 0 "a build waits for a check instead of exiting 3"
wait "$holder"
flock "$DB/iranidx.lock" bash -c 'hold_until "$0"' "$WORK/release2" &
holder=$!
sleep 0.5
idx build --quiet
expect_code 3 "a build beside a build still exits 3"
touch "$WORK/release2"
wait "$holder"

echo "($checks_run checks ran during the build, and 3 repairs)"

finish
