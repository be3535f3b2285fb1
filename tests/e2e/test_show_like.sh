#!/usr/bin/env bash
# iransearch show HIT (a rank of the last search, a path, docid:N) and --like PATH.
source "$(dirname "$0")/lib.sh"

idx build
expect_code 0 "build"

search Qatar talks
expect_code 0 "a search to take ranks from"
run "$IRANSEARCH" show 1 --db "$DB"
expect_code 0 "show a rank of the last search"
expect_out "Diplomats from Iranian and Qatari foreign ministries" "the article's title"
expect_out "003_21b21bc7e96fc0af.txt" "its path"
expect_out "countries: Iran, Qatar" "its countries"
expect_out "officials: Ahmed bin Hassan Al-Hammadi, Ali Bagheri Kani" "its officials"
expect_out "indexed: " "when it was indexed"
expect_out "Al-Hammadi stated" "the whole body"
run "$IRANSEARCH" show 7 --db "$DB"
expect_code 2 "a rank the last search did not show"
expect_err "no hit 7" "missing rank named"

run "$IRANSEARCH" show corpus/003_21b21bc7e96fc0af.txt --db "$DB" --format json
expect_code 0 "show a path as typed from the corpus' parent"
id=$(python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert d["path"] == "003_21b21bc7e96fc0af.txt" and "QA" in d["countries"] and len(d["body"]) > 500
print(d["id"])' <<<"$OUT")
[ -n "$id" ] && pass || fail "show --format json"
run "$IRANSEARCH" show "docid:$id" --db "$DB"
expect_out "Diplomats from Iranian and Qatari" "show docid:N"
run "$IRANSEARCH" show nowhere.txt --db "$DB"
expect_code 2 "unknown path"
expect_err "nowhere.txt" "unknown path named"

# More like this: the article's telling terms find its neighbours, never itself.
search --like 003_21b21bc7e96fc0af.txt --limit 50 --format paths
expect_code 0 "--like"
grep -q '^003_' <<<"$OUT" && fail "--like lists the article itself" || pass
[ "$(wc -l <<<"$OUT")" -ge 2 ] && pass || fail "--like finds neighbours"
search --like 003_21b21bc7e96fc0af.txt --lang ar --limit 50 --format paths
expect_eq "$OUT" "001_430bdbc45af02d1a.txt" "--like with a filter"
search --like 003_21b21bc7e96fc0af.txt --from 2024 --limit 50 --format paths
expect_eq "$OUT" "004_6c199e49b80868eb.txt" "--like with a date filter"
search Qatar talks
search --like 1 --limit 50 --format paths
grep -q '^003_' <<<"$OUT" && fail "--like RANK excludes the article" || pass
[ -n "$OUT" ] && pass || fail "--like takes a rank of the last search"
search --like missing.txt
expect_code 2 "--like an unknown article"
expect_err "missing.txt" "--like names it"

finish
