#!/usr/bin/env bash
# Each class of awkward input, as a real file: decoded or named in one line, the rest of
# the corpus indexed, the exit code saying whether the run was partial, nothing lost.
source "$(dirname "$0")/lib.sh"

idx build
expect_code 0 "seed build"

# Decodable variants index cleanly (exit 0) and are searchable.
printf '\xef\xbb\xbfBOM article about Turkmenistan gas.\n' >"$CORPUS/bom.txt"
printf 'CRLF article\r\nabout Armenia border trade.\r\n' >"$CORPUS/crlf.txt"
printf 'UTF-16 article about Kuwait ports.\n' | iconv -f UTF-8 -t UTF-16 >"$CORPUS/utf16.txt"
printf 'Name with spaces: Bahrain talks.\n' >"$CORPUS/with spaces.txt"
printf 'مقالة عن العلاقات مع البحرين\n' >"$CORPUS/مقالة عربية.txt"
mkdir -p "$CORPUS/loop" && ln -s .. "$CORPUS/loop/up"        # a symlink loop
ln -s /nonexistent "$CORPUS/dangling.txt"                     # a broken link
idx build
expect_code 1 "decodable files index; the broken link makes the run partial"
expect_err "dangling.txt: broken symbolic link" "broken link named"
expect_out "added 5" "BOM, CRLF, UTF-16, spaces and Arabic names all indexed"
search Turkmenistan gas
expect_out "bom.txt" "BOM stripped"
search Armenia border
expect_out "crlf.txt" "CRLF read"
search Kuwait ports
expect_out "utf16.txt" "UTF-16 converted"
search البحرين
expect_out "مقالة عربية.txt" "non-ASCII file name"
rm "$CORPUS/dangling.txt"

# A 200 MB file is refused by size without being read.
truncate -s 200M "$CORPUS/huge.txt"
idx build
expect_code 1 "huge file makes the run partial"
expect_err "huge.txt: too large: 209715200 bytes" "huge file named with its size"
rm "$CORPUS/huge.txt"

# A file that disappears between the walk and the read is a removal, not a failure.
for i in $(seq 1 400); do printf 'Filler %d on Iraq.\n' "$i" >"$CORPUS/filler-$i.txt"; done
idx build --quiet
expect_code 0 "filler build"
for i in $(seq 1 400); do printf 'Filler %d on Iraq, edited.\n' "$i" >"$CORPUS/filler-$i.txt"; done
"$IRANIDX" --corpus "$CORPUS" --db "$DB" build --batch 10 >"$WORK/vanish.out" 2>"$WORK/vanish.err" &
builder=$!
sleep 0.05
rm -f "$CORPUS"/filler-3*.txt
wait "$builder"
code=$?
[ "$code" = 0 ] && pass || fail "vanishing files failed the run (exit $code): $(head -c 300 "$WORK/vanish.err")"
# Files read before they were removed stay indexed until the next run, which
# removes them; no file that still exists may be missing or stale.
search edited --limit 1000 --format paths
for i in 1 2 99 100 200 299 400; do
  grep -q "filler-$i.txt\$" <<<"$OUT" || { fail "filler-$i.txt lost or stale after files vanished"; break; }
done
[ "$i" = 400 ] && pass
idx build --quiet
expect_code 0 "the next run settles the vanished files"
idx check
expect_code 0 "index in line with the corpus after files vanished"

# A corpus folder that does not exist, and an index that cannot be written.
run "$IRANIDX" --corpus "$WORK/missing" --db "$DB" build
expect_code 2 "missing corpus"
expect_err "$WORK/missing: corpus directory does not exist" "missing corpus named"
# A walk that fails changes nothing: no index is started at a new --db (the walk runs
# before the index is opened, although the current one is read beside it).
run "$IRANIDX" --corpus "$WORK/missing" --db "$WORK/new-index" build
expect_code 2 "missing corpus, new index"
if ls -d "$WORK"/new-index/gen-* >/dev/null 2>&1 || [ -e "$WORK/new-index/XAPIANDB" ]; then
  fail "a failed walk started an index: $(ls "$WORK/new-index" | tr '\n' ' ')"
else
  pass
fi
printf 'x' >"$WORK/not-a-dir"
run "$IRANIDX" --corpus "$CORPUS" --db "$WORK/not-a-dir" build
expect_code 2 "index path is a file"
expect_err "not-a-dir" "bad index path named"

# A full file system: the build fails with one line, the committed index stays whole.
# (3 MB: an index of the five seeds takes about 1 MB, most of it spelling data.)
mnt=$WORK/small
mkdir -p "$mnt"
if mount -t tmpfs -o size=3m tmpfs "$mnt" 2>/dev/null; then
  mkdir "$mnt/corpus" && cp "$CORPUS"/00[0-4]_* "$mnt/corpus/"
  run "$IRANIDX" --corpus "$mnt/corpus" --db "$mnt/index" build
  expect_code 0 "small index fits"
  python3 "$IRAN_SOURCE_DIR/scripts/gen-corpus" "$WORK/bulk" 1500 >/dev/null
  cp -r "$WORK/bulk" "$mnt/corpus/bulk" 2>/dev/null
  run "$IRANIDX" --corpus "$mnt/corpus" --db "$mnt/index" build --batch 200
  expect_code 2 "disk full stops the build"
  expect_err "iranidx: error:" "disk full reported in one line"
  rm -rf "$mnt/corpus/bulk"
  run "$IRANSEARCH" --db "$mnt/index" --country Tajikistan --limit 50
  expect_eq "$(sorted_hit_ids)" "000 001 002" "committed index intact after disk full"
  run "$IRANIDX" --corpus "$mnt/corpus" --db "$mnt/index" build
  [ "$CODE" -le 1 ] && pass || fail "build after freeing space exited $CODE"
  # Read-only: remount and try to build.
  if mount -o remount,ro "$mnt" 2>/dev/null; then
    echo "new" >"$WORK/x.txt"
    run "$IRANIDX" --corpus "$mnt/corpus" --db "$mnt/index" build
    expect_code 2 "read-only index"
    expect_err "Read-only file system" "read-only named"
    run "$IRANSEARCH" --db "$mnt/index" --country Tajikistan --limit 50
    expect_eq "$(sorted_hit_ids)" "000 001 002" "read-only index still searchable"
  fi
  umount "$mnt"
else
  echo "skipped: full and read-only file system checks (mount not permitted here)"
fi

finish
