#!/usr/bin/env bash
# One search over 4 shards, local and served by Debian's stock xapian-tcpsrv and
# xapian-progsrv, gives the same answers as one index of the same articles: totals,
# hits in order, scores, every facet count, histograms, filters, cross-script names.
# Then: the version checks name the shard, a stopped or hung server is named (and
# --partial answers without it).
source "$(dirname "$0")/lib.sh"
command -v xapian-tcpsrv >/dev/null || { echo "SKIP: xapian-tcpsrv not installed (package xapian-tools)"; exit 0; }

SHARED=${IRAN_SHARED_DIR:-$IRAN_SOURCE_DIR/../shared}
python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$CORPUS/gen" 300 --seed 12 >/dev/null
if [ -d "$SHARED/data/saudinewsnet" ]; then
  python3 "$IRAN_SOURCE_DIR/scripts/bench-corpus" "$SHARED/data" "$CORPUS/shared" 150
fi

PIDS=()
stop_servers() { for p in "${PIDS[@]}"; do kill -CONT "$p" 2>/dev/null; kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap 'stop_servers; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

# One combined index, and 4 shards of the same files (same relative paths) split by a
# hash of the path.
idx build --quiet
expect_code 0 "combined build"
for k in 0 1 2 3; do mkdir -p "$WORK/part$k"; done
(cd "$CORPUS" && find . -type f -name '*.txt' | sort | while read -r f; do
  k=$(( $(printf '%s' "$f" | cksum | cut -d' ' -f1) % 4 ))
  mkdir -p "$WORK/part$k/$(dirname "$f")"
  cp "$f" "$WORK/part$k/$f"
  [ -f "$f.meta" ] && cp "$f.meta" "$WORK/part$k/$f.meta"
done)
for k in 0 1 2 3; do
  run "$IRANIDX" --corpus "$WORK/part$k" --db "$WORK/shard$k" build --quiet
  expect_code 0 "shard $k build"
done

# Servers on free ports of 127.0.0.1, started as an operator would (scripts/serve-shards:
# each in its own session, since xapian-tcpsrv kills its whole process group on
# SIGTERM), serving the index directories (the server follows their generation stub).
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORTS=()
for k in 0 1 2 3; do PORTS+=("$(free_port)"); done
run "$IRAN_SOURCE_DIR/scripts/serve-shards" start --interface 127.0.0.1 --run-dir "$WORK/run" \
  "${PORTS[0]}:$WORK/shard0" "${PORTS[1]}:$WORK/shard1" "${PORTS[2]}:$WORK/shard2" "${PORTS[3]}:$WORK/shard3"
expect_code 0 "serve-shards start"
for k in 0 1 2 3; do PIDS+=("$(cat "$WORK/run/shard-${PORTS[$k]}.pid")"); done
run "$IRAN_SOURCE_DIR/scripts/serve-shards" start --run-dir "$WORK/run" "1:$WORK/shard0"
expect_code 2 "serve-shards refuses to start without --interface"
expect_err "--interface" "serve-shards names the missing interface"

printf 'remote 127.0.0.1:%s\n' "${PORTS[@]}" >"$WORK/remote.stub"
printf 'auto shard%s\n' 0 1 2 3 >"$WORK/local.stub"
{ echo "# two local, two served"; echo "auto shard0"; echo "remote 127.0.0.1:${PORTS[1]}";
  echo "auto shard2"; echo "remote 127.0.0.1:${PORTS[3]}"; } >"$WORK/mixed.stub"
for k in 0 1 2 3; do echo "remote :xapian-progsrv $WORK/shard$k/$(awk '{print $2}' "$WORK/shard$k/XAPIANDB")"; done >"$WORK/prog.stub"

# The JSON of a search without what legitimately differs (README "Many machines"):
# snippets (chosen without Xapian's background model over remote shards), docids and
# ingestion stamps, did-you-mean, and the shard counts. Scores are compared to 9
# significant digits, order exactly. Searches run with --all-copies: syndicated copies
# get their key when built, against the database being built, so shards built apart
# do not know each other's copies.
normalized() {
  python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
d.pop("shards", None)
# Did-you-mean comes from the Xapian spelling data, which remote shards do not serve (the
# client catalog holds the gazetteer spellings only) and which a stub of local
# shards sums per shard.
d.pop("suggestion", None); d.pop("suggestion_names", None)
for h in d["hits"]:
    h.pop("snippet"); h.pop("highlights")
    h.pop("docid", None)    # where the article sits in this layout
    h.pop("indexed", None)  # when the build that holds it first saw it
    h["score"] = float("%.9g" % h["score"])
print(json.dumps(d, sort_keys=True, ensure_ascii=False))'
}

SEARCHES=(
  "Qatar"                              # English name: expands to the entity, both scripts
  "قطر"                                # Arabic name
  "Tajikistan"
  "طاجيكستان"
  "iran"                               # lowercase name: synonyms through the stem key
  "Raisi"                              # official
  "رئيسي"
  "\"strategic partnership\""          # phrase
  "العلاقات"                           # Arabic word
  "oil prices"                         # words (Reuters)
  "Iran AND NOT Qatar"
  "title:iran"
  "country:QA talks"                   # field syntax
  "year:2021"
  "date:2020..2022"
  "--country Qatar"                    # no query: newest first, many equal scores
  "--country قطر --lang ar"
  "--country Russia,Turkey"
  "--official 'Ali Bagheri Kani'"
  "--source reuters"
  "--lang en --from 2021 --to 2023"
  "--from 2020-03"
  "iran --sort date"
  "iran --offset 10 --limit 5"
  "--offset 20 --limit 7"
  "--sort relevance --limit 40"        # all scores equal: the tie-break decides the order
  "iran --histogram month"
  "--histogram year"
  "Putin --lang ar --facets"
  # Names no gazetteer lists, read as names from the index's statistics: over remote
  # shards that verdict comes with the main match, which then runs again with the keys
  # (NameKeyCache::defer); one index decides first. Same answers either way.
  "Reagan --facets"
  "عبدالله --offset 3 --limit 5"
  "'الملك سلمان' --sort date --histogram year"
)
compare() {  # compare NAME STUB
  local name=$1 stub=$2 equal=0
  for s in "${SEARCHES[@]}"; do
    eval "args=($s)"
    run "$IRANSEARCH" --db "$DB" --json --all-copies "${args[@]}"
    local one=$OUT one_code=$CODE
    [ "$one_code" = 2 ] && { fail "one index: $s"; continue; }
    run "$IRANSEARCH" --db "$stub" --json --all-copies "${args[@]}"
    if [ "$CODE" = "$one_code" ] && [ "$(normalized <<<"$OUT")" = "$(normalized <<<"$one")" ]; then
      equal=$((equal + 1)); pass
    else
      fail "$name differs from one index: $s" "$(diff <(normalized <<<"$one" | tr ',' '\n') <(normalized <<<"$OUT" | tr ',' '\n') | head -8)"
    fi
  done
  echo "$name: $equal of ${#SEARCHES[@]} searches equal one index"
}
if [ -d "$SHARED/data/saudinewsnet" ]; then  # those names are in the shared articles
  for q in Reagan عبدالله; do
    run "$IRANSEARCH" --db "$WORK/remote.stub" --json --limit 1 "$q"
    grep -q '"parsed":"[^"]*XN' <<<"$OUT" && pass || fail "$q is read as a name over remote shards (its keys in the query)" "$OUT"
  done
fi
compare "4 local shards" "$WORK/local.stub"
compare "4 xapian-tcpsrv shards" "$WORK/remote.stub"
compare "2 local + 2 tcpsrv shards" "$WORK/mixed.stub"
compare "4 xapian-progsrv shards" "$WORK/prog.stub"

# Copies folded (no --all-copies): the story counts over remote shards come from the
# copy-key spy alone when there is neither a facet nor a histogram (--count, text).
for s in "iran" "--country Qatar" "oil --lang en"; do
  eval "args=($s)"
  run "$IRANSEARCH" --db "$DB" --count "${args[@]}"
  one=$OUT
  for stub in remote mixed; do
    run "$IRANSEARCH" --db "$WORK/$stub.stub" --count "${args[@]}"
    [ "$OUT" = "$one" ] && pass || fail "--count $s over the $stub stub: $OUT, one index: $one"
  done
  run "$IRANSEARCH" --db "$DB" --json "${args[@]}"
  one=$(normalized <<<"$OUT")
  run "$IRANSEARCH" --db "$WORK/remote.stub" --json "${args[@]}"
  [ "$(normalized <<<"$OUT")" = "$one" ] && pass || fail "--json $s (copies folded) over remote shards differs from one index"
done
# Each remote shard's discovered summary is kept in the cache folder under the print its
# writer stored (index/summary_file.h), and the four combined: the searches above, which
# compared equal to one index, mapped them after the first.
printed=$(find "$HOME/.cache" -name 'printed-summary-*.bin' 2>/dev/null | wc -l)
[ "$printed" -ge 4 ] && pass || fail "a printed summary file per remote shard in the cache folder (found $printed)"
combined=$(find "$HOME/.cache" -name 'combined-summary-*.bin' 2>/dev/null | wc -l)
[ "$combined" -ge 1 ] && pass || fail "the shards' combined summary in the cache folder (found $combined)"

# Wildcards: Xapian 1.4 expands them in each shard against that shard's own terms, so
# their scores differ from one index (README "Many machines"); the articles are the same.
wildcard_set() { python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
print(d["total"], sorted(h["path"] for h in d["hits"]) if d["total"] <= len(d["hits"]) else "", json.dumps(d["facets"]))'; }
run "$IRANSEARCH" --db "$DB" --json --limit 1000 "tajik*"
one=$(wildcard_set <<<"$OUT")
for stub in local remote; do
  run "$IRANSEARCH" --db "$WORK/$stub.stub" --json --limit 1000 "tajik*"
  expect_eq "$(wildcard_set <<<"$OUT")" "$one" "wildcard over $stub shards: the same articles and facets"
done

# Names expand over remote shards without any synonym of theirs (the catalog is local).
run "$IRANSEARCH" --db "$WORK/remote.stub" Tajikistan --lang ar --json
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["total"] > 0' <<<"$OUT" && pass || fail "Tajikistan finds Arabic articles over remote shards"

# Facet counts add up beyond the page, with date sort (where Xapian 1.4.22 alone
# over-counts with 2+ remote shards).
run "$IRANSEARCH" --db "$WORK/remote.stub" --json --limit 3
python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert sum(v["count"] for v in d["facets"]["lang"]) <= d["total"], "lang counts exceed the total"
assert sum(v["count"] for v in d["facets"]["month"]) == d["total"], "month counts != total"
assert d["shards"] == {"asked": 4, "answered": 4, "missing": []}, d["shards"]
' <<<"$OUT" && pass || fail "facet counts over remote shards add up"

# Version checks: a second shard from another analyzer, schema or gazetteer is named.
cp -r "$WORK/shard1" "$WORK/odd1"
odd_gen=$(awk '{print $2}' "$WORK/odd1/XAPIANDB")
printf 'auto shard0\nauto odd1\nauto shard2\n' >"$WORK/odd.stub"
for key in iran.analyzer iran.schema iran.gazetteer; do
  old=$(xapian-metadata get "$WORK/odd1/$odd_gen" "$key")
  xapian-metadata set "$WORK/odd1/$odd_gen" "$key" "0"
  run "$IRANSEARCH" --db "$WORK/odd.stub" iran
  expect_code 2 "$key mismatch on the second shard"
  expect_err "$WORK/odd1" "$key mismatch names the shard"
  xapian-metadata set "$WORK/odd1/$odd_gen" "$key" "$old"
done
# ... and served remotely too.
port=$(free_port)
xapian-metadata set "$WORK/odd1/$odd_gen" iran.analyzer 0
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$WORK/odd1/$odd_gen" >"$WORK/odd.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q Listening "$WORK/odd.log" && break; sleep 0.05; done
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "${PORTS[0]}" "$port" >"$WORK/odd-remote.stub"
run "$IRANSEARCH" --db "$WORK/odd-remote.stub" iran --partial
expect_code 2 "analyzer mismatch on a remote shard, even with --partial"
expect_err "remote:tcp(127.0.0.1:$port)" "remote mismatch names the shard"
expect_err "analyzer version '0'" "remote mismatch says what differs"

# A hung server (stopped with SIGSTOP): the read timeout is ours and named.
kill -STOP "${PIDS[1]}"
run "$IRANSEARCH" --db "$WORK/remote.stub" iran --timeout 1
expect_code 2 "hung shard"
expect_err "remote:tcp(127.0.0.1:${PORTS[1]})" "hung shard named"
expect_err "gave up after 1 s" "hung shard: the timeout is named"
run "$IRANSEARCH" --db "$WORK/remote.stub" iran --timeout 1 --partial --json
expect_code 0 "--partial answers without the hung shard"
kill -CONT "${PIDS[1]}"

# A server that is gone: named; --partial answers from the 3 others, in JSON and text.
kill "${PIDS[2]}"; wait "${PIDS[2]}" 2>/dev/null
run "$IRANSEARCH" --db "$WORK/remote.stub" iran
expect_code 2 "a shard down"
expect_err "shard remote:tcp(127.0.0.1:${PORTS[2]}) did not answer" "the shard down is named"
expect_err "--partial" "the message points at --partial"
run "$IRANSEARCH" --db "$WORK/remote.stub" iran --partial --json
expect_code 0 "--partial with a shard down"
python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
assert d["shards"] == {"asked": 4, "answered": 3, "missing": ["remote:tcp(127.0.0.1:'"${PORTS[2]}"')"]}, d["shards"]
assert d["total"] > 0
' <<<"$OUT" && pass || fail "--partial JSON names the missing shard"
run "$IRANSEARCH" --db "$WORK/remote.stub" iran --partial
expect_code 0 "--partial text"
expect_err "remote:tcp(127.0.0.1:${PORTS[2]}) did not answer" "--partial text names the missing shard"
expect_err "3 of 4 shards" "--partial text says how many answered"

finish
