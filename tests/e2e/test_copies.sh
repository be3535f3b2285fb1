#!/usr/bin/env bash
# Syndicated copies: the same story (same or ≥ 90% of the same shingles) shows once with
# "also in", --all-copies shows every one, and the counts say what they count.
source "$(dirname "$0")/lib.sh"

story=$CORPUS/002_7e6563937ee8c686.txt
# An exact copy from another outlet, and a near copy with a changed sentence and a byline.
cp "$story" "$CORPUS/copy-exact.txt"
printf 'source: mehr\n' >"$CORPUS/copy-exact.txt.meta"
{ sed 's/during a press conference in Tehran on November 15/at a briefing in the capital on 15 November/' "$story"
  echo "Reporting by the newsroom."; } >"$CORPUS/copy-near.txt"
printf 'source: irna\n' >"$CORPUS/copy-near.txt.meta"
# The same words in another order is another text: not a copy.
python3 - "$story" "$CORPUS/shuffled.txt" <<'PY'
import random, sys
words = open(sys.argv[1], encoding="utf-8").read().split()
random.Random(1).shuffle(words)
open(sys.argv[2], "w", encoding="utf-8").write(" ".join(words) + "\n")
PY
idx build
expect_code 0 "build"

search sanctions Russia --limit 50
expect_code 0 "search"
expect_eq "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "2" "the story once, plus the shuffled text"
expect_out "also in: " "copies named"
grep -E '^   also in: ' <<<"$OUT" | grep -q "Mehr" && grep -E '^   also in: ' <<<"$OUT" | grep -q "IRNA" && pass || fail "both outlets listed"
expect_out "2 articles match (showing 1-2); 2 syndicated copies of these folded in (--all-copies shows them)." "the count says what it counts"

search sanctions Russia --limit 50 --json
python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert d["total"] == 2 and d["copies_hidden"] == 2, (d["total"], d["copies_hidden"])
assert "stories" in d["counts"]["total"] and "every copy" in d["counts"]["facets"]
hit = [h for h in d["hits"] if h["copies"]][0]
assert hit["copies"] == 2 and sorted(a["path"] for a in hit["also_in"]) == ["copy-exact.txt", "copy-near.txt"], hit["also_in"]
assert sum(v["count"] for v in d["facets"]["lang"]) == 4, "facets count every copy"
' <<<"$OUT" && pass || fail "JSON: total, copies_hidden, also_in, facets over copies"

search sanctions Russia --limit 50 --all-copies --format paths
expect_eq "$(sort <<<"$OUT" | tr '\n' ' ')" "002_7e6563937ee8c686.txt copy-exact.txt copy-near.txt shuffled.txt " "--all-copies shows every copy"
search sanctions Russia --all-copies --count
expect_eq "$OUT" "4" "--count --all-copies counts articles"
search sanctions Russia --count
expect_eq "$OUT" "2" "--count counts stories"
# Exact whatever the page size (Xapian's own figures are estimates once it collapses).
for limit in 0 1 2 50; do
  search sanctions Russia --limit $limit --json
  python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert (d["total"], d["copies_hidden"]) == (2, 2), d["total"]' <<<"$OUT" \
    && pass || fail "total and copies exact with --limit $limit"
done
search Qatar --limit 1 --json
python3 -c 'import json,sys; assert json.loads(sys.stdin.read())["total"] == 1' <<<"$OUT" && pass || fail "a single story is counted once with --limit 1"

# The web server counts from an integer table after its first search (index/facet_table.h):
# totals, folded copies, facets and the histogram are the command line's, search after search.
search sanctions Russia --limit 50 --json --histogram month
# (The program is the here-document; the JSON goes by file: two redirections of stdin
# would leave python3 running the JSON as its program.)
printf '%s' "$OUT" >"$WORK/cli.json"
python3 - "$IRANSEARCH" "$DB" "$WORK" <<'PY' && pass || fail "served counts with copies = the CLI's, first search and later ones"
import json, re, subprocess, sys, time, urllib.request
cli = json.load(open(sys.argv[3] + "/cli.json"))
log = open(sys.argv[3] + "/serve.log", "w+")
proc = subprocess.Popen([sys.argv[1], "serve", "--db", sys.argv[2], "--listen", "127.0.0.1:0"], stdout=subprocess.DEVNULL, stderr=log)
try:
    port = None
    for _ in range(400):
        log.seek(0)
        text = log.read()
        m = re.search(r"serving http://127\.0\.0\.1:(\d+)/", text)
        if m:
            port = m.group(1)
            break
        time.sleep(0.05)
    assert port, "the server did not start"
    keys = ("total", "copies_hidden", "facets", "histogram")
    for _ in range(3):
        url = "http://127.0.0.1:%s/api/search?q=sanctions+Russia&limit=50&facets=1&histogram=month" % port
        served = json.loads(urllib.request.urlopen(url, timeout=30).read())
        for k in keys:
            assert served.get(k) == cli.get(k), (k, served.get(k), cli.get(k))
        assert [h["path"] for h in served["hits"]] == [h["path"] for h in cli["hits"]]
finally:
    proc.terminate()
    proc.wait(timeout=30)
PY

# A filter that keeps only one copy shows it alone, with no "also in".
search sanctions Russia --source irna --limit 50
expect_eq "$(grep -cE '^[0-9]+\. ' <<<"$OUT")" "1" "one copy left after the filter"
grep -q "also in" <<<"$OUT" && fail "no also-in when the other copies are filtered out" || pass

run "$IRANSEARCH" show copy-near.txt --db "$DB"
expect_out "copies: " "show lists the copies"

# Removing the first copy keeps the others together.
rm -f "$story" "$story.meta"
idx build
search sanctions Russia --count
expect_eq "$OUT" "2" "the remaining copies are still one story"

finish
