#!/usr/bin/env bash
# Real inputs (issue 9): saved web pages, RSS/Atom feeds and JSON Lines dumps indexed as
# articles with their own metadata; other files skipped and counted by kind; every word
# each page's expectations list found, every boilerplate word not; bad pages, feeds and
# dump lines named, the rest indexed; feeds and dumps incremental item by item.
source "$(dirname "$0")/lib.sh"

FIX=$IRAN_SOURCE_DIR/tests/fixtures
mkdir -p "$CORPUS/web" "$CORPUS/feeds" "$CORPUS/dumps" "$CORPUS/other"
cp "$FIX"/html/*.html "$FIX"/html/*.meta "$CORPUS/web/"
cp "$FIX"/feeds/* "$CORPUS/feeds/"
cp "$FIX"/jsonl/dump.jsonl "$CORPUS/dumps/"
printf '%%PDF-1.4\n' >"$CORPUS/other/a.pdf"; printf '%%PDF-1.4\n' >"$CORPUS/other/b.pdf"
printf 'PK\3\4' >"$CORPUS/other/notes.docx"

# paths_for QUERY...: the paths of the hits, one a line. has_path PATH QUERY...: whether
# PATH is among them (read whole, so no pipe closes early under pipefail).
paths_for() {
  "$IRANSEARCH" --db "$DB" --json --all-copies --limit 200 "$@" 2>/dev/null |
    python3 -c 'import json,sys; [print(h["path"]) for h in json.load(sys.stdin)["hits"]]'
}
has_path() {
  local want=$1 out
  shift
  out=$(paths_for "$@")
  grep -qxF -- "$want" <<<"$out"
}

idx build
expect_code 1 "a dump with bad lines makes the run partial"
expect_err "dumps/dump.jsonl:4: not JSON" "bad JSONL line named with file and line"
expect_err "web/presstv-latest.html: no article text" "the page of links says why it is not indexed"
expect_out "skipped 6 (.docx 1, .md 1, .pdf 2, empty record 1, no article text 1)" "skipped files and records counted by kind"
# 5 seeds + 12 pages + 3+3+2 feed items + 4 dump records
expect_out "added 29," "every article of every kind added"

# Each page: the words of its article are found, its boilerplate is not.
while IFS=$'\t' read -r page field value; do
  case "$page" in '#'*|'') continue ;; esac
  case "$field" in
    must)
      has_path "web/$page" "$value" && pass || fail "$page: '$value' must be indexed" ;;
    mustnot)
      has_path "web/$page" "$value" && fail "$page: boilerplate '$value' must not be indexed" || pass ;;
  esac
done <"$FIX/html/expected.tsv"

# Metadata comes out in search results (and facets) as the page gives it.
json_hit() {  # json_hit PATH FIELD
  "$IRANSEARCH" --db "$DB" --json --all-copies --limit 200 2>/dev/null |
    python3 -c 'import json,sys; p,f=sys.argv[1:]; print(next((h.get(f,"") for h in json.load(sys.stdin)["hits"] if h["path"]==p), "MISSING"))' "$1" "$2"
}
expect_eq "$(json_hit web/presstv-qatar-gas.html date)" "2021-12-11" "page date"
expect_eq "$(json_hit web/presstv-qatar-gas.html source)" "presstv" "page source"
expect_eq "$(json_hit web/aljazeera-iran-saudi.html title)" "جولة جديدة من المحادثات الإيرانية السعودية في بغداد" "page title without the site name"
expect_eq "$(json_hit web/tehrantimes-oman-message.html date)" "2022-05-16" "the sidecar wins over the page"
expect_eq "$(json_hit 'feeds/presstv.rss#presstv-683998' date)" "2022-06-25" "feed item date"
expect_eq "$(json_hit 'dumps/dump.jsonl#snn-demo-2' source)" "sabq" "dump record source"
expect_eq "$(paths_for --source aljazeera | wc -l)" "3" "the three Al Jazeera pages under their source"
# Cross-script highlights on a page: Qatar bolds قطر in the Arabic article.
"$IRANSEARCH" --db "$DB" --json Qatar --lang ar --limit 50 2>/dev/null | python3 -c '
import json, sys
hit = [h for h in json.load(sys.stdin)["hits"] if h["path"] == "web/aljazeera-qatar-trade.html"][0]
assert any("قطر" in w for w in hit["highlights"]), hit["highlights"]' && pass || fail "Qatar highlights قطر in an Arabic page"

# show and entities on every kind, FILE#ITEM for items.
run "$IRANIDX" show "$CORPUS/feeds/presstv.rss#presstv-683998"
expect_code 0 "show a feed item"
expect_out "item:     presstv-683998" "show names the item"
expect_out "fisheries" "show prints the item body"
run "$IRANIDX" entities "$CORPUS/dumps/dump.jsonl#snn-demo-1"
expect_code 0 "entities on a dump record"
grep -q "^countries: .*QA" <<<"$OUT" && pass || fail "entities: Qatar in the dump record"
run "$IRANIDX" show "$CORPUS/web/mehr-kuwait-cp1256.html"
expect_out "الشقيقة" "show decodes the Windows-1256 page"
# A path in the corpus, as the index and iransearch name it, from anywhere.
cd "$WORK"
run "$IRANIDX" --corpus "$CORPUS" show 'feeds/presstv.rss#presstv-683998'
expect_out "item:     presstv-683998" "show FILE#ITEM by its path in the corpus"
run "$IRANIDX" --corpus "$CORPUS" entities 'dumps/dump.jsonl#snn-demo-1'
grep -q "^countries: .*QA" <<<"$OUT" && pass || fail "entities FILE#ITEM by its path in the corpus"
run "$IRANIDX" --corpus "$CORPUS" show web/aljazeera-qatar-trade.html
expect_out "title:    " "show a page by its path in the corpus"
run "$IRANIDX" --corpus "$CORPUS" show web/nowhere.html
expect_code 2 "a path that is nowhere"
expect_err "web/nowhere.html: no such file" "named"
cd - >/dev/null
run "$IRANIDX" show "$CORPUS/feeds/presstv.rss#nope"
expect_code 2 "show an unknown item"
expect_err "no item 'nope'" "unknown item named"

# Nothing changed: nothing read, nothing written; the bad dump lines are still named.
idx build
expect_out "(index unchanged)" "second build changes nothing"
expect_out "unchanged 29" "every article unchanged"
expect_err "dumps/dump.jsonl:4: not JSON" "a bad line is named again while it is bad"

# A feed rolls over: a new item is added, an item that left the feed stays indexed.
python3 - "$CORPUS/feeds/presstv.rss" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
first = re.search(r"<item>.*?</item>", s, re.S)
s = s.replace(first.group(0), "", 1)  # the oldest item leaves the feed
new = """<item><title>Iran and Bahrain agree to restore ties</title><link>https://www.presstv.ir/Detail/2023/09/10/1/x</link>
<guid isPermaLink="false">presstv-700001</guid><pubDate>Sun, 10 Sep 2023 09:00:00 GMT</pubDate>
<description>Iranian and Bahraini diplomats agreed in Manama to reopen embassies closed since 2016.</description></item>"""
s = s.replace("</channel>", new + "\n</channel>")
open(p, "w", encoding="utf-8").write(s)
PY
idx build
expect_out "added 1, updated 0, deleted 0, unchanged 29" "a feed that gains an item adds only it"
has_path "feeds/presstv.rss#presstv-700001" embassies && pass || fail "the new feed item is found"
has_path "feeds/presstv.rss#presstv-677010" Mashhad && pass || fail "an item that left the feed stays indexed"

# A dump that gains lines adds only those; a line repaired is added.
printf '%s\n' '{"id":"snn-demo-7","source":"okaz","title":"t","content":"محادثات بين الرياض وطهران في مسقط","date_extracted":"2015-08-09 08:00:00"}' >>"$CORPUS/dumps/dump.jsonl"
sed -i '4s/.*/{"id":"snn-demo-4","content":"سطر أصلح"}/' "$CORPUS/dumps/dump.jsonl"
idx build
expect_out "added 2, updated 0, deleted 0, unchanged 30" "a dump that gains lines adds only those"
has_path "dumps/dump.jsonl#snn-demo-7" مسقط && pass || fail "the new dump line is found"

