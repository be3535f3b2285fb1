#!/usr/bin/env bash
# The round-trip property through the real binaries: every distinct word of every article
# in corpus/ as indexed (`iranidx show`: boilerplate such as licence lines is not part of
# the article), typed as a query, finds that article; so does its Arabic spelling with
# harakat, with hamza-on-alef, and in Persian letters.
source "$(dirname "$0")/lib.sh"

idx build
expect_code 0 "build"

python3 - "$IRANSEARCH" "$DB" "$CORPUS" "$IRANIDX" >"$WORK/roundtrip.out" <<'PY'
import concurrent.futures, json, os, re, subprocess, sys

search, db, corpus, indexer = sys.argv[1:5]
OPERATORS = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}  # query syntax when uppercase
EDGE = "\"'“”‘’«»()[]{}.,;:!?؟،؛-—–/…*"

def variants(word):
    yield word
    if re.search("[\u0600-\u06ff]", word):
        yield word[0] + "\u064e" + word[1:]               # a fatha after the first letter
        yield word.replace("ا", "أ", 1)                     # hamza on the first alef
        yield word.replace("ي", "ی").replace("ك", "ک")     # Persian letters

def hits(query):
    out = subprocess.run([search, "--db", db, "--limit", "1000", "--json", "--", query],
                         capture_output=True, text=True)
    if out.returncode > 1:
        return None, out.stderr.strip()
    return {h["path"] for h in json.loads(out.stdout)["hits"]}, ""

jobs = []
for name in sorted(os.listdir(corpus)):
    if not name.endswith(".txt"):
        continue
    shown = subprocess.run([indexer, "show", os.path.join(corpus, name)], capture_output=True,
                           text=True, check=True).stdout
    body = shown.split("\n---\n", 1)[1]
    words = {w.strip(EDGE) for w in body.split()}
    for w in sorted(words):
        if not w or w in OPERATORS or not re.search(r"\w", w):
            continue
        for v in set(variants(w)):
            jobs.append((name, w, v))

failures = []
with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
    for (name, word, variant), (found, err) in zip(jobs, pool.map(lambda j: hits(j[2]), jobs)):
        if found is None or name not in found:
            failures.append("%s: %r (as %r) %s" % (name, word, variant, err or "not found"))
print("queries: %d, failures: %d" % (len(jobs), len(failures)))
for f in failures[:40]:
    print("  " + f)
PY
OUT=$(cat "$WORK/roundtrip.out")
grep -q "failures: 0" <<<"$OUT" && pass || { fail "every word finds its article"; cat "$WORK/roundtrip.out" >&2; }

finish
