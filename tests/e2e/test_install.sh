#!/usr/bin/env bash
# `cmake --install` gives working programs that find their data away from the source tree.
source "$(dirname "$0")/lib.sh"
: "${IRAN_BUILD_DIR:?}"

prefix=$WORK/prefix
run cmake --install "$IRAN_BUILD_DIR" --prefix "$prefix"
expect_code 0 "cmake --install"
for f in bin/iranidx bin/iransearch share/iranidx/countries.tsv share/iranidx/officials.tsv share/iranidx/sources.tsv share/iranidx/web/index.html share/iranidx/web/app.js share/iranidx/web/style.css; do
  [ -e "$prefix/$f" ] && pass || fail "not installed: $f"
done

# Run the installed copies from elsewhere, with the source and build trees out of reach.
cp -r "$prefix" "$WORK/moved"
cd "$WORK"
run env -u IRANIDX_DATA_DIR "$WORK/moved/bin/iranidx" --corpus "$CORPUS" --db "$DB" build
expect_code 0 "installed iranidx builds"
run env -u IRANIDX_DATA_DIR "$WORK/moved/bin/iransearch" --db "$DB" --country قطر
expect_code 0 "installed iransearch finds its gazetteers"
expect_eq "$(hit_ids)" "003" "installed search answers"

# Without its installed data a program falls back to the source tree it was built from,
# or, with that gone too, says where it looked.
rm -rf "$WORK/moved/share"
run env -u IRANIDX_DATA_DIR "$WORK/moved/bin/iransearch" --db "$DB" Qatar
if [ "$CODE" = 2 ]; then expect_err "looked in" "missing data named"; else expect_code 0 "source-tree fallback"; fi
run env IRANIDX_DATA_DIR="$WORK/nowhere" "$WORK/moved/bin/iransearch" --db "$DB" Qatar
expect_code 2 "IRANIDX_DATA_DIR pointing nowhere"

finish
