#!/usr/bin/env bash
# Issue 15, "stuck or wrong" and "security", end to end: a FIFO sidecar, device links and
# links leaving the corpus in the corpus; a FIFO, device, directory or huge file given as
# a settings file. Nothing hangs (each run is under `timeout`), nothing outside the
# corpus becomes searchable, and each is named in one line.
source "$(dirname "$0")/lib.sh"

idx build --quiet
expect_code 0 "seed build"

# A FIFO as a sidecar: build and status go on (they used to hang holding the lock).
printf 'Article about Mauritania fisheries.\n' >"$CORPUS/fifo-meta.txt"
mkfifo "$CORPUS/fifo-meta.txt.meta"
run timeout 60 "$IRANIDX" --corpus "$CORPUS" --db "$DB" build
[ "$CODE" != 124 ] && pass || fail "build hung on a FIFO sidecar"
expect_code 1 "a FIFO sidecar makes the run partial"
expect_err "fifo-meta.txt.meta: a named pipe (FIFO), not a regular file" "the FIFO sidecar is named"
run timeout 60 "$IRANIDX" --corpus "$CORPUS" --db "$DB" status
[ "$CODE" != 124 ] && pass || fail "status hung on a FIFO sidecar"
expect_code 0 "status with a FIFO sidecar"
expect_out "1 failing" "status counts the FIFO sidecar as failing"
rm "$CORPUS/fifo-meta.txt.meta"

# Links to devices: "not a regular file", never "broken symbolic link", never read.
ln -s /dev/zero "$CORPUS/zero.txt"
ln -s /dev/urandom "$CORPUS/random.txt"
run timeout 60 "$IRANIDX" --corpus "$CORPUS" --db "$DB" build
expect_code 1 "device links make the run partial"
expect_err "zero.txt: not a regular file (a link to a character device)" "the /dev/zero link is named"
expect_err "random.txt: not a regular file (a link to a character device)" "the /dev/urandom link is named"
grep -q "broken symbolic link" <<<"$ERR" && fail "a device link reported as broken" || pass
rm "$CORPUS/zero.txt" "$CORPUS/random.txt"

# Links to files outside the corpus are not followed: nothing from them is searchable,
# unless --follow-symlinks.
mkdir -p "$WORK/private"
printf 'Private memo about Vanuatu passwords.\n' >"$WORK/private/memo.txt"
ln -s "$WORK/private/memo.txt" "$CORPUS/memo.txt"
ln -s "$WORK/private" "$CORPUS/private-dir"
ln -s /etc/passwd "$CORPUS/passwd.txt"
idx build
expect_code 0 "links leaving the corpus are not failures"
expect_err "memo.txt: symbolic link leading outside the corpus: not followed" "the link leaving the corpus is named"
search Vanuatu
expect_code 1 "nothing behind a link leaving the corpus is searchable"
search root --format paths
grep -q passwd <<<"$OUT" && fail "/etc/passwd became searchable" || pass
idx build --follow-symlinks
expect_code 0 "--follow-symlinks"
search Vanuatu --format paths
expect_out "memo.txt" "--follow-symlinks indexes the file behind the link"
expect_out "private-dir/memo.txt" "--follow-symlinks follows the folder link too"
rm "$CORPUS/memo.txt" "$CORPUS/private-dir" "$CORPUS/passwd.txt"
idx build --allow-mass-delete --quiet
search Vanuatu
expect_code 1 "the followed files go once the links are removed"

# Settings files: a device, a FIFO, a directory or a huge file is refused at once,
# naming the file; both programs, and saved searches.
mkfifo "$WORK/fifo.toml"
mkdir "$WORK/dir.toml"
truncate -s 200M "$WORK/huge.toml"
for prog in "$IRANIDX status" "$IRANSEARCH Qatar"; do
  for bad in /dev/zero "$WORK/fifo.toml" "$WORK/dir.toml" "$WORK/huge.toml"; do
    # shellcheck disable=SC2086
    run timeout 60 ${prog%% *} --db "$DB" --config "$bad" ${prog#* }
    [ "$CODE" != 124 ] && pass || fail "${prog%% *} --config $bad hung"
    expect_code 2 "${prog%% *} --config $bad"
    expect_err "--config $bad: " "${prog%% *} --config $bad names the file"
  done
done
run timeout 60 "$IRANSEARCH" --db "$DB" --config /dev/zero Qatar
expect_err "not a regular file (a character device)" "a device is named as such"
run timeout 60 "$IRANSEARCH" --db "$DB" --config "$WORK/huge.toml" Qatar
expect_err "too large: 209715200 bytes" "a huge settings file is refused by its size"
# The default config file and a saved search as FIFOs.
mkdir -p "$XDG_CONFIG_HOME/iranidx/searches"
mkfifo "$XDG_CONFIG_HOME/iranidx/searches/stuck.toml"
run timeout 60 "$IRANSEARCH" --db "$DB" @stuck
[ "$CODE" != 124 ] && pass || fail "a FIFO saved search hung"
expect_code 2 "a FIFO saved search"
expect_err "stuck.toml: not a regular file" "the FIFO saved search is named"
ln -s /dev/zero "$XDG_CONFIG_HOME/iranidx/config.toml"
run timeout 60 "$IRANIDX" --corpus "$CORPUS" --db "$DB" status
expect_code 2 "a default config file linked to /dev/zero"
expect_err "config.toml: not a regular file" "the default config file is named"
rm "$XDG_CONFIG_HOME/iranidx/config.toml"
# The user's gazetteer (IRANIDX_GAZETTEER) as a device.
run timeout 60 env IRANIDX_GAZETTEER=/dev/zero "$IRANIDX" --corpus "$CORPUS" --db "$DB" status
[ "$CODE" != 124 ] && pass || fail "IRANIDX_GAZETTEER=/dev/zero hung"
expect_code 2 "IRANIDX_GAZETTEER=/dev/zero"
expect_err "/dev/zero: not a regular file (a character device)" "the gazetteer file is named"
# The last search remembered for `iransearch show N`, as a FIFO.
mkdir -p "$XDG_STATE_HOME/iranidx"
rm -f "$XDG_STATE_HOME/iranidx/last-search.tsv"
mkfifo "$XDG_STATE_HOME/iranidx/last-search.tsv"
run timeout 60 "$IRANSEARCH" show 1 --db "$DB"
[ "$CODE" != 124 ] && pass || fail "show hung on a FIFO state file"
expect_code 2 "a FIFO state file"
expect_err "last-search.tsv: not a regular file" "the FIFO state file is named"

finish
