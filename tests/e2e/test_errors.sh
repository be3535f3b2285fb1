#!/usr/bin/env bash
# Every error names its file or argument, exits with the documented code, and never
# harms the index.
source "$(dirname "$0")/lib.sh"

# No index yet.
search Qatar
expect_code 2 "no index"
expect_err "run \`iranidx build\`" "no index message"

idx build
expect_code 0 "build"

# Usage errors: code 2, one line naming the argument.
search Qatar --country Qatr
expect_code 2 "unknown country"
expect_err "--country 'Qatr'" "unknown country named"
expect_err "Qatar" "closest country suggested"
# An official nobody lists is not an error (issue 10): the name is searched as written.
search --official "Nobody Atall"
expect_code 1 "unknown official: searched, no hits"
expect_err "--official 'Nobody Atall'" "unknown official named"
search Qatar --from 2021-13-01
expect_code 2 "bad date"
expect_err "--from '2021-13-01'" "bad date named"
search Qatar --from 2022 --to 2021
expect_code 2 "reversed range"
search Qatar --lang xx
expect_code 2 "unknown language"
search 'tehran 1..2'
expect_code 2 "query that does not parse"
expect_err "does not parse" "parse error message"
search Qatar --no-such-flag
expect_code 2 "unknown flag (CLI11 would exit 109)"
expect_err "iransearch: error:" "CLI11 errors in our format"
search Qatar --limit abc
expect_code 2 "non-numeric limit"
run "$IRANIDX" frobnicate
expect_code 2 "unknown subcommand"
run "$IRANIDX" build --corpus "$WORK/nowhere" --db "$DB"
expect_code 2 "missing corpus"
expect_err "nowhere" "missing corpus named"
run "$IRANSEARCH" --help
expect_code 0 "--help"

# A closed pipe is not an error.
"$IRANSEARCH" --db "$DB" --lang en --limit 100 2>"$WORK/pipe-err" | head -n 1 >/dev/null
[ ! -s "$WORK/pipe-err" ] && pass || fail "iransearch | head printed to stderr: $(cat "$WORK/pipe-err")"

# Bad files: each named once; the rest indexes; exit 1 (partial); nothing lost.
printf 'Qatar \xd9\x82\xd8\xb7\xd8\xb1 \xff broken\n' >"$CORPUS/bad-utf8.txt"
: >"$CORPUS/empty.txt"
printf 'bin\0ary Qatar\n' >"$CORPUS/binary.txt"
printf 'Qatar and Oman\n' >"$CORPUS/unreadable.txt"; chmod 000 "$CORPUS/unreadable.txt"
printf 'Tajikistan news\n' >"$CORPUS/good.txt"
printf 'bogus: field\n' >"$CORPUS/good.txt.meta"
printf 'Oman talks with Tajikistan\n' >"$CORPUS/fine.txt"
head -n 3 "$CORPUS"/001_*.txt | iconv -f UTF-8 -t CP1256 >"$CORPUS/legacy-arabic.txt"
idx build
expect_code 1 "partial build"
expect_err "legacy-arabic.txt: not UTF-8; indexed as windows-1256" "Windows-1256 converted and said so"
expect_err "bad-utf8.txt: not valid UTF-8" "invalid UTF-8 named"
expect_err "empty.txt: empty file" "empty file named"
expect_err "binary.txt: binary file" "binary file named"
if [ "$(id -u)" != 0 ]; then expect_err "unreadable.txt" "unreadable file named"; fi
expect_err "good.txt" "bad sidecar named"
# root reads a mode-000 file, so there it is one more good file.
if [ "$(id -u)" = 0 ]; then expect_out "added 3" "the good files still indexed"; else expect_out "added 2" "the good files still indexed"; fi
search طاجيكستان --lang ar --limit 50
expect_out "legacy-arabic.txt" "converted Arabic file searchable"
search Oman --country Tajikistan
expect_out "fine.txt" "good file searchable"
search --official "Bagheri Kani" --limit 50
expect_eq "$(sorted_hit_ids)" "001 003 004" "nothing already indexed was lost"

# An article that turns bad keeps its indexed version.
cp "$CORPUS"/003_*.txt "$WORK/003.bak"
printf '\xff\xfe' >>"$CORPUS"/003_*.txt
idx build
expect_code 1 "article turned bad"
search "neighborhood policy" --country Qatar
expect_eq "$(hit_ids | cut -d' ' -f1)" "003" "old version still searchable"

# A second build gets a clear message and exit 3 at once, or waits with --wait; the
# index stays whole either way.
flock "$DB/iranidx.lock" sleep 3 &
holder=$!
sleep 0.5
idx build
expect_code 3 "another build running"
expect_err "another iranidx build is running" "busy message"
idx build --wait 20
expect_code 1 "--wait outlasts the other build"
wait "$holder"
search --official "Bagheri Kani" --limit 50
expect_eq "$(sorted_hit_ids)" "001 003 004" "index intact after contention"

finish
