#!/usr/bin/env bash
# The page of `iransearch serve` in a real browser (Debian's headless Chromium through
# python3-selenium and chromium-driver): web_browser.py types a query, clicks a country
# facet, opens an article, checks directions, fonts and the 360 px layout, and fails on
# any console error. Screenshots are kept in <build>/test-artefacts/web/.
source "$(dirname "$0")/lib.sh"
: "${IRAN_BUILD_DIR:?}"
for need in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$need" ] || { fail "$need is missing: run scripts/setup"; finish; exit; }
done
/usr/bin/python3 -c 'import selenium' 2>/dev/null || { fail "python3-selenium is missing: run scripts/setup"; finish; exit; }

export XDG_CONFIG_HOME=$WORK/xdg-config XDG_STATE_HOME=$WORK/xdg-state  # no settings of the machine's
unset IRANIDX_DB IRANIDX_CORPUS
cp "$IRAN_SOURCE_DIR"/tests/fixtures/web/* "$CORPUS"/
idx build
expect_code 0 "build"
search --save arabic-qatar Qatar --lang ar
expect_code 0 "a saved search for the page to list"
"$IRANSEARCH" serve --db "$DB" --listen 127.0.0.1:0 2>"$WORK/serve.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
port=""
for _ in $(seq 200); do
  port=$(grep -oE 'serving http://127\.0\.0\.1:[0-9]+/' "$WORK/serve.err" | grep -oE '[0-9]+/$' | tr -d /)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] && pass || fail "the server did not start" "$(cat "$WORK/serve.err")"

shots="$IRAN_BUILD_DIR/test-artefacts/web"
rm -rf "$shots"
HOME="$WORK" /usr/bin/python3 "$(dirname "$0")/web_browser.py" "http://127.0.0.1:$port/" "$shots" && pass || fail "web_browser.py"
for f in results-en.png results-ar.png article.png phone-360.png; do
  [ -s "$shots/$f" ] && pass || fail "no screenshot $f"
done
kill "$pid" && wait "$pid"
CODE=$?
expect_code 0 "the server stops on SIGTERM"
finish
