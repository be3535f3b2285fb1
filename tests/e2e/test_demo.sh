#!/usr/bin/env bash
# scripts/demo shows results, not build output: the build is quiet unless it fails, and
# then its log is shown. Run on a copy of the tree whose setup and build steps are stand-ins
# (setup: nothing to install; build: a noisy build that links the programs under test),
# so the demo's own searches run on the real programs.
source "$(dirname "$0")/lib.sh"

tree=$WORK/tree
mkdir -p "$tree/scripts"
cp "$IRAN_SOURCE_DIR/scripts/demo" "$tree/scripts/demo"
cp -r "$IRAN_SOURCE_DIR/corpus" "$tree/corpus"
printf '#!/bin/sh\nexit 0\n' >"$tree/scripts/setup"
cat >"$tree/scripts/build" <<SH
#!/bin/sh
echo "-- Configuring done"
i=0; while [ \$i -lt 200 ]; do echo "[ \$((i / 2))%] Building CXX object common/x\$i.cc.o"; i=\$((i + 1)); done
echo "warning: unused variable in x.cc" >&2
mkdir -p build/bin && ln -sf "$IRANIDX" build/bin/iranidx && ln -sf "$IRANSEARCH" build/bin/iransearch
SH
chmod +x "$tree/scripts/setup" "$tree/scripts/build" "$tree/scripts/demo"

mkdir -p "$WORK/tmp"
run env TMPDIR="$WORK/tmp" "$tree/scripts/demo"
expect_code 0 "the demo runs"
expect_out "building iranidx and iransearch ... done" "one line for the build"
grep -qE 'Building CXX|Configuring|%\]|unused variable' <<<"$OUT$ERR" && fail "build output shown" || pass
expect_out "iranidx: added 5" "the index is built"
expect_out "No article has all the words; showing articles with any of them." "the fallback is shown"
expect_out "Did you mean" "the suggestion is shown"
expect_out "rank,path,title" "the CSV output is shown"
grep -qE '^[0-9]+\. ' <<<"$OUT" && pass || fail "search results are shown"
grep -q 'error' <<<"$ERR" && fail "no errors from the demo's searches" || pass
expect_out '$ build/bin/iransearch "neighborhood policy" --country Qatar' "each search shown with its command"
expect_eq "$(ls -A "$WORK/tmp")" "" "the demo removes its index and build log"

# A build that fails: its log is shown, and the demo stops there.
cat >"$tree/scripts/build" <<'SH'
#!/bin/sh
echo "[ 50%] Building CXX object common/broken.cc.o"
echo "common/broken.cc:3:1: error: expected ';' before '}' token" >&2
exit 1
SH
rm -rf "$tree/build"
run "$tree/scripts/demo"
expect_code 1 "a failed build fails the demo"
expect_out "failed:" "says the build failed"
expect_out "common/broken.cc:3:1: error: expected ';'" "and shows the build's log"
grep -q '^\$ ' <<<"$OUT" && fail "no searches after a failed build" || pass

finish
