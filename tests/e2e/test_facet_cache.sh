#!/usr/bin/env bash
# What searches keep in the cache folder: the facet table (index/facet_table.h), which a
# search process counts from for the revision it opened, and the join of discovered
# officials (index/discovered_merge_cache.h), and the stored summary of discovered officials
# of the revision (index/summary_file.h). Answers are byte for byte those of a search
# without them; a new revision, a full rebuild and damaged files are each handled.
source "$(dirname "$0")/lib.sh"

CACHE=$HOME/.cache/iranidx
story=$CORPUS/002_7e6563937ee8c686.txt
cp "$story" "$CORPUS/copy-exact.txt"
printf 'source: mehr\n' >"$CORPUS/copy-exact.txt.meta"
idx build
expect_code 0 "build"

queries=("sanctions" "Iran" "طاجيكستان" "neighborhood policy" "Qatar --lang en" "Iran --histogram month"
         "sanctions --all-copies" "Iran --sort newest --histogram year" "talks --country Russia" "Iran --offset 2 --limit 2")
# All the queries' JSON with facets, one process each.
answers() {
  local q
  for q in "${queries[@]}"; do
    # shellcheck disable=SC2086
    "$IRANSEARCH" --db "$DB" --json --facets $q 2>&1
    echo "exit $?"
  done
}
tables() { find "$CACHE" -maxdepth 1 -name 'facets-*.bin' 2>/dev/null | sort; }
summaries() { find "$CACHE" -maxdepth 1 -name 'summary-*.bin' 2>/dev/null | sort; }

expected=$(IRANIDX_NO_CACHE=1 answers)
[ -z "$(tables)" ] && pass || fail "IRANIDX_NO_CACHE=1 writes no table" "$(tables)"
[ -z "$(summaries)" ] && pass || fail "IRANIDX_NO_CACHE=1 writes no summary" "$(summaries)"
first=$(answers)
expect_eq "$(tables | wc -l | tr -d ' ')" "1" "the first search wrote the revision's table"
second=$(answers)
[ "$first" = "$expected" ] && pass || fail "the search that writes the table answers as one without it" "$(diff <(echo "$expected") <(echo "$first") | head -20)"
[ "$second" = "$expected" ] && pass || fail "searches counting from the file answer as without it" "$(diff <(echo "$expected") <(echo "$second") | head -20)"
grep -q '"facets"' <<<"$second" && grep -q '"histogram"' <<<"$second" && pass || fail "facets and histogram were asked for"

joins=$(find "$CACHE" -maxdepth 1 -name 'discovered-*.bin' | wc -l | tr -d ' ')
expect_eq "$joins" "1" "the join of discovered officials was kept"
for f in "$CACHE"/discovered-*.bin; do printf 'garbage' >"$f"; done
now=$(answers)
[ "$now" = "$expected" ] && pass || fail "a damaged join file: answers unchanged" "$(diff <(echo "$expected") <(echo "$now") | head -20)"
[ "$(head -c 8 "$CACHE"/discovered-*.bin)" = "IRDMRG01" ] && pass || fail "the damaged join was written again"

# The summary of discovered officials: one file for the revision, mapped by the next
# searches; a damaged one is read around (the index's value) and written again.
expect_eq "$(summaries | wc -l | tr -d ' ')" "1" "the revision's summary was kept"
summary=$(summaries)
good=$(md5sum <"$summary")
python3 - "$summary" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) * 2 // 3] ^= 0x20
open(p, "wb").write(b)
PY
[ "$(md5sum <"$summary")" != "$good" ] && pass || fail "the summary file was damaged"
now=$(answers)
[ "$now" = "$expected" ] && pass || fail "a damaged summary file: answers unchanged" "$(diff <(echo "$expected") <(echo "$now") | head -20)"
[ "$(md5sum <"$summary")" = "$good" ] && pass || fail "the damaged summary was written again"
old_summary=$summary

# An incremental build: a new revision. Its first search writes its table and removes
# the old revision's; the counts include the new article.
old=$(tables)
printf 'Iran and Qatar held talks on sanctions in Doha.\n' >"$CORPUS/new-article.txt"
idx build
expect_code 0 "incremental build"
expected=$(IRANIDX_NO_CACHE=1 answers)
now=$(answers)
[ "$now" = "$expected" ] && pass || fail "after a commit: the same answers as without the table" "$(diff <(echo "$expected") <(echo "$now") | head -20)"
expect_eq "$(tables | wc -l | tr -d ' ')" "1" "one table for the database"
[ "$(tables)" != "$old" ] && pass || fail "the old revision's table was replaced"
grep -q 'new-article.txt' <<<"$now" && pass || fail "the new article is found"
expect_eq "$(summaries | wc -l | tr -d ' ')" "1" "one summary file for the database"
[ "$(summaries)" != "$old_summary" ] && pass || fail "the old revision's summary was replaced"

