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
# The settings every command takes may come before it, as with git -C: still the command.
run "$IRANSEARCH" --db "$DB" show 1
expect_code 0 "--db DIR before show"
expect_out "Diplomats from Iranian and Qatari foreign ministries" "--db DIR show RANK shows the article"
run "$IRANSEARCH" --db="$DB" show 003_21b21bc7e96fc0af.txt --format json
python3 -c 'import json,sys; assert json.loads(sys.stdin.read())["path"] == "003_21b21bc7e96fc0af.txt"' <<<"$OUT" && pass || fail "--db=DIR show PATH"
printf 'db = "%s"\n' "$DB" >"$WORK/settings.toml"
run "$IRANSEARCH" --config "$WORK/settings.toml" show 1
expect_out "Diplomats from Iranian and Qatari foreign ministries" "--config FILE show RANK"
# After any other option the word is a query word, as before.
run "$IRANSEARCH" --db "$DB" --lang en show --json
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["query"] == "show" and d["filters"]["lang"] == ["en"]' <<<"$OUT" && pass || fail "--lang en show: a search for the word"
run "$IRANSEARCH" --db "$DB" -- show
grep -qE "articles? match" <<<"$OUT" && pass || fail "--db DIR -- show: a search for the word"
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

# --like combines with every filter, on a generated corpus: each filter keeps only the
# articles it names, and leaves some.
python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$CORPUS/gen" 120 --seed 7 >/dev/null
idx build
like_check() {  # like_check PYTHON-CONDITION-ON-h FILTER...
  local cond=$1
  shift
  search --like 003_21b21bc7e96fc0af.txt "$@" --limit 1000 --json
  python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
cond = sys.argv[1]
assert d["hits"], "no hits"
assert all(eval(cond, {"h": h}) for h in d["hits"]), [h["path"] for h in d["hits"] if not eval(cond, {"h": h})]
assert not any(h["path"].startswith("003_") for h in d["hits"])' "$cond" <<<"$OUT" && pass || fail "--like with $*"
}
like_check '"TJ" in h["countries"]' --country Tajikistan
like_check '"ebrahim-raisi" in h["officials"]' --official Raisi
like_check 'h["source"] == "mehr"' --source mehr
like_check 'h["lang"] == "ar"' --lang ar
like_check 'h["date"][:4] == "2022"' --from 2022 --to 2022
like_check '"QA" in h["countries"] and h["lang"] == "en"' --country Qatar --lang en
search --like 003_21b21bc7e96fc0af.txt --any --sort oldest --format csv --limit 5
python3 -c 'import csv,io,sys; rows=list(csv.DictReader(io.StringIO(sys.stdin.read()))); d=[r["date"] for r in rows if r["date"]]; assert rows and d == sorted(d), d' <<<"$OUT" && pass || fail "--like with --sort oldest and CSV"

finish
