#!/usr/bin/env bash
# A real bulk dump as one file: a slice of SaudiNewsNet (../shared/data), xz-compressed
# as shipped. Source and month facets must match the records; a dump that gains lines
# adds only those; a second build reads nothing. (The whole dump, by hand: README.)
source "$(dirname "$0")/lib.sh"

DATA=${IRAN_SHARED_DIR:-$IRAN_SOURCE_DIR/../shared}/data/saudinewsnet/saudinewsnet.jsonl.xz
[ -f "$DATA" ] || { echo "skip: $DATA not found"; exit 0; }
LINES=${IRAN_DUMP_LINES:-1000}
rm -rf "$CORPUS" && mkdir -p "$CORPUS"
# Every 20th record, so that the slice spans the whole crawl (July and August 2015).
xz -dc "$DATA" | awk -v n="$LINES" 'NR % 20 == 1 && c++ < n' >"$WORK/slice.jsonl"
head -n $(( $(wc -l <"$WORK/slice.jsonl") - 100 )) "$WORK/slice.jsonl" | xz -1 >"$CORPUS/saudinewsnet.jsonl.xz"

# What the facets must say, from the records themselves: one article per record with
# text or a title; the newspaper code as its source (the Saudi Press Agency's code "was" is spa);
# every record dated in July or August 2015 (URL date, dateline, else crawl time).
expected() {
  python3 - "$1" <<'PY'
import json, sys, collections
src = collections.Counter(); n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if not r["content"].strip() and not r["title"].strip(): continue
    n += 1
    src[{"was": "spa"}.get(r["source"], r["source"])] += 1
print(n)
print(" ".join("%s=%d" % kv for kv in sorted(src.items())))
PY
}
facets() {
  "$IRANSEARCH" --db "$DB" --json --facets --all-copies --limit 1 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["total"])
print(" ".join("%s=%d" % (f["value"], f["count"]) for f in sorted(d["facets"]["source"], key=lambda f: f["value"])))
print(" ".join(sorted(f["value"] for f in d["facets"]["month"])))'
}

idx build
head -n $(( $(wc -l <"$WORK/slice.jsonl") - 100 )) "$WORK/slice.jsonl" >"$WORK/first.jsonl"
want=$(expected "$WORK/first.jsonl")
got=$(facets)
added=$(grep -oE 'added [0-9]+' <<<"$OUT" | cut -d' ' -f2)
expect_eq "$added" "$(head -1 <<<"$want")" "every record with text added"
expect_eq "$(sed -n 1p <<<"$got")" "$(head -1 <<<"$want")" "one article per record"
expect_eq "$(sed -n 2p <<<"$got")" "$(sed -n 2p <<<"$want")" "source facet counts match the records"
expect_eq "$(sed -n 3p <<<"$got")" "2015-07 2015-08" "every record dated in July or August 2015"

idx build
expect_out "(index unchanged)" "second build reads nothing"

# The dump gains its last 100 lines: only they are added.
xz -1 <"$WORK/slice.jsonl" >"$CORPUS/saudinewsnet.jsonl.xz"
idx build
new=$(( $(head -1 <<<"$(expected "$WORK/slice.jsonl")") - $(head -1 <<<"$want") ))
expect_out "added $new, updated 0, deleted 0, unchanged $(head -1 <<<"$want")" "a dump that gains lines adds only those"
got=$(facets)
expect_eq "$(sed -n 2p <<<"$got")" "$(sed -n 2p <<<"$(expected "$WORK/slice.jsonl")")" "source facets after the append"

finish
