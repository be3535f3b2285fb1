#!/usr/bin/env bash
# What a query means: all the words (else any, said so), --any, filter flags that take
# one value, did-you-mean, joined names, and highlights on every matched form.
source "$(dirname "$0")/lib.sh"

json_field() {  # json_field EXPR: evaluates EXPR on the JSON document d in $OUT
  python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print($1)" <<<"$OUT"
}

idx build
expect_code 0 "build"

# All the words by default; only 003 has both.
search Qatar talks --limit 50
expect_code 0 "all words"
expect_eq "$(hit_ids)" "003" "Qatar talks: the article with both words"
grep -q "any of them" <<<"$OUT" && fail "no fallback line when an article has all the words" || pass
search Qatar talks --json
expect_eq "$(json_field 'd["matched"]')" "all" "JSON matched: all"

# No article has both: any of the words, ranked, and said so before the hits.
search Qatar xyzzyqq --limit 50
expect_code 0 "fallback finds the articles with any word"
expect_eq "$(head -1 <<<"$OUT")" "No article has all the words; showing articles with any of them." "fallback line first"
expect_eq "$(hit_ids)" "003" "fallback hits"
search Qatar xyzzyqq --json
expect_eq "$(json_field 'd["matched"], d["total"]')" "any 1" "JSON matched: any"
# The all-words match that finds nothing is the search's first match, its counts thrown
# away: the answer is a direct --any search's, byte for byte, facets and histogram too.
for extra in "" "--all-copies" "--sort newest" "--offset 1"; do
  # shellcheck disable=SC2086
  search Qatar xyzzyqq --json --histogram month $extra
  fallback=$OUT
  # shellcheck disable=SC2086
  search --any Qatar xyzzyqq --json --histogram month $extra
  expect_eq "$fallback" "$OUT" "fallback = --any ($extra)"
done
# A filter can leave no article with all the words although one has them: any of them
# within the filter (003, 2022, has both; in 2021 others have Qatar or talks).
search Qatar talks --to 2021 --json --histogram month
fallback=$OUT
expect_eq "$(json_field 'd["matched"], d["total"] > 0')" "any True" "a filter that empties the all-words match"
search --any Qatar talks --to 2021 --json --histogram month
expect_eq "$fallback" "$OUT" "filtered fallback = filtered --any"
search Qatar talks --from 2031 --json
expect_eq "$(json_field 'd["matched"], d["total"], d["facets"]["country"]')" "any 0 []" "a filter that leaves nothing: any, nothing counted"
search Qatar --from 2031 --json
expect_eq "$(json_field 'd["matched"], d["total"]')" "all 0" "one word: no other query to fall back to"

# --any forces OR from the start: more hits than all-words.
search --any Qatar Russia --limit 50
expect_eq "$(sorted_hit_ids)" "002 003" "--any: either word"
search --any Qatar Russia --json
expect_eq "$(json_field 'd["matched"]')" "any" "--any reported as any"
grep -q "No article has all" <<<"$(search --any Qatar Russia; echo "$OUT")" && fail "--any prints no fallback line" || pass

# A question typed as a sentence is ranked on any of its words, and said so (issue 8);
# the same words typed as keywords still need all of them.
search Qatar talks --limit 50
all_words=$(sorted_hit_ids)
search --any Qatar talks --limit 50
any_words=$(sorted_hit_ids)
[ "$all_words" != "$any_words" ] && pass || fail "the corpus must tell the two modes apart"
search "Qatar talks?" --limit 50
expect_code 0 "a question"
expect_eq "$(head -1 <<<"$OUT")" "A question: showing articles with any of its words, ranked." "question line first"
expect_eq "$(sorted_hit_ids)" "$any_words" "a question: any of its words"
search "Qatar talks?" --json
expect_eq "$(json_field 'd["matched"], d["total"] > 1, d["question"]')" "any True True" "JSON: a question is matched on any word, and says so"
search Qatar talks --json
expect_eq "$(json_field 'd["question"]')" "False" "JSON: keywords are no question"
search Where were the Qatar talks --limit 50
expect_eq "$(sorted_hit_ids)" "$any_words" "an interrogative first, no mark, in several arguments"
search '+Qatar talks?' --limit 50
expect_eq "$(sorted_hit_ids)" "$all_words" "a required word: query syntax, all the words"
grep -q "A question" <<<"$OUT" && fail "no question line for query syntax" || pass
# Quotes in a question name a title or a term: still a question, the phrase or its words.
search 'Where were the "Qatar talks"?' --limit 50
grep -q "^A question: showing articles with any of its words, ranked.$" <<<"$OUT" && pass || fail "a quoted title in a question"
expect_eq "$(sorted_hit_ids)" "$any_words" "a quoted title in a question: the phrase or any of its words"
search '"Qatar talks" here' --limit 50
grep -q "A question" <<<"$OUT" && fail "quotes outside a question stay query syntax" || pass

