#!/usr/bin/env bash
# Issue 10: an edit of the user's gazetteer file reindexes only the articles it can
# touch (index/gazetteer_state.h): those naming the edited entry under an old or a new
# name, not every article. The result is the same as a full rebuild's.
source "$(dirname "$0")/lib.sh"

fixtures="$IRAN_SOURCE_DIR/tests/fixtures/entities-dev"
for f in en-18-iraq-interior-minister-tehran ar-16-araji-baghdad-tehran fa-01-sadegh-rail-turkmenistan \
         en-19-saudi-defense-minister-tehran en-20-russia-deputy-fm-nuclear ar-17-bogdanov-syria-iran \
         ar-19-kanaani-bahrain en-05-rafsanjani-warns-us; do
  cp "$fixtures/$f.txt" "$CORPUS/"
done
# An article naming him by a name the data does not have yet (his kunya): found only once
# a row gives that name.
printf 'Araji visit\n\nBAGHDAD - Abu Muntadhar al-Araji, who leads Iraq'"'"'s security council, flew to Amman.\n' \
  > "$CORPUS/araji-variant.txt"
total=$(find "$CORPUS" -name '*.txt' | wc -l)
idx build --quiet
expect_code 0 "first build"

# summary N WORD: the count before WORD in the summary line on stdout.
count() { grep -oE "$1 [0-9]+" <<<"$OUT" | grep -oE '[0-9]+'; }

# Nothing edited: nothing redone.
idx build
expect_out "updated 0," "no edit, no article redone"

# A new official in the local file (what `iranidx officials --discovered` prints).
gaz="$XDG_CONFIG_HOME/iranidx/gazetteer.tsv"
mkdir -p "$(dirname "$gaz")"
printf 'qasim-al-araji\ten\tQasim al-Araji\nqasim-al-araji\tcountry\tIQ\nqasim-al-araji\tar\tقاسم الأعرجي\n' > "$gaz"
idx build
expect_code 0 "build after adding an official"
expect_err "gazetteer data changed: 1 entry edited, added or removed; 2 of the indexed articles name them" \
  "the build says how many entries changed and how many articles they touch"
expect_eq "$(count updated)" 2 "only the two articles naming him are redone"
expect_eq "$(count unchanged)" $((total - 2)) "every other article is left as it was"
grep -qF "reindexed" <<<"$ERR" && fail "no full reindex for a local edit" || pass
search --official qasim-al-araji
expect_code 0 "the new official is searchable"
expect_out "en-18-iraq-interior-minister-tehran.txt" "in the English article"
expect_out "ar-16-araji-baghdad-tehran.txt" "and in the Arabic one"

# An alias that a third article writes: that article is found by the alias's words and
# redone too, with the two that name him already.
printf 'qasim-al-araji\tfull\tAbu Muntadhar al-Araji\n' >> "$gaz"
idx build
expect_err "1 entry edited, added or removed; 3 of the indexed articles" "the added name finds the article that uses it"
expect_eq "$(count updated)" 3 "the two articles naming him and the one using the new name"
search --official qasim-al-araji
expect_out "araji-variant.txt" "the article with the new name is his now"

# An edit that names nothing in text (his role) redoes only his articles.
printf 'qasim-al-araji\trole\tnational security adviser\n' >> "$gaz"
idx build
expect_eq "$(count updated)" 3 "a role edit redoes his three articles"

# The partial builds leave what a full rebuild makes.
idx officials
partial=$OUT
idx build --full --quiet
expect_code 0 "full rebuild"
idx officials
expect_eq "$OUT" "$partial" "officials and counts after partial builds equal a full rebuild's"

# Removing the entry: his articles go back to a discovered person (or nobody).
rm "$gaz"
idx build
expect_err "1 entry edited, added or removed; 3 of the indexed articles" "a removed entry redoes its articles"
expect_eq "$(count updated)" 3 "and only them"
search --official "Qasim al-Araji"
expect_err "not in the gazetteer" "no longer a listed official"
idx officials --discovered
expect_out "(qasim-al-araji)" "discovered again, as before the edit"
finish
