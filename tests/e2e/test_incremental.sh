#!/usr/bin/env bash
# Incremental builds: unchanged files are not read, edited ones replaced, renamed ones moved,
# removed ones deleted; status and check agree with what a build does.
source "$(dirname "$0")/lib.sh"

idx build
expect_code 0 "first build"
idx build
expect_code 0 "second build"
expect_out "added 0, updated 0, deleted 0, unchanged 5, failed 0" "second build changes nothing"
expect_out "(index unchanged)" "second build says so"

# Content decides: a touch is not an update, a same-size edit is.
touch -d '2030-01-01' "$CORPUS"/000_*.txt
idx build
expect_out "added 0, updated 0, deleted 0, unchanged 5, failed 0" "touch without a change is not an update"
idx build --json
expect_out '"touched":0' "the touch was recorded: the next run does not read the file again"
sed -i 's/Shamkhani also said/Shamkhani also SAID/' "$CORPUS"/000_*.txt
idx build
expect_out "added 0, updated 1, deleted 0, unchanged 4, failed 0" "a same-size edit updates one"

# A rename is a move, not a delete plus an add.
mv "$CORPUS"/002_7e6563937ee8c686.txt "$CORPUS/002-renamed.txt"
mv "$CORPUS"/002_7e6563937ee8c686.txt.meta "$CORPUS/002-renamed.txt.meta"
idx build --verbose
expect_out "added 0, updated 0, deleted 0, unchanged 4, failed 0, moved 1" "rename counted as a move"
expect_err "moved 002-renamed.txt" "--verbose names the move"
search sanctions --limit 50
expect_out "002-renamed.txt" "renamed article found under its new path"
mv "$CORPUS/002-renamed.txt" "$CORPUS"/002_7e6563937ee8c686.txt
mv "$CORPUS/002-renamed.txt.meta" "$CORPUS"/002_7e6563937ee8c686.txt.meta
idx build --quiet
expect_out "moved 1" "renamed back"

rm "$CORPUS"/004_*.txt "$CORPUS"/004_*.txt.meta
idx build
expect_out "added 0, updated 0, deleted 1, unchanged 4, failed 0" "delete deletes one"
search --official "Bagheri Kani" --limit 50
expect_eq "$(sorted_hit_ids)" "001 003" "deleted article is gone"

mkdir -p "$CORPUS/sub dir"
printf 'Emir of Qatar meets Raisi in Doha.\n' >"$CORPUS/sub dir/new article.txt"
idx build
expect_out "added 1, updated 0, deleted 0, unchanged 4, failed 0" "new file in a subfolder"
search Emir --country Qatar
expect_out "sub dir/new article.txt" "new file is searchable"

# A sidecar edit is a change of its article.
sed -i 's/^date: .*/date: 2021-12-14/' "$CORPUS"/000_*.txt.meta
idx build
expect_out "added 0, updated 1, deleted 0, unchanged 4, failed 0" "sidecar edit updates its article"
search --from 2021-12-14 --to 2021-12-14
expect_eq "$(hit_ids)" "000" "the new date is searchable"

# status and check see what a build would do.
echo "Oman and Iran sign a deal." >"$CORPUS/pending.txt"
idx status
expect_code 0 "status"
expect_out "pending:       1 new, 0 changed, 0 moved, 0 removed" "status counts pending files"
expect_out "build running: no" "status: no build running"
idx check
expect_code 1 "check finds a difference"
expect_out "pending.txt: not indexed" "check names the file"
idx check --repair
expect_code 0 "repair"
idx check
expect_code 0 "consistent after repair"
expect_out "0 differences" "check says so"

# Xapian's own tools read and verify the index.
run xapian-check "$(ls -d "$DB"/gen-* | tail -n 1)"
expect_code 0 "xapian-check"
delve=$(command -v xapian-delve || command -v delve)  # Debian renames it xapian-delve
if [ -n "$delve" ]; then
  run "$delve" "$DB"
  expect_code 0 "delve opens the index"
  expect_out "number of documents = 6" "delve counts the documents"
  run "$delve" -t XCqa "$DB"
  expect_code 0 "delve reads a country term"
else
  fail "neither xapian-delve nor delve is installed (scripts/setup installs xapian-tools)"
fi

finish
