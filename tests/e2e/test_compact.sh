#!/usr/bin/env bash
# `iranidx compact --shard YEAR`: a closed year of a layout compacted and swapped in
# while people search, locally and through xapian-tcpsrv; the answers stay those of one
# index; later builds that write into a compacted year (a late correction) copy it into
# an uncompacted generation first, and searches running meanwhile never fail; the
# refusals and their exit codes.
source "$(dirname "$0")/lib.sh"

python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$CORPUS/gen" 300 --seed 12 >/dev/null
PIDS=()
stop_all() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap 'stop_all; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT

YEAR=$WORK/by-year
idx build --quiet
expect_code 0 "one index"
run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" build --shards year --quiet
expect_code 0 "build --shards year"
# The two biggest dated shards are the "closed years".
run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" status
mapfile -t BIG < <(grep -E '^shard [0-9]{4}:' <<<"$OUT" | sort -t: -k2 -n -r | head -2 | sed -E 's/^shard ([0-9]{4}):.*/\1/')
[ "${#BIG[@]}" = 2 ] && pass || fail "the layout has two dated shards" "$OUT"
Y1=${BIG[0]} Y2=${BIG[1]}
# A file of the closed year Y1, to correct later.
LATE=$(grep -lE "^date: $Y1" -r "$CORPUS" --include='*.meta' | head -1)
LATE=${LATE%.meta}
[ -f "$LATE" ] && pass || fail "a file dated $Y1"

normalized() {
  python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
d.pop("shards", None); d.pop("suggestion", None); d.pop("suggestion_names", None)
for h in d["hits"]:
    h.pop("snippet"); h.pop("highlights"); h.pop("docid", None); h.pop("indexed", None)
    for c in h["also_in"]:
        c.pop("docid", None)
    h["score"] = float("%.9g" % h["score"])
print(json.dumps(d, sort_keys=True, ensure_ascii=False))' || echo "not comparable JSON $RANDOM"
}
SEARCHES=("Qatar" "قطر" "iran --histogram year" "--country Qatar" "--sort relevance --limit 40"
          "year:$Y1" "oil prices" "iran --sort date" "--lang en --from $Y1 --to $Y1" "Shamkhani")
compare() {  # compare NAME DB: every search equal to one index of the same articles
  local name=$1 db=$2 equal=0
  for s in "${SEARCHES[@]}"; do
    eval "args=($s)"
    run "$IRANSEARCH" --db "$DB" --json "${args[@]}"
    local one=$OUT one_code=$CODE
    run "$IRANSEARCH" --db "$db" --json "${args[@]}"
    if [ "$CODE" = "$one_code" ] && [ "$(normalized <<<"$OUT")" = "$(normalized <<<"$one")" ]; then
      equal=$((equal + 1)); pass
    else
      fail "$name differs from one index: $s" "$(diff <(normalized <<<"$one" | tr ',' '\n') <(normalized <<<"$OUT" | tr ',' '\n') | head -8)"
    fi
  done
  echo "$name: $equal of ${#SEARCHES[@]} searches equal one index"
}

# Refusals first: nothing changes.
run "$IRANIDX" --db "$DB" compact --shard "$Y1"
expect_code 2 "compact on a single index"
expect_err "not a shard layout" "the refusal says why"
run "$IRANIDX" --db "$YEAR" compact --shard 1888
expect_code 2 "an unknown shard"
expect_err "no shard '1888' in this layout (its shards: " "the refusal names the layout's shards"
run "$IRANIDX" --db "$YEAR" compact
expect_code 2 "compact without --shard or --all"
expect_err "--shard" "the refusal says what to give"
run "$IRANIDX" --db "$WORK/nothing" compact --shard "$Y1"
expect_code 2 "compact of a path with no index"
[ -e "$WORK/nothing" ] && fail "a refused compact created the directory" || pass
(flock 9; sleep 3) 9>"$YEAR/iranidx.lock" &
sleep 0.5
run "$IRANIDX" --db "$YEAR" compact --shard "$Y1"
expect_code 3 "compact while a build holds the layout"
run "$IRANIDX" --db "$YEAR" compact --shard "$Y1" --wait 10
expect_code 0 "compact --wait waits for it"
wait
expect_out "shard $Y1: compacted $Y1/gen-" "the report names the generations"
run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" status
expect_out "$Y1/gen-000002, revision" "status names the compacted generation"
grep -E "^shard $Y1:.*compacted\)" <<<"$OUT" >/dev/null && pass || fail "status marks the shard compacted"
grep -q "^auto $Y1/gen-000002" "$YEAR/XAPIANDB" && pass || fail "the layout stub names it"
grep -q "^auto gen-000002" "$YEAR/$Y1/XAPIANDB" && pass || fail "so does the shard's own stub (for xapian-tcpsrv)"
run "$IRANIDX" --db "$YEAR" compact --shard "$Y1"
expect_code 0 "compacting it again"
expect_out "already compacted" "says there is nothing to do"
compare "after compacting $Y1" "$YEAR"
run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" check
expect_code 0 "check is clean after the compaction"

