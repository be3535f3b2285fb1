#!/usr/bin/env bash
# Issue 15: --db that is not an index (a regular file, a FIFO, a directory of other
# files) and an index of a schema this program does not know. Each command fails with
# one line naming the path and exits 2; nothing is created or changed.
source "$(dirname "$0")/lib.sh"

idx build --quiet
expect_code 0 "seed build"

# A regular file: `status` used to print "none yet" and exit 0.
printf 'not an index\n' >"$WORK/file"
for cmd in status check stats officials build "check --repair"; do
  # shellcheck disable=SC2086
  run "$IRANIDX" --corpus "$CORPUS" --db "$WORK/file" $cmd
  expect_code 2 "iranidx $cmd --db FILE"
  expect_err "$WORK/file: not an index" "iranidx $cmd --db FILE names it"
done
expect_eq "$(cat "$WORK/file")" "not an index" "the file is left as it was"
run "$IRANSEARCH" --db "$WORK/file" Qatar
expect_code 2 "iransearch --db FILE"
expect_err "$WORK/file: not an index" "iransearch says the file is not an index"

# A FIFO: refused at once, never opened for reading (that would hang).
mkfifo "$WORK/fifo"
run timeout 20 "$IRANIDX" --corpus "$CORPUS" --db "$WORK/fifo" status
expect_code 2 "iranidx status --db FIFO"
expect_err "a named pipe" "the FIFO is named as such"
run timeout 20 "$IRANSEARCH" --db "$WORK/fifo" Qatar
expect_code 2 "iransearch --db FIFO"

# A directory of other files (the corpus given as --db by mistake): not an index, and
# no build writes an index into it.
before=$(ls -A "$CORPUS" | sort)
for cmd in status check build; do
  # shellcheck disable=SC2086
  run "$IRANIDX" --corpus "$CORPUS" --db "$CORPUS" $cmd
  expect_code 2 "iranidx $cmd --db CORPUS"
  expect_err "$CORPUS: not an index: the directory holds other files" "iranidx $cmd names the foreign directory"
done
expect_eq "$(ls -A "$CORPUS" | sort)" "$before" "nothing written into the foreign directory"
# A new or empty directory is where a first build goes.
mkdir "$WORK/empty"
run "$IRANIDX" --corpus "$CORPUS" --db "$WORK/empty" status
expect_code 0 "status on an empty directory"
expect_out "none yet" "an empty directory has no index yet"

# iran.schema is checked. A newer (or unknown) schema: every command refuses it, exit 2.
gen=$(ls -d "$DB"/gen-* | tail -n 1)
xapian-metadata set "$gen" iran.schema 999
for cmd in status check build stats; do
  idx $cmd
  expect_code 2 "iranidx $cmd on a newer schema"
  expect_err "schema version '999', which this" "iranidx $cmd names the newer schema"
done
search Qatar
expect_code 2 "iransearch on a newer schema"
expect_err "schema version '999'" "iransearch names the newer schema"
expect_err "made by a newer iranidx" "the refusal says where the index came from"
xapian-metadata set "$gen" iran.schema banana
search Qatar
expect_code 2 "iransearch on an unknown schema"
expect_err "schema version 'banana'" "an unknown schema named"
# build --full replaces it with an index of this schema.
idx build --full
expect_code 0 "build --full replaces an index of a newer schema"
search --country Tajikistan --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002" "searchable after the full rebuild"

# An older schema: searches refuse it until a build upgrades it (every article redone).
gen=$(ls -d "$DB"/gen-* | tail -n 1)
xapian-metadata set "$gen" iran.schema 1
search Qatar
expect_code 2 "iransearch on an older schema"
expect_err "run \`iranidx build\` on it to update it" "the older schema says how to upgrade"
idx build
expect_code 0 "build upgrades an older schema"
expect_err "every article was reindexed" "the upgrade redoes every article"
search --country Tajikistan --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002" "searchable after the upgrade"

finish
