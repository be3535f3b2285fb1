#!/usr/bin/env bash
# Options from a config file (TOML, read by CLI11); the command line wins over it.
source "$(dirname "$0")/lib.sh"

cat >"$WORK/iranidx.toml" <<TOML
# both programs read the keys they know and ignore the others
corpus = "$CORPUS"
db = "$DB"
TOML
run "$IRANIDX" --config "$WORK/iranidx.toml" build
expect_code 0 "build from a config file"
expect_out "added 5" "config paths used"
run "$IRANSEARCH" --config "$WORK/iranidx.toml" --country Qatar
expect_code 0 "search from a config file"
expect_eq "$(hit_ids)" "003" "config db used"

run "$IRANSEARCH" --config "$WORK/iranidx.toml" --db "$WORK/elsewhere" Qatar
expect_code 2 "the command line wins over the config file"
expect_err "no index at $WORK/elsewhere" "overridden db named"

run "$IRANSEARCH" --config "$WORK/missing.toml" Qatar
expect_code 2 "missing config file"
expect_err "missing.toml" "missing config file named"

finish
