#!/usr/bin/env bash
# Nothing raw to the terminal, JSON that always parses (issue 15): file names and article
# text with terminal escapes, carriage returns, bidi overrides, C1 controls, newlines that
# would forge a summary line, bytes that are not UTF-8, and 0x01 / 0x02 bytes (the old
# highlight markers), through every printer: iranidx build (normal, --verbose, --json),
# status, check, show, entities; iransearch text, csv, tsv, paths, --print0, json, jsonl,
# show (text and json), a query that is not UTF-8; the server's log and API.
source "$(dirname "$0")/lib.sh"
SAFE="python3 $(dirname "$0")/terminal_safe.py"
safe() { $SAFE "$@" && pass || fail "$what: raw control, bidi or non-UTF-8 bytes reach the terminal"; }

word=zanzibarite
forge=$'forge\niranidx: added 99, updated 0, deleted 0, unchanged 0, failed 0 in 0.01 s\n.txt'
osc=$'osc\e]0;pwned\a\e[31mred.txt'
bidi=$'bidi\xe2\x80\xaetxt.exe.txt'
cr=$'cr\rfake.txt'
c1=$'c1\xc2\x9b31m.txt'
badname=$'bad\xff\xfename.txt'
for name in "$forge" "$osc" "$bidi" "$cr" "$c1" "$badname"; do
  printf 'Report on %s from the coast\n\nThe %s reporter filed this from the coast of Qatar.\n' "$word" "$word" >"$CORPUS/$name"
done
# Article text with escapes in the title and body, 0x01/0x02 around a word, C1 CSI.
printf '%s\n\n%s\n' $'Evil \e[2J\e]0;owned\a title about zanzibarite \xe2\x80\xae' \
  $'The body says \x01bold\x02 and \x01more\x02 about zanzibarite, with \xc2\x9b31m and \e[5m blink.' \
  >"$CORPUS/escapes.txt"
printf 'source: %s\n' $'evil\e[31msource' >"$CORPUS/escapes.txt.meta"
hits=7

# --- iranidx build: normal, --verbose, --json --------------------------------------------
what="iranidx build --verbose"
idx build --verbose
expect_code 0 "$what"
safe <<<"$OUT"
safe <<<"$ERR"
expect_eq "$(grep -cE '^iranidx: added [0-9]+, updated' <<<"$OUT"$'\n'"$ERR")" 1 "$what: a name with newlines forges no summary line"
expect_err 'added "forge\niranidx: added 99' "$what: the odd name is quoted with visible escapes"
expect_err 'added "osc\x1b]0;pwned\x07\x1b[31mred.txt"' "$what: ESC and BEL shown as \\x1b, \\x07"
expect_err 'added "bidi\u202etxt.exe.txt"' "$what: a bidi override shown as \\u202e"
expect_err 'added "bad\xff\xfename.txt"' "$what: bytes that are not UTF-8 shown as \\xNN"
expect_err 'added "c1\u009b31m.txt"' "$what: a C1 control shown as \\u009b"

what="iranidx build --json after a touch"
touch "$CORPUS/$badname" "$CORPUS/$osc"
printf 'other words\n' >>"$CORPUS/$cr"
idx build --full --json
expect_code 0 "$what"
python3 -c '
import json, sys
r = json.loads(sys.stdin.buffer.read().decode("utf-8"))
assert r["failed"] == 0 and r["added"] >= 7, r
' <<<"$OUT" && pass || fail "$what: JSON that parses"

# A file that fails, with an odd name: the error line is one escaped line.
what="a failing file with an odd name"
printf 'bin\0ary' >"$CORPUS/"$'fail\e[31m\nfailed 0.txt'
idx build
expect_code 1 "$what"
safe <<<"$ERR"
expect_err 'corpus/fail\x1b[31m\nfailed 0.txt": binary file' "$what: named quoted"
expect_eq "$(grep -c '^failed 0' <<<"$ERR")" 0 "$what: no forged line"
rm -f "$CORPUS/"$'fail\e[31m\nfailed 0.txt'
idx build

