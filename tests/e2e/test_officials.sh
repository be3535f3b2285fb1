#!/usr/bin/env bash
# Open-world officials (issue 10): discovered people in the facet and in
# `iranidx officials --discovered`, `--official` of an unlisted name, cross-script
# matching by transliteration key, and the user's own gazetteer file.
source "$(dirname "$0")/lib.sh"

fixtures="$IRAN_SOURCE_DIR/tests/fixtures/entities-dev"
cp "$fixtures/en-18-iraq-interior-minister-tehran.txt" "$fixtures/ar-16-araji-baghdad-tehran.txt" \
   "$fixtures/fa-01-sadegh-rail-turkmenistan.txt" "$CORPUS/"
idx build --quiet
expect_code 0 "build"

idx officials --discovered
expect_code 0 "officials --discovered"
expect_out "Qasim al-Araji (qasim-al-araji)  [discovered, national security adviser, IQ; also written قاسم الأعرجي (qasm-alarjy)]" "discovered with role and country, one person in two scripts"
expect_out "    qasim-al-araji	en	Qasim al-Araji" "a gazetteer row to paste"
expect_out "    qasim-al-araji	ar	قاسم الأعرجي" "the Arabic spelling as a row of the same ID"
expect_out "    qasim-al-araji	country	IQ" "its country row"
grep -qF "(qasm-alarjy)  [" <<<"$OUT" && fail "the Arabic spelling is no row of its own" || pass
grep -qF "ali-bagheri-kani" <<<"$OUT" && fail "listed officials are not in --discovered" || pass

# The facet marks them; the same person is found in both scripts by name key.
search --official "Qasim al-Araji" --json
expect_code 0 "--official of a discovered name"
expect_out '"discovered":true' "facet value marked discovered"
expect_out "ar-16-araji-baghdad-tehran.txt" "the Arabic article, by the name's key"
expect_out "en-18-iraq-interior-minister-tehran.txt" "the English article"
expect_err "not in the gazetteer" "says it is not a listed official"

# A name nobody lists or discovered: searched as written and by its key; no error.
search --official "Nobody Atall"
expect_code 1 "unknown name: no hits, not an error"
expect_err "searching for the name itself" "says what it did"
search --official "Alarji"  # one word, another spelling: found by key in both scripts
expect_code 0 "a spelling variant finds the article"

# The user's gazetteer: rows pasted from --discovered make a listed official, with both
# spellings.
mkdir -p "$XDG_CONFIG_HOME/iranidx"
idx officials --discovered
grep -E '^    qasim-al-araji	' <<<"$OUT" | sed 's/^    //' > "$XDG_CONFIG_HOME/iranidx/gazetteer.tsv"
idx build --quiet
expect_code 0 "build with a local gazetteer"
idx officials --discovered
grep -qF "(qasim-al-araji)" <<<"$OUT" && fail "a listed official is no longer discovered" || pass
search --official "قاسم الأعرجي"
expect_code 0 "the local name resolves"
[ -z "$ERR" ] && pass || fail "no note for a listed name: $ERR"
expect_out "ar-16-araji-baghdad-tehran.txt" "the Arabic article"
expect_out "en-18-iraq-interior-minister-tehran.txt" "and the English one, one ID"

# A bad row in it: named by file and line, nothing indexed.
printf 'Bad Slug\ten\tX\n' >> "$XDG_CONFIG_HOME/iranidx/gazetteer.tsv"
idx build
expect_code 2 "a malformed local gazetteer stops the run"
expect_err "gazetteer.tsv:5: \"Bad Slug\" is not a slug" "names the file and line"

finish