# A damaged file: a slot's count in the header (refused by the checksum) or the ids
# (found by the count): the answer is still right, and the file is made again.
layout() {  # FILE -> "SLOTS_HEADER IDS LAST", the offsets of index/facet_table.cc's layout
  python3 - "$1" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
# A 24-byte prefix; revision, documents, last docid, length, slot count, UUID size; the
# UUID and the place, each a size and bytes padded to 8; 16 bytes per slot; the ids.
_, _, last, _, nslots, uuid = struct.unpack_from("<QIIQII", b, 24)
pad = lambda n: (n + 7) & ~7
off = pad(56 + uuid)
(place,) = struct.unpack_from("<I", b, off)
slots = pad(off + 4 + place)
print(slots, slots + 16 * nslots, last)
PY
}
damage() {  # FILE OFFSET LENGTH
  python3 - "$@" <<'PY'
import sys
p, at, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
b = bytearray(open(p, "rb").read())
b[at:at + n] = bytes(x ^ 0xff for x in b[at:at + n])
open(p, "wb").write(b)
PY
}
table=$(tables)
read -r slots ids last <<<"$(layout "$table")"
damage "$table" $((slots + 4)) 1  # the first slot's count of values
bad=$(md5sum <"$table")
now=$(answers)
[ "$now" = "$expected" ] && pass || fail "a damaged header: answers unchanged" "$(diff <(echo "$expected") <(echo "$now") | head -20)"
[ "$(md5sum <"$(tables)")" != "$bad" ] && pass || fail "the table with a damaged header was made again"
table=$(tables)
read -r slots ids last <<<"$(layout "$table")"
damage "$table" $((ids + 4)) $((4 * last))  # every id of the first slot, past its values
bad=$(md5sum <"$table")
now=$(answers)
[ "$now" = "$expected" ] && pass || fail "damaged ids: answers unchanged" "$(diff <(echo "$expected") <(echo "$now") | head -20)"
expect_eq "$(tables | wc -l | tr -d ' ')" "1" "one table after the damaged one"
[ "$(md5sum <"$(tables)")" != "$bad" ] && pass || fail "the table with damaged ids was made again"

# A full rebuild is a new database: its own table; answers still right.
idx build --full
expect_code 0 "full rebuild"
expected=$(IRANIDX_NO_CACHE=1 answers)
now=$(answers)
again=$(answers)
[ "$now" = "$expected" ] && [ "$again" = "$expected" ] && pass || fail "after a full rebuild: the same answers" "$(diff <(echo "$expected") <(echo "$again") | head -20)"

# A layout of local shards: each shard's summary is kept and mapped by the next search;
# the answers are those of the first (which read the shards' values).
run "$IRANIDX" --corpus "$CORPUS" --db "$WORK/layout" build --shards hash:2
expect_code 0 "layout build"
lanswers() { local q; for q in "${queries[@]}"; do "$IRANSEARCH" --db "$WORK/layout" --json --facets $q 2>&1; echo "exit $?"; done; }
before=$(summaries | wc -l | tr -d ' ')
lexpected=$(IRANIDX_NO_CACHE=1 lanswers)
lfirst=$(lanswers)
lsecond=$(lanswers)
expect_eq "$(summaries | wc -l | tr -d ' ')" "$((before + 2))" "each local shard's summary was kept"
[ "$lfirst" = "$lexpected" ] && [ "$lsecond" = "$lexpected" ] && pass || fail "a layout searched with its shards' summaries mapped: the same answers" "$(diff <(echo "$lexpected") <(echo "$lsecond") | head -20)"

# A cache folder that cannot be written: searches answer, nothing is written.
rm -rf "$CACHE"
mkdir -p "$HOME/.cache" && : >"$CACHE"  # a file where the folder would be
now=$(answers)
[ "$now" = "$expected" ] && pass || fail "an unwritable cache folder: answers unchanged"
rm -f "$CACHE"
finish
