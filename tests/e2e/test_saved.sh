#!/usr/bin/env bash
# Saved searches: --save NAME, @NAME, --saved, and @NAME --new listing exactly the
# articles indexed since the previous --new run, per index. On a generated corpus.
source "$(dirname "$0")/lib.sh"

python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$CORPUS/gen" 60 --seed 3 >/dev/null
idx build
expect_code 0 "build"

search --save qatar Qatar --lang en
expect_code 0 "--save runs the search too"
expect_err "saved search 'qatar'" "--save says so"
first=$(hit_ids)
[ -f "$XDG_CONFIG_HOME/iranidx/searches/qatar.toml" ] && pass || fail "saved in the config directory"
search @qatar --limit 10
expect_eq "$(hit_ids)" "$first" "@NAME runs the saved search"
search @qatar --format json
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["query"]=="Qatar" and d["filters"]["lang"]==["en"], d["filters"]' <<<"$OUT" && pass || fail "@NAME keeps words and filters"
run "$IRANSEARCH" --saved
expect_out "@qatar" "--saved lists it"
expect_out "Qatar --lang en" "with its arguments"
search @nothing
expect_code 2 "unknown saved search"
expect_err "@nothing: no saved search" "unknown name said"
search --save "../evil" Qatar
expect_code 2 "a name that is a path"
search --new Qatar
expect_code 2 "--new needs a saved search"

# First --new run: everything that matches is new.
search @qatar --new --format paths
expect_code 0 "first --new"
all_now=$(sort <<<"$OUT")
search @qatar --limit 100000 --format paths
expect_eq "$all_now" "$(sort <<<"$OUT")" "first --new lists every match"

# Nothing added: nothing new, and nothing printed (cron mails only when there is news).
search @qatar --new
expect_code 1 "no new articles"
expect_eq "$OUT" "" "silent when nothing is new"

# Add three matching articles and one that does not match; edit and touch old ones.
for n in 1 2 3; do printf 'Iran and Qatar held talks on trade, round %d of the new series.\n' "$n" >"$CORPUS/new-$n.txt"; done
printf 'Iran and Oman discussed shipping.\n' >"$CORPUS/new-other.txt"
old=$(head -1 <<<"$all_now")
echo "An added line about Qatar." >>"$CORPUS/$old"
touch "$CORPUS"/gen/*
idx build
search @qatar --new --format paths
expect_eq "$(sort <<<"$OUT" | tr '\n' ' ')" "new-1.txt new-2.txt new-3.txt " "--new: exactly the articles added since the last run"
search @qatar --new --format paths
expect_code 1 "and then nothing again"

# A --full rebuild keeps the first-indexed times: nothing becomes new.
idx build --full
search @qatar --new --format paths
expect_eq "$OUT" "" "--full rebuild brings no false news"

# The mark is per index: a second index has its own.
DB2=$WORK/index2
run "$IRANIDX" --corpus "$CORPUS" --db "$DB2" build
run "$IRANSEARCH" --db "$DB2" @qatar --new --format paths
[ "$(wc -l <<<"$OUT")" -gt 3 ] && pass || fail "another index: all of its matches are new to it"
search @qatar --new --format paths
expect_code 1 "the first index's mark is untouched"

# A saved search with more arguments on the line: they add to the saved ones.
search @qatar --from 2099 --count
expect_eq "$OUT" "0" "@NAME plus a filter"

finish
