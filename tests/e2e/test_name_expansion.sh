#!/usr/bin/env bash
# Free-text queries expanded by name key (issue 10): a name typed in Latin letters finds
# the Arabic article that writes it (and the reverse) without the gazetteer listing the
# person; exact-script matches rank first; a common word is not expanded.
source "$(dirname "$0")/lib.sh"

rm -rf "${CORPUS:?}"/*
# Nasser al-Zuhairi is in no gazetteer file; the Arabic article introduces him by his
# role (so discovery indexes his name's key), the English ones by name only.
cat >"$CORPUS/en-oman.txt" <<'TXT'
Oman says talks with Tehran will resume

MUSCAT - Omani Foreign Ministry spokesman Nasser al-Zuhairi said on Monday that the
talks would resume next week. Zuhairi said both sides wanted a deal.
TXT
cat >"$CORPUS/en-market.txt" <<'TXT'
Oil prices rise on supply worries

LONDON - Oil prices rose on Tuesday, traders said, as supply worries grew. A broker
said demand was strong, and an analyst said the rally could last. Said Rahimi, a trader
in Dubai, expects more gains.
TXT
cat >"$CORPUS/en-weather.txt" <<'TXT'
Storm closes ports in the Gulf

DUBAI - A storm closed several ports on Wednesday, officials said. Shipping companies
said delays were likely.
TXT
cat >"$CORPUS/ar-oman.txt" <<'TXT'
عُمان: المحادثات مع طهران تستأنف الأسبوع المقبل

مسقط - قال المتحدث باسم وزارة الخارجية العمانية ناصر الزهيري، أمس، إن المحادثات ستستأنف الأسبوع المقبل.
TXT
cat >"$CORPUS/ar-saad.txt" <<'TXT'
وزير النقل يفتتح ميناء جديدا

افتتح وزير النقل العماني سعد الكندي، أمس، ميناء جديدا في صلالة.
TXT
idx build --quiet
expect_code 0 "build"

# Latin → Arabic: the Arabic article is found by the key, after the English one.
search --json --limit 10 Zuhairi
expect_code 0 "Zuhairi"
python3 -c '
import json, sys
hits = [h["path"] for h in json.load(sys.stdin)["hits"]]
assert hits == ["en-oman.txt", "ar-oman.txt"], hits' <<<"$OUT" && pass || fail "Zuhairi finds the English article first, then the Arabic one" "$OUT"
# The match across scripts is highlighted.
python3 -c '
import json, sys
hit = [h for h in json.load(sys.stdin)["hits"] if h["path"] == "ar-oman.txt"][0]
assert any("الزهيري" in w for w in hit["highlights"]), hit["highlights"]' <<<"$OUT" && pass || fail "الزهيري is highlighted for Zuhairi" "$OUT"
# Lowercase, as users type: the same.
search --json --limit 10 zuhairi
grep -qF '"ar-oman.txt"' <<<"$OUT" && pass || fail "zuhairi (lowercase) finds the Arabic article"

# --explain shows the key terms beside the word, never instead of it.
search --explain Zuhairi
expect_code 0 "explain Zuhairi"
head -1 <<<"$OUT" | grep -qE 'Z?zuhairi@1 OR 0 \* XN' && pass || fail "explain: the word OR its weightless key" "$(head -1 <<<"$OUT")"

# Arabic → Latin.
search --json --limit 10 الزهيري
expect_code 0 "الزهيري"
python3 -c '
import json, sys
hits = [h["path"] for h in json.load(sys.stdin)["hits"]]
assert hits[0] == "ar-oman.txt" and "en-oman.txt" in hits, hits' <<<"$OUT" && pass || fail "الزهيري finds the Arabic article first, then the English one" "$OUT"

# A common word is not expanded, though a name with its key (Said, سعد) is indexed:
# most articles with "said" do not carry it as a name.
search --explain said
expect_code 0 "explain said"
head -1 <<<"$OUT" | grep -q 'XN' && fail "said is not expanded by key" "$(head -1 <<<"$OUT")" || pass
search --json --limit 10 said
grep -qF '"ar-saad.txt"' <<<"$OUT" && fail "said does not find سعد's article" "$OUT" || pass
# Nor is a short word (under three letters) or an Arabic common word.
search --explain المحادثات
head -1 <<<"$OUT" | grep -q 'XN' && fail "المحادثات is not expanded by key" "$(head -1 <<<"$OUT")" || pass

finish
