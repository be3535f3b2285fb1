#!/usr/bin/env bash
# Incremental builds: unchanged files are skipped, touched ones replaced, removed ones deleted.
source "$(dirname "$0")/lib.sh"

idx build
expect_code 0 "first build"
idx build
expect_code 0 "second build"
expect_out "added 0, updated 0, deleted 0, unchanged 5, failed 0" "second build changes nothing"
expect_out "(index unchanged)" "second build says so"

touch -d '2030-01-01' "$CORPUS"/000_*.txt
idx build
expect_out "added 0, updated 1, deleted 0, unchanged 4, failed 0" "touch updates one"

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

# Xapian's own tools read and verify the index.
if command -v xapian-check >/dev/null; then
  run xapian-check "$(ls -d "$DB"/gen-* | tail -n 1)"
  expect_code 0 "xapian-check"
fi
if command -v delve >/dev/null; then
  run delve "$DB"
  expect_code 0 "delve opens the index"
  expect_out "number of documents = 5" "delve counts the documents"
fi

finish
