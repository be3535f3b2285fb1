#!/usr/bin/env bash
# A short run of scripts/crash-test and scripts/concurrency-test (the long runs are for
# people: see README, "Guarantees").
source "$(dirname "$0")/lib.sh"
bin_dir=$(dirname "$IRANIDX")

run "$IRAN_SOURCE_DIR/scripts/crash-test" 5 400 "$bin_dir"
expect_code 0 "crash test: 5 builds killed mid-run, each recovered"
expect_out " 0 failed" "every kill recovered"

run "$IRAN_SOURCE_DIR/scripts/concurrency-test" 4 200 "$bin_dir"
expect_code 0 "concurrency test"
expect_out " 0 failed" "no search failed or mixed revisions"

finish
