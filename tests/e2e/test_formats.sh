#!/usr/bin/env bash
# Output for programs and people: --count, --format text|json|jsonl|csv|tsv|paths (each
# read back by a real parser), --sort, --facet-limit, --histogram day|week|month|year,
# --color.
source "$(dirname "$0")/lib.sh"

idx build
expect_code 0 "build"

search --count
expect_code 0 "count"
expect_eq "$OUT" "5" "--count: the number alone"
search --count Qatar talks
expect_eq "$OUT" "1" "--count with words"
search --count xyzzyqq
expect_code 1 "--count of nothing exits 1"
expect_eq "$OUT" "0" "--count of nothing prints 0"

# Every format holds the same hits in the same order.
search --limit 50
want=$(hit_ids)
search --limit 50 --format paths
expect_eq "$(cut -c1-3 <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')" "$want" "paths: one path a line"
search --limit 50 --format json
expect_eq "$(python3 -c 'import json,sys; print(" ".join(h["path"][:3] for h in json.load(sys.stdin)["hits"]))' <<<"$OUT")" "$want" "json parses"
search --limit 50 --json
expect_eq "$(python3 -c 'import json,sys; print(" ".join(h["path"][:3] for h in json.load(sys.stdin)["hits"]))' <<<"$OUT")" "$want" "--json = --format json"
search --limit 50 --format jsonl
expect_eq "$(python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin.read().splitlines()]
assert all(set(("rank","path","title","snippet","highlights")) <= set(r) for r in rows)
print(" ".join(r["path"][:3] for r in rows))' <<<"$OUT")" "$want" "jsonl: one object a line"
search --limit 50 --format csv
expect_eq "$(python3 -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.stdin.read())))
assert rows and all(r["title"] and r["path"] for r in rows), rows
assert any("," in r["title"] or "," in r["snippet"] for r in rows), "a field with a comma survives"
print(" ".join(r["path"][:3] for r in rows))' <<<"$OUT")" "$want" "csv parses (python csv)"
search --limit 50 --format tsv
expect_eq "$(python3 -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.stdin.read()), delimiter="\t", quoting=csv.QUOTE_NONE))
assert all(len(r) == 13 and None not in r for r in rows), "13 columns a row"
print(" ".join(r["path"][:3] for r in rows))' <<<"$OUT")" "$want" "tsv parses (python csv, tab, no quoting)"
search --format xml
expect_code 2 "unknown format"
expect_err "--format" "bad format named"

# Sorting: newest (and its old name date), oldest with undated last, relevance.
search --sort newest --limit 50
expect_eq "$(hit_ids)" "004 003 000 002 001" "newest first, undated last"
search --sort date --limit 50
expect_eq "$(hit_ids)" "004 003 000 002 001" "date = newest"
search --sort oldest --limit 50
expect_eq "$(hit_ids)" "002 000 003 004 001" "oldest first, undated still last"
search --sort sideways
expect_code 2 "unknown sort order"

# Facets: 10 values in text by default, all in JSON, --facet-limit for both.
search --facets --facet-limit 2
expect_out "more values (--facet-limit 0 shows all)" "text facets cut, with what was left out"
[ "$(sed -n '/^country:/,/^$/p' <<<"$OUT" | grep -c '^  [0-9]')" = 2 ] && pass || fail "two country values shown"
search --json
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert len(d["facets"]["country"]) > 10, len(d["facets"]["country"])' <<<"$OUT" && pass || fail "JSON has every facet value"
search --json --facet-limit 3
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert len(d["facets"]["country"]) == 3' <<<"$OUT" && pass || fail "--facet-limit applies to JSON"

# Histograms at every unit; long empty runs are one line in text, every bucket in JSON.
search --histogram day --json --limit 0
python3 -c '
import json, sys
h = json.loads(sys.stdin.read())["histogram"]
b = {x["period"]: x["count"] for x in h["buckets"]}
assert h["unit"] == "day" and b["2021-12-11"] == 1 and b["2021-12-13"] == 1 and b["2021-12-12"] == 0, b
assert h["month_unknown"] == 2 and h["undated"] == 1, h' <<<"$OUT" && pass || fail "day histogram"
search --histogram week --json --limit 0
python3 -c '
import json, sys
h = json.loads(sys.stdin.read())["histogram"]
b = {x["period"]: x["count"] for x in h["buckets"]}
assert b == {"2021-W49": 1, "2021-W50": 1}, b' <<<"$OUT" && pass || fail "ISO weeks (2021-12-11 is in W49, 2021-12-13 in W50)"
search --histogram month --limit 0
expect_out "4 empty months, 2022-01 to 2022-04" "an empty run is one line"
expect_out "(1 dated by year only)" "year-only articles counted apart"
search --histogram month --limit 0 --json
python3 -c '
import json, sys
b = json.loads(sys.stdin.read())["histogram"]["buckets"]
assert [x["period"] for x in b] == ["2021-12", "2022-01", "2022-02", "2022-03", "2022-04", "2022-05"], b' <<<"$OUT" && pass || fail "JSON keeps every month"
search --histogram year --limit 0
expect_out "2023" "a short empty run stays as bars"
search --histogram fortnight
expect_code 2 "unknown histogram unit"

# Colour: auto is off in a pipe, always forces it, never turns it off.
search Qatar
grep -q $'\x1b' <<<"$OUT" && fail "no escapes in a pipe" || pass
search Qatar --color always
grep -q $'\x1b\[1m' <<<"$OUT" && pass || fail "--color always bolds"
search Qatar --color never
grep -q $'\x1b' <<<"$OUT" && fail "--color never" || pass

finish