# Served by xapian-tcpsrv: searches go through the servers too.
REMOTE=""
if command -v xapian-tcpsrv >/dev/null; then
  n=$(grep -c '^auto ' "$YEAR/XAPIANDB")
  first=$(python3 -c '
import socket, sys
n = int(sys.argv[1])
for base in range(21000, 60000, 89):
    socks = []
    try:
        for p in range(base, base + n + 1):  # the shards and the home
            s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
    except OSError:
        continue
    finally:
        for s in socks: s.close()
    print(base); break' "$n")
  run "$IRAN_SOURCE_DIR/scripts/serve-shards" start --interface 127.0.0.1 --run-dir "$WORK/run" \
    --layout "$YEAR" --first-port "$first" --stub "$WORK/remote.stub"
  expect_code 0 "serve-shards --layout"
  for f in "$WORK"/run/shard-*.pid; do PIDS+=("$(cat "$f")"); done
  REMOTE=$WORK/remote.stub
  compare "served, $Y1 compacted" "$REMOTE"
else
  echo "SKIP: xapian-tcpsrv not installed (package xapian-tools): the served half"
fi

# Searches all along while the layout is compacted, corrected and compacted again:
# every one answers, with the one total there is (the edits add no match).
run "$IRANSEARCH" --db "$DB" --json iran --facets
TOTAL=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["total"])' <<<"$OUT")
searcher() {  # searcher DB LOG: searches until $WORK/stop exists
  local db=$1 log=$2 n=0 bad=0
  while [ ! -e "$WORK/stop" ]; do
    out=$("$IRANSEARCH" --db "$db" --json iran --facets 2>&1)
    code=$?
    total=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["total"])' <<<"$out" 2>/dev/null)
    n=$((n + 1))
    if [ "$code" != 0 ] || [ "$total" != "$TOTAL" ]; then bad=$((bad + 1)); echo "exit $code total $total: ${out:0:300}" >>"$log.errors"; fi
  done
  echo "$n $bad" >"$log"
}
searcher "$YEAR" "$WORK/local.log" &
PIDS+=($!)
if [ -n "$REMOTE" ]; then searcher "$REMOTE" "$WORK/remote.log" & PIDS+=($!); fi
OTHER=$(grep -lE "^date: $Y2" -r "$CORPUS" --include='*.meta' | head -1)
OTHER=${OTHER%.meta}
for round in 1 2 3 4; do
  run "$IRANIDX" --db "$YEAR" compact --shard "$Y1" --shard "$Y2"
  expect_code 0 "round $round: compact $Y1 and $Y2 while searched"
  echo " addendum $round" >>"$OTHER"
  run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" build --quiet
  expect_code 0 "round $round: a correction to compacted $Y2"
  echo " late correction $round" >>"$LATE"
  run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" build --quiet
  expect_code 0 "round $round: a correction to compacted $Y1"
  for i in 1 2 3; do
    echo " follow-up $round.$i" >>"$LATE"
    run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" build --quiet
    [ "$CODE" = 0 ] && pass || fail "round $round: build $i into the copy of $Y1"
  done
done
touch "$WORK/stop"
wait "${PIDS[@]: -1}" 2>/dev/null
while [ ! -s "$WORK/local.log" ] || { [ -n "$REMOTE" ] && [ ! -s "$WORK/remote.log" ]; }; do sleep 0.2; done
for log in local remote; do
  [ -s "$WORK/$log.log" ] || continue
  read -r n bad <"$WORK/$log.log"
  echo "$log searches beside compactions and builds: $n, $bad failed"
  [ "$n" -gt 0 ] && pass || fail "$log: searches ran"
  [ "$bad" = 0 ] && pass || fail "$log: $bad of $n searches failed beside compactions and builds" "$(head -3 "$WORK/$log.log.errors")"
done

# The last build wrote into $Y1: an uncompacted copy, never the compacted generation.
# $Y2, compacted again and not written since, stays compacted.
run "$IRANIDX" --db "$YEAR" compact --shard "$Y2"
echo " final word" >>"$LATE"
run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" build --quiet
expect_code 0 "a correction to $Y1 only"
run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" status
grep -E "^shard $Y1:" <<<"$OUT" | grep -q compacted && fail "$Y1 was written, so it is no longer the compacted generation" "$OUT" || pass
grep -E "^shard $Y2:" <<<"$OUT" | grep -q compacted && pass || fail "$Y2, not written since, stays compacted" "$OUT"
# Old generations do not pile up: the current one and the one before.
gens=$(find "$YEAR/$Y1" -maxdepth 1 -name 'gen-*' | wc -l)
[ "$gens" -le 2 ] && pass || fail "$Y1 keeps at most two generations" "$(ls "$YEAR/$Y1")"
idx build --quiet
compare "after the corrections" "$YEAR"
[ -n "$REMOTE" ] && compare "served, after the corrections" "$REMOTE"
run "$IRANIDX" --corpus "$CORPUS" --db "$YEAR" check
expect_code 0 "check is clean at the end"

finish
