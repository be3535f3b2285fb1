#!/usr/bin/env bash
# One discovered person spelled in Latin letters in one article and in Arabic script in
# another is one official facet value (index/discovered_merge.h): counted once per
# article, found by either spelling or ID, listed once by `iranidx officials
# --discovered`; two people whose skeletons collide (Hassan/Hussein) or whose countries
# differ stay apart (issue 10).
source "$(dirname "$0")/lib.sh"

# One person in two scripts (Qasim al-Araji / قاسم الأعرجي) and two people whose
# skeletons collide (Hassan Ghandour / حسين غندور): tests/fixtures/discovered/.
cp "$IRAN_SOURCE_DIR"/tests/fixtures/discovered/{en,ar}-araji.txt "$CORPUS/"

# Both spellings in one article: one article for the person, not two.
cat > "$CORPUS/mixed-araji.txt" <<'TXT'
Iraq's interior minister visits Tehran

Iraqi Interior Minister Qasim al-Araji arrived in Tehran on Monday. Araji met his Iranian counterpart.

نص التصريح: قال وزير الداخلية العراقي قاسم الأعرجي إن الزيارة ناجحة.
TXT
cat > "$CORPUS/en-ghani.txt" <<'TXT'
Oil output talks

Iraqi Oil Minister Hayan Abdul Ghani said output would rise next month.
TXT
cat > "$CORPUS/ar-ghani.txt" <<'TXT'
محادثات الإنتاج النفطي

قال وزير النفط الكويتي حيان عبد الغني إن الإنتاج سيرتفع الشهر المقبل.
TXT
idx build --quiet
expect_code 0 "build"

facet_count() {  # facet_count VALUE: the official facet's count of VALUE in $OUT (JSON)
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(next((str(v["count"]) for v in d["facets"]["official"] if v["value"]==sys.argv[1]), "none"))' "$1" <<<"$OUT"
}

search --json --facet-limit 0 ""
expect_code 0 "all articles"
expect_eq "$(facet_count qasim-al-araji)" "3" "the person's articles, the one naming both spellings once"
expect_eq "$(facet_count qasm-alarjy)" "none" "the Arabic spelling is no value of its own"
expect_out '"label":"Qasim al-Araji (قاسم الأعرجي)"' "labelled with both spellings"
expect_out '"merged_ids":["qasm-alarjy"]' "the joined ID is named"
# Hassan and Hussein share a skeleton (h-s-n) but not their vowels; one country each
# for Hayan Abdul Ghani (IQ, KW): both pairs stay two values.
expect_eq "$(facet_count hassan-ghandour)" "1" "Hassan Ghandour on his own"
expect_eq "$(facet_count hsyn-ghndwr)" "1" "حسين غندور on his own"
expect_eq "$(facet_count hayan-abdul-ghani)" "1" "different countries: not joined"
expect_eq "$(facet_count hyan-abd-alghny)" "1" "different countries: not joined (Arabic)"
# A hit lists the person once, under the facet's ID.
python3 -c 'import json,sys
d=json.load(sys.stdin)
h=[h for h in d["hits"] if h["path"]=="mixed-araji.txt"][0]
sys.exit(0 if h["officials"].count("qasim-al-araji")==1 and "qasm-alarjy" not in h["officials"] else 1)' <<<"$OUT" \
  && pass || fail "the mixed article's officials name the person once"

# --official of either spelling, either ID, or the canonical one: all three articles.
for value in qasim-al-araji qasm-alarjy "Qasim al-Araji" "قاسم الأعرجي"; do
  search --official "$value" --json
  expect_code 0 "--official '$value'"
  for f in en-araji.txt ar-araji.txt mixed-araji.txt; do expect_out "\"path\":\"$f\"" "--official '$value' finds $f"; done
done
# An ID means that person only, not a skeleton twin.
search --official hassan-ghandour --json
expect_out '"path":"en-araji.txt"' "Hassan Ghandour's article"
grep -qF '"path":"ar-araji.txt"' <<<"$OUT" && fail "--official hassan-ghandour found حسين غندور's article" || pass
search --official "Hussein Ghandour" --json
expect_out '"path":"ar-araji.txt"' "Hussein Ghandour by key: حسين غندور"
grep -qF '"path":"en-araji.txt"' <<<"$OUT" && fail "Hussein Ghandour found Hassan Ghandour" || pass

# The text facet and the officials list: once, both spellings visible.
search --facets --facet-limit 0 ""
expect_out "Qasim al-Araji (قاسم الأعرجي) (qasim-al-araji), discovered" "text facet line"
idx officials --discovered
expect_code 0 "officials --discovered"
expect_out "3  Qasim al-Araji (qasim-al-araji)  [discovered, Interior Minister, IQ; also written قاسم الأعرجي (qasm-alarjy)]" "listed once with the merged count"
expect_out "    qasim-al-araji	ar	قاسم الأعرجي" "the Arabic spelling as a row of the same ID"
grep -qF "(qasm-alarjy)  [" <<<"$OUT" && fail "the Arabic spelling has no row of its own" || pass
expect_out "(hsyn-ghndwr)  [discovered" "حسين غندور listed apart"
idx officials
expect_out "3  Qasim al-Araji (qasim-al-araji)" "all officials: the person once"

finish