# A feed that is not well-formed XML: named with its line, the rest indexed, its items kept.
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title>\n<item><title>Oil & gas</title><description>Broken feed about Kuwait.</description></item>\n</channel></rss>\n' >"$CORPUS/feeds/broken.xml"
cp "$FIX/html/presstv-vienna-talks.html" "$CORPUS/web/vienna-again.html"
printf '<item>' >>"$CORPUS/feeds/presstv.rss"   # the good feed turns bad: its items stay
# Truncated HTML still gives the text before the cut.
head -c 5200 "$FIX/html/presstv-qatar-gas.html" >"$CORPUS/web/truncated.html"
idx build
expect_code 1 "a malformed feed makes the run partial"
expect_err "feeds/broken.xml: not well-formed XML at line 3" "malformed feed named with its line"
expect_err "feeds/presstv.rss: not well-formed XML" "a feed that turned bad is named"
has_path "feeds/presstv.rss#presstv-700001" embassies && pass || fail "a feed that turned bad keeps its items"
has_path "web/vienna-again.html" Coburg && pass || fail "the rest of the corpus is indexed"
has_path "web/truncated.html" Owji && pass || fail "truncated HTML indexes the text before the cut"

# A deleted feed deletes its items; a deleted dump its records.
rm "$CORPUS/feeds/presstv.rss" "$CORPUS/feeds/broken.xml"
idx build
expect_out "deleted 4," "deleting a feed deletes its items (the one that left it too)"
has_path "feeds/presstv.rss#presstv-677010" Mashhad && fail "items of a deleted feed are gone" || pass