# --- status, check, show, entities --------------------------------------------------------
printf 'New %s article\n\nAbout %s.\n' "$word" "$word" >"$CORPUS/"$'new\e[32m.txt'
what="iranidx status"
idx status
safe <<<"$OUT$ERR"
expect_out "pending:       1 new" "$what: counts the new file"
what="iranidx check"
idx check
expect_code 1 "$what"
safe <<<"$OUT$ERR"
expect_out '"new\x1b[32m.txt": not indexed' "$what: names the file quoted"
rm -f "$CORPUS/"$'new\e[32m.txt'
what="iranidx show"
idx show "$CORPUS/escapes.txt"
expect_code 0 "$what"
safe <<<"$OUT"
expect_out 'title:    Evil \x1b[2J\x1b]0;owned\x07 title' "$what: the title escaped"
expect_out '(evil\x1b[31msource)' "$what: the sidecar's source escaped"
what="iranidx entities"
idx entities "$CORPUS/escapes.txt"
expect_code 0 "$what"
safe <<<"$OUT"

# --- iransearch: text, csv, tsv, paths, --print0 -------------------------------------------
what="iransearch text"
search "$word" --all-copies --limit 20
expect_code 0 "$what"
safe <<<"$OUT"
expect_out 'Evil \x1b[2J\x1b]0;owned\x07 title about zanzibarite \u202e' "$what: the title escaped"
expect_out '\x01bold\x02' "$what: the text's own 0x01 / 0x02 are shown escaped, not taken as markers"
expect_out '"osc\x1b]0;pwned\x07\x1b[31mred.txt"' "$what: the path quoted"
expect_out "$hits articles match" "$what: every hit"

what="iransearch text, copies folded"
search "$word"
expect_code 0 "$what"
safe <<<"$OUT"
expect_out 'also in: ' "$what: copies listed"
expect_out 'bidi\u202etxt.exe.txt' "$what: a copy's name escaped"

what="iransearch text --color always"
search "$word" --all-copies --limit 20 --color always
safe --bold <<<"$OUT"
# Bold is on for each title and each matched word, and only there: the 0x01 of "bold" in
# the text opens no highlight.
python3 -c '
import re, sys
out = sys.stdin.buffer.read().decode("utf-8")
spans = re.findall(r"\x1b\[1m(.*?)\x1b\[0m", out)
words = [s for s in spans if not re.match(r"^(Report on|Evil|New)", s)]
assert words and all(w.lower() == "zanzibarite" for w in words), spans
assert out.count("\x1b[1m") == out.count("\x1b[0m")
' <<<"$OUT" && pass || fail "$what: highlights only where the query matched"

for fmt in csv tsv; do
  what="iransearch --format $fmt"
  search "$word" --all-copies --limit 20 --format $fmt
  expect_code 0 "$what"
  safe <<<"$OUT"
  expect_eq "$(wc -l <<<"$OUT")" $((hits + 1)) "$what: a header and one line a hit"
done
expect_out '	osc\x1b]0;pwned\x07\x1b[31mred.txt	' "tsv: the path escaped"

what="iransearch --format paths"
search "$word" --all-copies --limit 20 --format paths
expect_code 0 "$what"
safe <<<"$OUT"
expect_eq "$(wc -l <<<"$OUT")" "$hits" "$what: one line a hit, none forged"
expect_out "escapes.txt" "$what: a plain name as it is"
expect_out '"forge\niranidx: added 99' "$what: an odd name quoted"
expect_err "6 paths hold control, bidi or non-UTF-8 characters, shown quoted; --print0" "$what: says so on stderr"
# A plain name goes through xargs as it is.
(cd "$CORPUS" && "$IRANSEARCH" --db "$DB" "$word" --all-copies --limit 20 --format paths 2>/dev/null | grep -v '^"' | xargs cat) \
  | grep -q "The body says" && pass || fail "$what | xargs: plain names work"

