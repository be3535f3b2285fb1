#!/usr/bin/env bash
# Name-like Arabic-script words outside any official's name get name keys (issue 10,
# analyzer 18): a person an Arabic article names without a role (a given name and the
# words after it) is found from Latin letters, by a free-text query and by --official of
# the unknown name; the same words in no name position are not.
source "$(dirname "$0")/lib.sh"

rm -rf "${CORPUS:?}"/*
# Khalid al-Tarabulsi is in no gazetteer file and holds no office: no role introduces him.
cat >"$CORPUS/ar-analyst.txt" <<'TXT'
محللون: المحادثات النووية تدخل مرحلة حاسمة

قال المحلل السياسي خالد الطرابلسي إن المحادثات النووية تدخل مرحلة حاسمة هذا الأسبوع، وإن الطرفين يريدان اتفاقا قبل نهاية العام.
TXT
# The same letters, but no name: a city and a common word, no given name before them.
cat >"$CORPUS/ar-city.txt" <<'TXT'
معرض للكتاب في المدينة

افتتح في المدينة الطرابلسي القديم معرض للكتاب يستمر أسبوعا.
TXT
cat >"$CORPUS/en-other.txt" <<'TXT'
Talks enter a decisive phase

VIENNA - Diplomats said on Monday that the nuclear talks were entering a decisive week.
TXT
idx build --quiet
expect_code 0 "build"

search --json "Tarabulsi"
expect_code 0 "a Latin query for a name printed only in Arabic script"
expect_out '"path":"ar-analyst.txt"' "finds the Arabic article that names him without a role"
grep -qF '"path":"ar-city.txt"' <<<"$OUT" && fail "the same word in no name position is not keyed" || pass

search --json --official "Khalid al-Tarabulsi"
expect_code 0 "--official of the unknown name, by its key"
expect_out '"path":"ar-analyst.txt"' "finds the Arabic article"
expect_err "searching for the name itself" "says it searched the name"
grep -qF '"path":"ar-city.txt"' <<<"$OUT" && fail "--official found the city article" || pass

finish
