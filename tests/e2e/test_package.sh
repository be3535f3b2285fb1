#!/usr/bin/env bash
# `cpack -G DEB` makes a .deb holding the programs, data, man pages and completions, with
# its library dependencies declared.
source "$(dirname "$0")/lib.sh"
: "${IRAN_BUILD_DIR:?}"
command -v dpkg-deb >/dev/null || { echo "skipped: no dpkg-deb"; exit 0; }

run cpack -G DEB --config "$IRAN_BUILD_DIR/CPackConfig.cmake" -B "$WORK/pkg"
expect_code 0 "cpack -G DEB"
deb=$(ls "$WORK"/pkg/iranidx_*_amd64.deb "$WORK"/pkg/iranidx_*.deb 2>/dev/null | head -1)
[ -f "$deb" ] && pass || fail "no .deb made: $(ls "$WORK/pkg")"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/iranidx ./usr/bin/iransearch ./usr/libexec/iransearch-serve ./usr/share/iranidx/countries.tsv ./usr/share/man/man1/iransearch.1 \
         ./usr/share/man/man7/iransearch-query.7 ./usr/share/bash-completion/completions/iransearch \
         ./usr/share/zsh/vendor-completions/_iransearch ./usr/share/doc/iranidx/examples/crontab; do
  grep -qxF "$f" <<<"$contents" && pass || fail "the .deb lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
grep -q libxapian <<<"$depends" && grep -q libicu <<<"$depends" && pass || fail "Depends lacks xapian/icu: $depends"

# Unpacked, the programs run and find their data under /usr/share/iranidx's copy.
dpkg-deb -x "$deb" "$WORK/root"
run env -u IRANIDX_DATA_DIR "$WORK/root/usr/bin/iranidx" --corpus "$CORPUS" --db "$DB" build
expect_code 0 "packaged iranidx builds"
run env -u IRANIDX_DATA_DIR "$WORK/root/usr/bin/iransearch" --db "$DB" Qatar talks
expect_eq "$(hit_ids)" "003" "packaged iransearch answers"
run env -u IRANIDX_DATA_DIR "$WORK/root/usr/bin/iransearch" serve --help
expect_code 0 "packaged iransearch serve finds its server executable"

finish