what="iransearch -0"
"$IRANSEARCH" --db "$DB" "$word" --all-copies --limit 20 -0 >"$WORK/paths0"
python3 - "$WORK/paths0" "$CORPUS" <<'PY' && pass || fail "$what: NUL-separated exact names, each a file"
import os, sys
names = open(sys.argv[1], "rb").read().split(b"\0")
assert names[-1] == b"", names
names = names[:-1]
assert len(names) == 7, names
for n in names:
    assert os.path.isfile(os.path.join(sys.argv[2].encode(), n)), n
assert b"bad\xff\xfename.txt" in names and b"forge\niranidx: added 99" in b"".join(names)
PY
search "$word" -0 --format json
expect_code 2 "--print0 with --format json is a usage error"

# --- JSON: always parses; path_bytes for names that are not UTF-8 -------------------------
what="iransearch --json"
search "$word" --all-copies --limit 20 --json
expect_code 0 "$what"
json_out=$OUT
safe <<<"$OUT"
# The program is the here-document; the JSON goes by file (a second redirection of stdin
# would make python3 run the JSON as its program).
printf '%s' "$OUT" >"$WORK/search.json"
python3 - "$WORK/search.json" <<'PY' && pass || fail "$what: valid UTF-8 JSON, path_bytes exact, snippets without stray markers"
import json, sys
doc = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))  # strict: invalid UTF-8 raises
hits = {h["path"]: h for h in doc["hits"]}
bad = [h for h in doc["hits"] if "path_bytes" in h]
assert len(bad) == 1, [h["path"] for h in bad]
assert bytes.fromhex(bad[0]["path_bytes"]) == b"bad\xff\xfename.txt", bad[0]
assert bad[0]["path"] == "bad\ufffd\ufffdname.txt", bad[0]["path"]
assert "forge\niranidx: added 99, updated 0, deleted 0, unchanged 0, failed 0 in 0.01 s\n.txt" in hits
e = hits["escapes.txt"]
assert "\x01bold\x02" in e["snippet"], e["snippet"]
assert all(w.lower() == "zanzibarite" for w in e["highlights"]) and e["highlights"], e["highlights"]
assert e["title"].startswith("Evil \x1b[2J"), e["title"]
assert e["source"] == "evil\x1b[31msource" or e["source_name"] == "evil\x1b[31msource", e
PY
search "$word" --all-copies --limit 20 --format jsonl
python3 -c '
import json, sys
lines = sys.stdin.buffer.read().decode("utf-8").splitlines()
assert len(lines) == 7 and all(json.loads(l) for l in lines)
' <<<"$OUT" && pass || fail "--format jsonl: one valid object a hit"

