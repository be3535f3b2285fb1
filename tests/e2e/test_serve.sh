#!/usr/bin/env bash
# `iransearch serve`: every API endpoint, the same JSON as `iransearch --json`, bad input,
# a reindex under the running server, no index yet (serve_api.py does the talking).
source "$(dirname "$0")/lib.sh"
cp "$IRAN_SOURCE_DIR"/tests/fixtures/web/* "$CORPUS"/
idx build
expect_code 0 "build the corpus with the Arabic and Persian fixtures"
# The server is its own executable (searcher/serve_launch.h): a search process loads no
# HTTP library (nor the OpenSSL it pulls in), and `iransearch serve` still starts it.
needed=$(readelf -d "$IRANSEARCH" | grep NEEDED)
grep -q . <<<"$needed" && ! grep -qiE "httplib|libssl|libcrypto" <<<"$needed" && pass \
  || fail "iransearch links the HTTP server's libraries" "$needed"
run "$IRANSEARCH" serve --help
expect_code 0 "iransearch serve --help"
expect_out "--listen" "the server's own options"
run "$IRANSEARCH" --db "$DB" serve --listen nonsense:port
expect_code 2 "a bad --listen, through the server executable"
# Without its server executable, iransearch says where it looked.
mkdir -p "$WORK/lone/bin"
cp "$IRANSEARCH" "$WORK/lone/bin/iransearch"
run "$WORK/lone/bin/iransearch" --db "$DB" serve
expect_code 2 "serve with no iransearch-serve installed"
expect_err "libexec/iransearch-serve" "the message names the missing executable"
python3 "$(dirname "$0")/serve_api.py" "$IRANIDX" "$IRANSEARCH" "$CORPUS" "$DB" "$WORK" && pass || fail "serve_api.py"
finish
