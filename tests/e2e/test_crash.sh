#!/usr/bin/env bash
# A short run of scripts/crash-test (every mode: the first build, early kills, incremental
# builds over a growing corpus, --full, an analyzer upgrade).
# The long runs are for people: see README, "Guarantees". A failure names its seed: replay
# it with `scripts/crash-test 12 200 build/bin --seed N --batch 25`.
source "$(dirname "$0")/lib.sh"
bin_dir=$(dirname "$IRANIDX")

run "$IRAN_SOURCE_DIR/scripts/crash-test" 12 200 "$bin_dir" --seed "${CRASH_SEED:-5}" --batch 25
expect_code 0 "crash test: 12 builds killed, each recovered"
expect_out " 0 failures" "every kill recovered"
for mode in first early incremental full upgrade; do
  grep -qE "^crash-test: $mode +[1-9]" <<<"$OUT" && pass || fail "crash test: no $mode build killed"
done

finish