# The dump's field mapping from the config file: a dump with other field names.
mkdir -p "$CORPUS/dumps2"
printf '%s\n' '{"guid":"a1","headline":"Oman hosts talks","story":"Omani mediators hosted a new round of indirect talks in Muscat on prisoner exchanges.","when":"2023-06-02","outlet":"Reuters"}' >"$CORPUS/dumps2/other.ndjson"
printf 'jsonl-id = "guid"\njsonl-title = "headline"\njsonl-text = "story|text"\njsonl-date = "when"\njsonl-source = "outlet"\n' >"$WORK/inputs.toml"
run "$IRANIDX" --config "$WORK/inputs.toml" --corpus "$CORPUS" --db "$DB" build
expect_out "added 1," "the mapped dump is indexed"
expect_eq "$(json_hit 'dumps2/other.ndjson#a1' date)" "2023-06-02" "mapped date field"
expect_eq "$(json_hit 'dumps2/other.ndjson#a1' source)" "reuters" "mapped source field"
run "$IRANIDX" --corpus "$CORPUS" --db "$DB" build
expect_out "unchanged" "build without the mapping"
expect_out "empty record 2" "without the mapping the record is empty: the mapping is part of the file's stamps"
rm -r "$CORPUS/dumps2"

# HTML found by content in a .txt file.
cp "$FIX/html/almonitor-gulf-dialogue.html" "$CORPUS/other/saved-page.txt"
idx build
expect_eq "$(json_hit other/saved-page.txt title)" "Iran and Gulf states weigh a regional security dialogue after Beijing deal" "a .txt holding HTML is read as a page"

# A page saved under a name that says nothing (wget keeps the URL's last part, a server
# page keeps its .php): told by its first bytes. A plain file without an extension is
# still skipped and counted.
cp "$FIX/html/presstv-tajik-visit.html" "$CORPUS/web/683210"
cp "$FIX/html/tehrantimes-gas-swap.html" "$CORPUS/web/news.php?id=468052"
printf 'notes about this corpus\n' >"$CORPUS/other/NOTES"
idx build
expect_out "added 2," "pages without an extension added"
grep -qE 'skipped [0-9]+ \(.*no extension 1' <<<"$OUT" && pass || fail "a plain file without an extension is skipped and counted"
expect_eq "$(json_hit web/683210 title)" "Raisi, Rahmon sign 17 cooperation documents in Dushanbe" "a page without an extension is read as a page"
expect_eq "$(json_hit 'web/news.php?id=468052' date)" "2021-11-28" "a .php page is read as a page"
has_path "web/683210" Vakhsh && pass || fail "the page's words are indexed"
has_path "web/683210" Telegram && fail "its boilerplate is not" || pass
run "$IRANIDX" show "$CORPUS/web/683210"
expect_out "Vakhsh" "show reads a page without an extension"
run "$IRANIDX" show "$CORPUS/other/NOTES"
expect_code 2 "show refuses a file that is no input"
expect_err "not an input file (no extension)" "and says why"

# A feed saved in Windows-1256 without a declaration: detected and read right.
python3 - "$CORPUS/feeds/mehr-cp1256.rss" <<'PY2'
import sys
item = ('<item><title>طهران ومسقط تبحثان أمن الملاحة</title><guid>cp-1</guid><description>أكد المسؤولون في '
        'طهران ومسقط أهمية أمن الملاحة في مضيق هرمز وتعزيز التجارة بين البلدين الجارين.</description></item>')
feed = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>وكالة مهر للأنباء</title>' + item + '</channel></rss>\n'
open(sys.argv[1], "wb").write(feed.encode("cp1256"))
PY2
idx build
expect_out "added 1," "the Windows-1256 feed is added"
has_path "feeds/mehr-cp1256.rss#cp-1" هرمز && pass || fail "its words are read right"

finish
