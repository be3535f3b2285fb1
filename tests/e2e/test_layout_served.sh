#!/usr/bin/env bash
# A layout served by scripts/serve-shards (xapian-tcpsrv on 127.0.0.1) that gains a
# shard (a new year): searches over the stub it wrote fail naming the shard the stub
# lacks (or, with --partial, report it missing) instead of silently missing it, and
# `serve-shards update` serves the new shard and rewrites the stub, every other shard
# keeping its server and port; then the served layout equals the local one again.
source "$(dirname "$0")/lib.sh"
if ! command -v xapian-tcpsrv >/dev/null; then
  echo "SKIP: xapian-tcpsrv not installed (package xapian-tools)"
  exit 0
fi
python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$CORPUS/gen" 80 --seed 3 >/dev/null
SERVE=$IRAN_SOURCE_DIR/scripts/serve-shards
RUN=$WORK/run
stop_servers() {
  shopt -s nullglob
  for f in "$RUN"/shard-*.pid; do kill "$(cat "$f")" 2>/dev/null; done
  wait 2>/dev/null
}
trap 'stop_servers; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
json_field() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(json.dumps(eval("d" + sys.argv[1]), sort_keys=True))' "$1"; }

LAYOUT=$WORK/shards
run "$IRANIDX" --corpus "$CORPUS" --db "$LAYOUT" build --shards year --quiet
expect_code 0 "build --shards year"
[ -f "$LAYOUT/home/XAPIANDB" ] && pass || fail "the home has its own stub (what a server of the home follows)"
n=$(grep -c '^auto ' "$LAYOUT/XAPIANDB")
first=$(python3 -c '
import socket
for base in range(23000, 60000, 71):
    socks = []
    try:
        for p in range(base, base + 12):
            s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
    except OSError:
        continue
    finally:
        for s in socks: s.close()
    print(base); break')
STUB=$WORK/remote.stub
run "$SERVE" start --interface 127.0.0.1 --run-dir "$RUN" --layout "$LAYOUT" --first-port "$first" --stub "$STUB"
expect_code 0 "serve-shards start --layout"
[ "$(grep -c '^remote 127.0.0.1:' "$STUB")" = "$n" ] && pass || fail "the stub names every shard" "$(cat "$STUB")"
grep -q "^# iranidx-layout: remote 127.0.0.1:$((first + n))$" "$STUB" && pass || fail "the stub names the served home" "$(cat "$STUB")"
BEFORE=$(grep '^remote ' "$STUB")

same_as_local() {  # same_as_local NAME ARGS...: total and hits over the stub equal the layout's
  local name=$1; shift
  run "$IRANSEARCH" --db "$LAYOUT" --json "$@"
  local one one_code=$CODE; one=$(json_field '["total"], [h["path"] for h in d["hits"]]' <<<"$OUT")
  run "$IRANSEARCH" --db "$STUB" --json "$@"
  expect_code "$one_code" "$name: $*"
  expect_eq "$(json_field '["total"], [h["path"] for h in d["hits"]]' <<<"$OUT")" "$one" "$name: $* equals the local layout"
}
for q in iran Qatar "--country Oman" "--sort newest --limit 20"; do eval "args=($q)"; same_as_local "served" "${args[@]}"; done

# A new year: the build adds shard 2031 to the layout; the stub does not list it yet.
printf 'Iran and Oman held talks on shipping through the Strait of Hormuz on Sunday.\n' >"$CORPUS/future.txt"
printf 'source: reuters\nlang: en\ndate: 2031-01-05\n' >"$CORPUS/future.txt.meta"
run "$IRANIDX" --corpus "$CORPUS" --db "$LAYOUT" build --quiet
expect_code 0 "a build that adds the shard 2031"
grep -q '^auto 2031/gen-' "$LAYOUT/XAPIANDB" && pass || fail "the layout has the 2031 shard"
run "$IRANSEARCH" --db "$STUB" Hormuz
expect_code 2 "a search over the stub that lacks 2031 fails"
expect_err "the stub leaves out shard 2031 of the layout served at remote:tcp(127.0.0.1:$((first + n)))" "it names the shard and the layout"
expect_err "scripts/serve-shards update" "it says what to run"
run "$IRANSEARCH" --db "$STUB" --json --partial Hormuz
expect_code 1 "--partial answers from the shards listed (2031's article is not among them)"
expect_eq "$(json_field '["shards"]' <<<"$OUT")" "{\"answered\": $n, \"asked\": $((n + 1)), \"missing\": [\"layout:2031\"]}" "--partial reports the shard the stub lacks"
expect_err "not in the stub" "and says why on stderr"

# update: the new shard served on the next free port, the stub rewritten, every other
# server and port kept.
pids_before=$(cat "$RUN"/shard-*.pid | sort | tr '\n' ' ')
run "$SERVE" update --run-dir "$RUN"
expect_code 0 "serve-shards update"
expect_out "shards/2031 on 127.0.0.1:$((first + n + 1))" "the new shard gets the next free port"
[ "$(grep -c '^remote 127.0.0.1:' "$STUB")" = $((n + 1)) ] && pass || fail "the stub names the new shard too" "$(cat "$STUB")"
expect_eq "$(grep '^remote ' "$STUB" | grep -v ":$((first + n + 1))\$")" "$BEFORE" "the other shards keep their ports, in order"
still=0; for p in $pids_before; do kill -0 "$p" 2>/dev/null && still=$((still + 1)); done
expect_eq "$still" "$((n + 1))" "every server (shards and home) kept running"
for q in Hormuz iran "--country Oman" "--from 2031"; do eval "args=($q)"; same_as_local "after update" "${args[@]}"; done
run "$IRANSEARCH" --db "$STUB" --json Hormuz
expect_eq "$(json_field '["shards"]' <<<"$OUT")" "{\"answered\": $((n + 1)), \"asked\": $((n + 1)), \"missing\": []}" "every shard answers"
# Again: nothing to do.
stub_text=$(cat "$STUB")
run "$SERVE" update --run-dir "$RUN"
expect_code 0 "update again"
expect_eq "$(grep -c 'on 127.0.0.1' <<<"$OUT")" "0" "starts no server"
expect_eq "$(cat "$STUB")" "$stub_text" "writes the same stub"

# The home's server down: the check cannot be made, and says so (--partial skips it).
home_pid=$(cat "$RUN/shard-$((first + n)).pid")
kill "$home_pid"; wait "$home_pid" 2>/dev/null
for _ in $(seq 50); do kill -0 "$home_pid" 2>/dev/null || break; sleep 0.1; done
run "$IRANSEARCH" --db "$STUB" Hormuz
expect_code 2 "the home down: an error"
expect_err "the layout's home remote:tcp(127.0.0.1:$((first + n))) did not answer" "naming the home"
run "$IRANSEARCH" --db "$STUB" --partial Hormuz
expect_code 0 "--partial answers without the home"
# update restarts what is not running.
run "$SERVE" update --run-dir "$RUN"
expect_out "shards/home on 127.0.0.1:$((first + n))" "update restarts the home's server on its port"
run "$IRANSEARCH" --db "$STUB" Hormuz
expect_code 0 "and the check is back"
run "$SERVE" update --run-dir "$WORK/elsewhere"
expect_code 2 "update where nothing was started"
expect_err "no layout served from here" "says so"

run "$SERVE" stop --run-dir "$RUN"
expect_code 0 "serve-shards stop"
finish
