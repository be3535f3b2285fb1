#!/usr/bin/env bash
# `iransearch serve`: every API endpoint, the same JSON as `iransearch --json`, bad input,
# a reindex under the running server, no index yet (serve_api.py does the talking).
source "$(dirname "$0")/lib.sh"
cp "$IRAN_SOURCE_DIR"/tests/fixtures/web/* "$CORPUS"/
idx build
expect_code 0 "build the corpus with the Arabic and Persian fixtures"
python3 "$(dirname "$0")/serve_api.py" "$IRANIDX" "$IRANSEARCH" "$CORPUS" "$DB" "$WORK" && pass || fail "serve_api.py"
finish
