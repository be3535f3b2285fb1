#!/usr/bin/env bash
# A short run of scripts/stress: 1,000 searches with facets (over HTTP on `iransearch
# serve` and as `iransearch` processes) during incremental builds, --full swaps and
# `iranidx check`, every answer checked against the committed states. The long run
# (10,000 searches) is for people: see README, "Guarantees".
source "$(dirname "$0")/lib.sh"
bin_dir=$(dirname "$IRANIDX")

run "$IRAN_SOURCE_DIR/scripts/stress" 1000 200 "$bin_dir" --seed "${STRESS_SEED:-1}" --rounds 16
expect_code 0 "stress: 1,000 searches during builds and swaps"
expect_out " 0 errors, 0 wrong totals, 0 hits for deleted files, 0 check errors" "every answer right"
grep -qE "[1-9][0-9]* by [0-9]+ CLI clients" <<<"$OUT" && pass || fail "some searches ran as iransearch processes"
grep -qE ", [1-9][0-9]* --full swaps" <<<"$OUT" && pass || fail "a --full swap happened during the searches"

finish