# A filter flag takes one value: the words after it are the query, wherever they are.
search --country Qatar talks --json
expect_code 0 "--country VALUE then words"
expect_eq "$(json_field 'd["query"], d["filters"]["country"]')" "talks ['Qatar']" "words after --country are the query"
search talks --country Qatar --lang en Tehran --json
expect_eq "$(json_field 'd["query"], d["filters"]["lang"], d["total"]')" "talks Tehran ['en'] 1" "words on both sides of the flags"
search --country Qatar --country Iran --limit 50
expect_eq "$(hit_ids)" "003" "repeated --country: all of them"
search --country Qatar,Tajikistan --limit 50
expect_eq "$(sorted_hit_ids)" "000 001 002 003" "commas: any of them"

# Did you mean: a word in no article gets a correction and the entity it names; the
# search is not rerun with it.
search Rowhani
expect_code 1 "the misspelling itself finds nothing"
expect_out "Did you mean" "suggestion shown in text"
expect_out "Rouhani" "suggestion names the official"
expect_out "No articles match." "suggestion never applied silently"
search Rowhani --json
expect_eq "$(json_field 'bool(d["suggestion"]) and d["total"] == 0 and any("Rouhani" in n and "روحاني" in n for n in d["suggestion_names"])')" "True" "JSON suggestion with both scripts"
expect_eq "$(json_field 'd["suggestion"]')" "Rouhani" "the name as the gazetteer spells it (not Rohani, as close to Rowhani)"
search Rowhani
expect_out 'Did you mean "Rouhani"?' "the suggestion as text"
search Rowhani talks --json
expect_eq "$(json_field 'd["suggestion"]')" "Rouhani talks" "only the misspelled word is corrected"
search Tajikistn --json
expect_eq "$(json_field 'd["suggestion"]')" "Tajikistan" "a country's name corrected from the index's spelling data"
search sanctionz --json
expect_eq "$(json_field 'd["suggestion"]')" "sanctions" "plain words corrected from the index's spelling data"
search Tajikistan --json
expect_eq "$(json_field 'd["suggestion"]')" "" "no suggestion for a word that is there"
# Spelling is asked for only when a word is in no article or little is found; a word in no
# article still gets its correction when the other words find plenty.
search --any Rowhani talks --json
expect_eq "$(json_field 'd["total"] > 0 and bool(d["suggestion"]) and any("Rouhani" in n for n in d["suggestion_names"])')" "True" "a misspelled word beside words that match: still corrected"
search Qatar talks --json
expect_eq "$(json_field 'd["suggestion"]')" "" "no suggestion when every word is there and articles match"

# Hyphenated and joined names mean the spaced name.
search "Amir Abdollahian" --limit 50
spaced=$(sorted_hit_ids)
expect_eq "$spaced" "000" "spaced name"
search Amir-Abdollahian --limit 50
expect_eq "$(sorted_hit_ids)" "$spaced" "hyphenated name = spaced name"
search Amirabdollahian --limit 50
expect_eq "$(sorted_hit_ids)" "$spaced" "joined name = spaced name"
search Bagheri-Kani --limit 50
bk=$(sorted_hit_ids)
search Bagheri Kani --limit 50
expect_eq "$(sorted_hit_ids)" "$bk" "Bagheri-Kani = Bagheri Kani"

# Highlights cover stems, other spellings and other scripts.
search sanction --json
expect_eq "$(json_field '"sanctions" in d["hits"][0]["highlights"]')" "True" "stem highlighted (sanction → sanctions)"
search Raisi --limit 50 --json
expect_eq "$(json_field '[h["highlights"] for h in d["hits"] if h["path"].startswith("002")][0]')" "['Raeisi', 'Raeisi']" "another spelling of the name highlighted"
search Tajikistan --lang ar --json
expect_eq "$(json_field '"طاجيكستان" in d["hits"][0]["highlights"]')" "True" "Tajikistan bolds طاجيكستان in an Arabic snippet"
expect_eq "$(json_field '[w for w in d["hits"][0]["highlights"] if "جمهورية" in w]')" "[]" "only the words that name the country, not 'Republic'"
search Tajikistan --lang ar --color always
grep -q $'\x1b\[1mطاجيكستان' <<<"$OUT" && pass || fail "text bolds the Arabic name"

finish
