#!/usr/bin/env bash
# Where the programs find the index and the corpus: the command line, then --config FILE,
# then IRANIDX_DB / IRANIDX_CORPUS, then $XDG_CONFIG_HOME/iranidx/config.toml, then
# ~/.config/iranidx/config.toml. An unknown key names the file, the line and the key.
source "$(dirname "$0")/lib.sh"

cat >"$WORK/iranidx.toml" <<TOML
# both programs read this file; each uses the keys it has
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

# The default file: $XDG_CONFIG_HOME first, ~/.config when XDG_CONFIG_HOME has none.
cd "$WORK"   # no ./index here: only the settings can find the index
mkdir -p "$HOME/.config/iranidx"
printf 'db = "%s"\ncorpus = "%s"\n' "$DB" "$CORPUS" >"$HOME/.config/iranidx/config.toml"
run "$IRANSEARCH" --country Qatar
expect_code 0 "~/.config/iranidx/config.toml found"
expect_eq "$(hit_ids)" "003" "~/.config db used"
run "$IRANIDX" status
expect_code 0 "iranidx reads the same file"
mkdir -p "$XDG_CONFIG_HOME/iranidx"
printf 'db = "%s"\n' "$WORK/xdg-index" >"$XDG_CONFIG_HOME/iranidx/config.toml"
run "$IRANSEARCH" --country Qatar
expect_code 2 "\$XDG_CONFIG_HOME wins over ~/.config"
expect_err "no index at $WORK/xdg-index" "XDG db named"

# The environment wins over the default file; --config FILE wins over the environment.
run env IRANIDX_DB="$DB" "$IRANSEARCH" --country Qatar
expect_code 0 "IRANIDX_DB wins over the default file"
expect_eq "$(hit_ids)" "003" "IRANIDX_DB used"
run env IRANIDX_DB="$WORK/env-index" "$IRANSEARCH" --config "$WORK/iranidx.toml" --country Qatar
expect_code 0 "--config wins over IRANIDX_DB"
run env IRANIDX_DB="$WORK/env-index" "$IRANSEARCH" --db "$DB" --country Qatar
expect_code 0 "--db wins over IRANIDX_DB"
run env IRANIDX_DB="$DB" IRANIDX_CORPUS="$CORPUS" "$IRANIDX" build
expect_code 0 "iranidx takes IRANIDX_DB and IRANIDX_CORPUS"
expect_out "(index unchanged)" "the same index, found through the environment"

# Display settings are keys too; the command line still wins.
printf 'db = "%s"\nlimit = 1\nformat = "paths"\n' "$DB" >"$XDG_CONFIG_HOME/iranidx/config.toml"
run "$IRANSEARCH" Iran
expect_eq "$(wc -l <<<"$OUT")" "1" "limit and format from the config file"
run "$IRANSEARCH" Iran --limit 2 --format paths
expect_eq "$(wc -l <<<"$OUT")" "2" "--limit wins over the file"

# Mistakes are errors that point at the line.
printf '# settings\ndb = "%s"\ndbb = "/tmp/x"\n' "$DB" >"$XDG_CONFIG_HOME/iranidx/config.toml"
run "$IRANSEARCH" Qatar
expect_code 2 "unknown key is an error"
expect_err "$XDG_CONFIG_HOME/iranidx/config.toml:3: unknown key 'dbb'" "file, line and key named"
run "$IRANIDX" build
expect_code 2 "iranidx refuses it too"
expect_err "config.toml:3: unknown key 'dbb'" "iranidx names file, line and key"
printf 'db = "%s\n' "$DB" >"$XDG_CONFIG_HOME/iranidx/config.toml"
run "$IRANSEARCH" Qatar
expect_code 2 "unterminated string"
expect_err "config.toml:1: unterminated string" "syntax error placed"
printf 'limit = "many"\n' >"$XDG_CONFIG_HOME/iranidx/config.toml"
run "$IRANSEARCH" Qatar
expect_code 2 "a bad value"
expect_err "config.toml:1: 'limit'" "bad value placed"
printf '[search]\ndb = "x"\n' >"$XDG_CONFIG_HOME/iranidx/config.toml"
run "$IRANSEARCH" Qatar
expect_code 2 "sections are refused"
expect_err "config.toml:1:" "section line named"

finish
