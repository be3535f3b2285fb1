#!/usr/bin/env bash
# The searches the product promises, on the seed corpus.
source "$(dirname "$0")/lib.sh"

idx build
expect_code 0 "first build"
expect_out "added 5, updated 0, deleted 0, unchanged 0, failed 0" "first build summary"

search "neighborhood policy" --country Qatar
expect_code 0 "neighborhood policy in Qatar"
expect_eq "$(hit_ids | cut -d' ' -f1)" "003" "neighborhood policy --country Qatar: 003 first"

search --country Tajikistan --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002" "--country Tajikistan"
search --country طاجيكستان --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002" "--country in Arabic"
search --country tj --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002" "--country by ISO code, any case"

search --official "Bagheri Kani" --limit 50
expect_eq "$(sorted_hit_ids)" "001 003 004" "--official Bagheri Kani"
search --official "علي باقري" --limit 50
expect_eq "$(sorted_hit_ids)" "001 003 004" "--official in Arabic"

search العلاقات
expect_eq "$(hit_ids)" "001" "العلاقات"
search والعلاقات
expect_eq "$(hit_ids)" "001" "والعلاقات (clitic)"

search sanctions --from 2021-12-01 --to 2021-12-31
expect_eq "$(hit_ids)" "002" "sanctions in December 2021"
search sanctions --from 2022
expect_code 1 "sanctions after 2022: none"
expect_out "No articles match." "no-hit message"

# Repeated flags: all must hold; commas: any may hold.
search --country Qatar --country Tajikistan
expect_code 1 "Qatar and Tajikistan together: none"
search --country Qatar,Tajikistan --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002 003" "Qatar or Tajikistan"

# No query: filtered articles, newest first (undated last).
search --lang en --limit 50
expect_eq "$(hit_ids)" "004 003 000 002" "English articles, newest first"

search '"strategic partnership"'
expect_eq "$(sorted_hit_ids)" "000 002" "phrase"
search 'title:diplomats'
expect_eq "$(hit_ids)" "003" "title field"
search 'country:قطر'
expect_eq "$(hit_ids)" "003" "country: field in Arabic"
search 'sanctions NOT russia'
expect_code 1 "boolean NOT"

# Names expand across spellings and scripts through the gazetteer (Xapian synonyms).
search Raeisi --limit 50
expect_eq "$(sorted_hit_ids)" "000 002 004" "Raeisi finds Raisi and Raeisi"
search "إبراهيم رئيسي" --limit 50
expect_eq "$(sorted_hit_ids)" "000 002 004" "إبراهيم رئيسي finds the English spellings"
search طاجيكستان --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002" "an Arabic country name finds English articles"
search Tajikistan --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002" "an English country name finds the Arabic article"
search "Bagheri Kani" --limit 50
expect_eq "$(sorted_hit_ids)" "001 003 004" "a two-word name finds علي باقري"
search "us" --json --limit 50
# 001 names the United States only in Arabic: it must not come back for the pronoun "us".
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert not any(h["path"].startswith("001") for h in d["hits"])' <<<"$OUT" && pass || fail "the pronoun us does not expand to the United States"
search '"Raeisi told"' --limit 50
expect_eq "$(hit_ids)" "002" "phrases are not expanded"

# A role resolves to whoever held it in the dates searched.
search --official "foreign minister of Iran" --from 2021-12 --to 2021-12 --limit 50
expect_eq "$(sorted_hit_ids)" "000" "Iran's foreign minister in December 2021 (Amir Abdollahian)"
search --official "president of Iran" --from 2021-12 --to 2022-06 --limit 50
expect_eq "$(sorted_hit_ids)" "000 002" "Iran's president in 2021-2022 (Raisi; 004 is from 2024)"

# The histogram counts the whole match set over time, gaps included.
search --histogram month --limit 0
expect_out "4 empty months, 2022-01 to 2022-04" "a run of empty months shown as one line"
expect_out "(1 undated)" "undated counted apart"
search --histogram year --limit 0 --json
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); b={x["period"]:x["count"] for x in d["histogram"]["buckets"]}; assert b=={"2021":2,"2022":1,"2023":0,"2024":1}, b' <<<"$OUT" && pass || fail "JSON histogram by year"

search "neighborhood policy" --facets
expect_out "country:" "facets printed"
expect_out "official:" "facets printed"
expect_out "month:" "facets printed"

finish