what="show --format json of a name that is not UTF-8"
docid=$(python3 -c '
import json, sys
print([h for h in json.loads(sys.stdin.read())["hits"] if "path_bytes" in h][0]["docid"])' <<<"$json_out")
run "$IRANSEARCH" show --db "$DB" "docid:$docid" --format json
expect_code 0 "$what"
python3 -c '
import json, sys
a = json.loads(sys.stdin.buffer.read().decode("utf-8"))
assert bytes.fromhex(a["path_bytes"]) == b"bad\xff\xfename.txt", a
' <<<"$OUT" && pass || fail "$what: parses, with path_bytes"
what="show (text) of the escapes article"
run "$IRANSEARCH" show --db "$DB" escapes.txt --color always
expect_code 0 "$what"
safe --bold <<<"$OUT"
expect_out '\x01bold\x02' "$what: the body's bytes escaped"

what="a query that is not UTF-8"
search $'zanz\xffibarite' --json
expect_code 2 "$what"
expect_eq "$OUT" "" "$what: nothing on stdout"
expect_err "the query is not valid UTF-8 (byte 0xff at offset 4)" "$what: the error says why"
safe <<<"$ERR"
search $'zanz\xffibarite'
expect_code 2 "$what (text)"
search "$word" --country $'Qa\xfftar' --json
expect_code 2 "a filter that is not UTF-8"

# --- the server: its log and its API ----------------------------------------------------------
what="iransearch serve"
odd_db="$WORK/"$'db\e[31m'
ln -s "$DB" "$odd_db"
python3 - "$IRANSEARCH" "$odd_db" "$WORK" "$SAFE" <<'PY' && pass || fail "$what: an escaped log, JSON that parses, path_bytes"
import http.client, json, os, re, signal, subprocess, sys, time, urllib.parse
iransearch, db, work, safe = sys.argv[1:5]
log = open(os.path.join(work, "serve.err"), "w+b")
proc = subprocess.Popen([iransearch, "serve", "--db", db, "--listen", "127.0.0.1:0"], stdout=subprocess.DEVNULL, stderr=log)
port = None
deadline = time.time() + 120
while port is None and time.time() < deadline and proc.poll() is None:
    log.seek(0)
    text = log.read()
    m = re.search(rb"serving http://127\.0\.0\.1:(\d+)/", text)
    if m:
        port = int(m.group(1))
    time.sleep(0.05)
try:
    assert port, log.read()
    def get(path):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", path)
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, json.loads(body.decode("utf-8"))
    status, doc = get("/api/search?q=zanzibarite&limit=20&all_copies=1")
    assert status == 200 and doc["total"] == 7, doc
    bad = [h for h in doc["hits"] if "path_bytes" in h]
    assert len(bad) == 1 and bytes.fromhex(bad[0]["path_bytes"]) == b"bad\xff\xfename.txt", bad
    status, art = get("/api/article?id=%d&q=zanzibarite" % bad[0]["docid"])
    assert status == 200 and bytes.fromhex(art["path_bytes"]) == b"bad\xff\xfename.txt", art
    esc = [h for h in doc["hits"] if h["path"] == "escapes.txt"][0]
    status, art = get("/api/article?path=escapes.txt&q=zanzibarite")
    text = "".join(s["text"] for s in art["segments"])
    marked = [s["text"] for s in art["segments"] if s.get("highlight")]
    assert "\x01bold\x02" in text and marked and all(m.lower() == "zanzibarite" for m in marked), art["segments"]
    status, err = get("/api/search?q=" + urllib.parse.quote(b"zanz\xff"))
    assert status == 400 and "UTF-8" in err["error"], err
    status, err = get("/api/search?" + urllib.parse.quote("q\u202e", safe="") + "=1")
    assert status == 400, err
finally:
    os.kill(proc.pid, signal.SIGTERM)
    proc.wait(timeout=20)
log.seek(0)
text = log.read()
assert b"\\x1b[31m" in text, text
assert subprocess.run(safe.split(), input=text).returncode == 0, text
PY

# --- show --format json: a syndicated copy whose name is not UTF-8 ---------------------------
what="show --format json, a copy named with bytes that are not UTF-8"
story='The quokkaline delegation met officials in Doha to discuss gas exports, shipping lanes, port fees and a new customs agreement for the coming year.'
printf 'Quokkaline talks\n\n%s\n' "$story" >"$CORPUS/quokka-first.txt"
printf 'Quokkaline talks\n\n%s\n' "$story" >"$CORPUS/"$'quokka\xfd.txt'
idx build --quiet
expect_code 0 "$what: build"
search quokkaline --all-copies --json
ids=$(python3 -c 'import json,sys; print(" ".join(str(h["docid"]) for h in json.loads(sys.stdin.read())["hits"]))' <<<"$OUT")
found=0
for id in $ids; do
  run "$IRANSEARCH" show --db "$DB" "docid:$id" --format json
  python3 -c '
import json, sys
a = json.loads(sys.stdin.buffer.read().decode("utf-8"))
sys.exit(0 if "copies_bytes" in a else 3)' <<<"$OUT" && { found=1; break; }
done
[ "$found" = 1 ] && pass || fail "$what: no copies_bytes in the article holding the copy"
python3 -c '
import json, sys
a = json.loads(sys.stdin.buffer.read().decode("utf-8"))
i = [n for n, b in enumerate(a["copies_bytes"]) if b is not None]
assert len(i) == 1 and bytes.fromhex(a["copies_bytes"][i[0]]) == b"quokka\xfd.txt", a
assert a["copies"][i[0]] == "quokka\ufffd.txt", a["copies"]
' <<<"$OUT" && pass || fail "$what: copies_bytes gives the exact name"

finish
