#include <doctest/doctest.h>

#include <xapian.h>

#include <algorithm>
#include <string>

#include "index/search_request.h"
#include "index/snippets.h"

using namespace iran;

namespace {

// An MSet for `word` over a one-document in-memory index: what the snippet generator
// needs to know which words to mark.
Xapian::MSet mset_for(const std::string& word) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_term(word);
  db.add_document(doc);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(word));
  return enquire.get_mset(0, 1);
}

std::string filler(std::size_t bytes) {
  std::string out;
  while (out.size() < bytes) out += "lorem ipsum dolor sit amet ";
  return out;
}

int marks(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), index::kHighlightStart)); }

const Xapian::Stem kStem("english");

}  // namespace

TEST_CASE("bounded_snippet: a match in the first window, marked") {
  const std::string body = "The needle is here. " + filler(200000);
  const auto s = index::bounded_snippet(mset_for("needle"), body, 300, kStem, Xapian::MSet::SNIPPET_EXHAUSTIVE);
  CHECK(marks(s) == 1);
  CHECK(s.size() < 400);
}

TEST_CASE("bounded_snippet: a match in a later window within the scan bound is found") {
  const std::string body = filler(100000) + " the needle is here " + filler(1000);
  const auto s = index::bounded_snippet(mset_for("needle"), body, 300, kStem, Xapian::MSet::SNIPPET_EXHAUSTIVE);
  CHECK(marks(s) == 1);
  CHECK(s.starts_with("…"));
}

TEST_CASE("bounded_snippet: no work past the scan bound, however long the text") {
  const std::string body = filler(index::kSnippetScanBytes + 1000) + " needle " + filler(4000000);
  CHECK(index::bounded_snippet(mset_for("needle"), body, 300, kStem, Xapian::MSet::SNIPPET_EXHAUSTIVE).empty());
}

TEST_CASE("the text's own bytes never read as markers") {
  const std::string body = std::string("odd \x01 and \x02 and \xfe and \xff bytes around the needle");
  const auto s = index::bounded_snippet(mset_for("needle"), body, 300, kStem, Xapian::MSet::SNIPPET_EXHAUSTIVE);
  CHECK(marks(s) == 1);
  CHECK(std::count(s.begin(), s.end(), index::kHighlightEnd) == 1);
  CHECK(s.find("\x01 and \x02") != std::string::npos);  // kept as the text's characters
  const auto all = index::highlight_all(mset_for("needle"), body, kStem);
  CHECK(marks(all) == 1);
  CHECK(index::marker_free("a\xfe" "b\xff").find_first_of("\xfe\xff") == std::string::npos);
}

TEST_CASE("highlight_all: the first part highlighted, the rest as it is") {
  const std::string body = "needle " + filler(index::kArticleHighlightBytes) + " needle at the end";
  const auto all = index::highlight_all(mset_for("needle"), body, kStem);
  CHECK(marks(all) == 1);
  CHECK(all.ends_with("needle at the end"));
}
