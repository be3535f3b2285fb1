#!/usr/bin/env bash
# --json is one parseable object holding the same hits as the text output.
source "$(dirname "$0")/lib.sh"

idx build
search "neighborhood policy" --limit 50
text_ids=$(hit_ids)
search "neighborhood policy" --limit 50 --json
expect_code 0 "json search"
json_ids=$(python3 -c '
import json, sys
doc = json.loads(sys.stdin.read())
assert doc["version"] == 1
assert doc["total"] == len(doc["hits"]), "total vs hits"
for key in ("country", "official", "source", "lang", "month"):
    assert key in doc["facets"], key
print(" ".join(h["path"][:3] for h in doc["hits"]))
' <<<"$OUT")
expect_eq "$json_ids" "$text_ids" "JSON hits equal text hits"

# Facet counts are exact over the whole match set, with several countries per article.
search --limit 1 --json
counts=$(python3 -c '
import json, sys
doc = json.loads(sys.stdin.read())
c = {v["value"]: v["count"] for v in doc["facets"]["country"]}
print(doc["total"], c.get("IR"), c.get("TJ"), c.get("QA"))
' <<<"$OUT")
expect_eq "$counts" "5 5 3 1" "exact facet counts beyond the page"

# One word no article has (a hyphenated one would also be searched as its words).
search 'qzxjvwkq' --json
expect_code 1 "no hits in JSON"
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["hits"]==[] and d["total"]==0' <<<"$OUT" && pass || fail "empty JSON result"

finish
