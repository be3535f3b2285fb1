#!/usr/bin/env bash
# --explain shows the query as Xapian runs it, and JSON carries it as "parsed" (issue 8).
source "$(dirname "$0")/lib.sh"

idx build
# A recognised name: its words, and its entity beside them (not one synonym over them).
search --explain --any "Amir Abdollahian"
expect_code 0 "explain search"
head -1 <<<"$OUT" | grep -q '^parsed: Query(' && pass || fail "explain: first line is the parsed query" "$OUT"
expect_out "XPhossein-amir-abdollahian" "explain: the entity term"
expect_out "Zabdollahian" "explain: the name's own word"
grep -q "SYNONYM" <<<"$(head -1 <<<"$OUT")" && fail "explain: no synonym hides the name's words" "$OUT" || pass
hits_text=$(hit_ids)
# The results are those of the same search without --explain.
search --any "Amir Abdollahian"
expect_eq "$(hit_ids)" "$hits_text" "explain changes nothing but the first line"

# JSON: "parsed" is the same description, and --explain adds nothing outside the object.
search --explain --json "Warsaw's Huguenot-descended"
expect_code 1 "explain json (no hits)"
python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
p = d["parsed"]
assert p.startswith("Query("), p
assert "Zwarsaw" in p and "PHRASE" in p and "Zhuguenot" in p, p
' <<<"$OUT" && pass || fail "JSON parsed field" "$OUT"

finish
