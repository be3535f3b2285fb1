# Shared helpers for the end-to-end tests: each test runs the real binaries on a
# temporary copy of corpus/ and checks what they print and how they exit.
set -uo pipefail

: "${IRANIDX:?IRANIDX must point at the iranidx binary}"
: "${IRANSEARCH:?IRANSEARCH must point at the iransearch binary}"
: "${IRAN_SOURCE_DIR:?IRAN_SOURCE_DIR must point at the source tree}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/iran-e2e.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
CORPUS=$WORK/corpus
DB=$WORK/index
cp -r "$IRAN_SOURCE_DIR/corpus" "$CORPUS"
export NO_COLOR=1
# Settings, saved searches and the last search live here, never in the real home.
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config XDG_STATE_HOME=$WORK/state
unset IRANIDX_DB IRANIDX_CORPUS
mkdir -p "$HOME"

failures=0
checks=0

# run CMD...: runs it, keeping stdout in $OUT, stderr in $ERR and the exit code in $CODE.
run() {
  OUT=$("$@" 2>"$WORK/stderr")
  CODE=$?
  ERR=$(cat "$WORK/stderr")
}
idx() { run "$IRANIDX" --corpus "$CORPUS" --db "$DB" "$@"; }
search() { run "$IRANSEARCH" --db "$DB" "$@"; }

pass() { checks=$((checks + 1)); }
fail() {
  checks=$((checks + 1)); failures=$((failures + 1))
  echo "FAIL: $1" >&2
  [ -n "${2:-}" ] && printf '  %s\n' "$2" >&2
  echo "  stdout: ${OUT:0:800}" >&2
  echo "  stderr: ${ERR:0:800}" >&2
}
expect_code() { [ "$CODE" = "$1" ] && pass || fail "$2: exit code $CODE, expected $1"; }
expect_out() { grep -qF -- "$1" <<<"$OUT" && pass || fail "$2: stdout lacks '$1'"; }
expect_err() { grep -qF -- "$1" <<<"$ERR" && pass || fail "$2: stderr lacks '$1'"; }
expect_eq() { [ "$1" = "$2" ] && pass || fail "$3" "got '$1', expected '$2'"; }

# The seed numbers (000..004) of the hits in $OUT, in rank order, space-separated.
hit_ids() { grep -oE '^   .*[0-9]{3}_[0-9a-f]{16}\.txt' <<<"$OUT" | grep -oE '[0-9]{3}_[0-9a-f]{16}' | cut -c1-3 | tr '\n' ' ' | sed 's/ $//'; }
sorted_hit_ids() { hit_ids | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//'; }

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}
