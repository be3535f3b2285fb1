#include <doctest/doctest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "entities/gazetteer.h"
#include "index/schema.h"
#include "index/writer.h"
#include "index/synonyms.h"
#include "index/store.h"
#include "index_dump.h"
#include "text/analyzer.h"

namespace fs = std::filesystem;
using namespace iran;

namespace {

const entities::Gazetteer& gazetteer() {
  static const entities::Gazetteer g = entities::Gazetteer::load(entities::find_data_dir());
  return g;
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A corpus that exercises every path of the writer: the seed articles, sidecars,
// syndicated copies (one story printed twice), a feed with items, a JSONL dump, an
// article that fails (front matter left open), a page without article text and a
// file in another encoding.
void make_corpus(const fs::path& corpus) {
  fs::copy(IRAN_CORPUS_DIR, corpus, fs::copy_options::recursive);
  const std::string story =
      "Iran and Qatar signed an agreement on Tuesday to expand trade and shipping links between their ports, "
      "the foreign ministers said after talks in Doha that also covered regional security and energy "
      "cooperation, adding that a joint committee would meet again next month in Tehran to review progress. "
      "Iran's minister Hossein Amir-Abdollahian said the talks were constructive.";
  for (int i = 0; i < 40; ++i) {
    write_file(corpus / ("batch-" + std::to_string(i % 4)) / ("story-" + std::to_string(i) + ".txt"),
               "Bulletin " + std::to_string(i) + "\n\n" + (i % 5 == 0 ? story : story + " Item " + std::to_string(i) +
               " adds that Tajikistan and Russia met in Dushanbe. وأكد الجانبان على تعزيز العلاقات مع قطر."));
    if (i % 3 == 0)
      write_file(corpus / ("batch-" + std::to_string(i % 4)) / ("story-" + std::to_string(i) + ".txt.meta"),
                 "lang: en\ndate: 2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "\n");
  }
  write_file(corpus / "feeds/news.rss",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed</title>"
             "<item><title>Raisi visits Doha</title><guid>a1</guid><pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate>"
             "<description>President Ebrahim Raisi met the Emir of Qatar in Doha on Tuesday.</description></item>"
             "<item><title>Talks in Vienna</title><guid>a2</guid>"
             "<description>Ali Bagheri Kani held talks in Vienna with European envoys.</description></item>"
             "</channel></rss>");
  write_file(corpus / "dumps/day.jsonl",
             "{\"id\": \"r1\", \"title\": \"Oman mediates\", \"text\": \"Oman mediated between Iran and the United States.\"}\n"
             "{\"id\": \"r2\", \"title\": \"Armenia\", \"text\": \"Armenia and Iran discussed the border crossing at Agarak.\"}\n");
  write_file(corpus / "bad/open-front-matter.txt", "---\ntitle: Iran\nQatar and Iran.\n");
  write_file(corpus / "links.html", "<html><body><a href=\"a\">a</a> <a href=\"b\">b</a></body></html>");
  write_file(corpus / "cp1256.txt", std::string("\xC7\xE1\xE3\xDA\xC7\xE5\xCF\xC9 \xE3\xDA \xE5\xD1\xC7\xE4\n"));
}

index::BuildReport build(const fs::path& corpus, const fs::path& db, std::size_t jobs, bool full = false) {
  index::BuildOptions options;
  options.corpus = corpus;
  options.db = db;
  options.jobs = jobs;
  options.full = full;
  options.compact = true;
  const text::Analyzer analyzer;
  return index::build_index(options, gazetteer(), analyzer);
}

std::string dump(const fs::path& db) { return testing::dump_index(Xapian::Database(db.string())); }

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("iran-writer-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("a parallel build makes exactly the index a single-threaded build makes") {
  TempDir dir("parallel");
  make_corpus(dir.path / "corpus");
  const auto one = build(dir.path / "corpus", dir.path / "one", 1);
  const auto two = build(dir.path / "corpus", dir.path / "two", 2);
  const auto four = build(dir.path / "corpus", dir.path / "four", 4);
  CHECK(one.added > 40);
  CHECK(one.failed == 1);  // the front matter left open: that file alone
  CHECK(index::summary_line(one).substr(0, 60) == index::summary_line(two).substr(0, 60));
  const std::string expected = dump(dir.path / "one");
  CHECK(expected.find("spelling tajikistan") != std::string::npos);
  CHECK(expected.find("value 17 ") != std::string::npos);  // copy keys were assigned
  CHECK(dump(dir.path / "two") == expected);
  CHECK(dump(dir.path / "four") == expected);

  // Incremental runs too: edits, a rename, a removal, a new copy of the story, a feed
  // that changed; then a full rebuild.
  const fs::path corpus = dir.path / "corpus";
  write_file(corpus / "batch-1/story-1.txt", "Bulletin 1 edited\n\nKazakhstan and Iran signed a rail deal in Astana.");
  fs::rename(corpus / "batch-2/story-2.txt", corpus / "batch-3/story-2-moved.txt");
  fs::remove(corpus / "batch-0/story-4.txt");
  fs::copy_file(corpus / "batch-0/story-0.txt", corpus / "batch-0/story-copy.txt");
  write_file(corpus / "feeds/news.rss",
             "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed</title>"
             "<item><title>Talks in Vienna resume</title><guid>a2</guid>"
             "<description>Ali Bagheri Kani resumed talks in Vienna.</description></item>"
             "<item><title>Baku</title><guid>a3</guid><description>Azerbaijan and Iran met in Baku.</description></item>"
             "</channel></rss>");
  const auto again_one = build(corpus, dir.path / "one", 1);
  const auto again_two = build(corpus, dir.path / "two", 2);
  CHECK(again_one.moved == 1);
  CHECK(again_one.deleted == 1);
  CHECK(again_two.moved == 1);
  CHECK(dump(dir.path / "two") == dump(dir.path / "one"));

  build(corpus, dir.path / "one", 1, true);
  const auto full_two = build(corpus, dir.path / "two", 3, true);
  CHECK(full_two.compacted);
  CHECK(dump(dir.path / "two") == dump(dir.path / "one"));

  // And a rebuild that finds nothing to do changes nothing.
  const auto noop = build(corpus, dir.path / "two", 2);
  CHECK_FALSE(noop.changed());
  CHECK(dump(dir.path / "two") == dump(dir.path / "one"));
}

TEST_CASE("an item listed twice is one document, added once then replaced") {
  TempDir dir("twice");
  write_file(dir.path / "corpus/day.jsonl",
             "{\"id\": \"r1\", \"title\": \"Oman\", \"text\": \"Oman mediated between Iran and the United States.\"}\n"
             "{\"id\": \"r1\", \"title\": \"Oman again\", \"text\": \"Oman mediated again between Iran and the US.\"}\n");
  for (std::size_t jobs : {1, 2}) {
    const fs::path db = dir.path / ("index" + std::to_string(jobs));
    build(dir.path / "corpus", db, jobs);
    const Xapian::Database index(db.string());
    CHECK(index.get_doccount() == 1);
    CHECK(index.get_termfreq(schema::id_term("day.jsonl#r1")) == 1);
  }
}

TEST_CASE("a full build ends compacted: one generation, smaller, the same documents") {
  TempDir dir("compact");
  make_corpus(dir.path / "corpus");
  const auto first = build(dir.path / "corpus", dir.path / "index", 2);
  CHECK(first.compacted);
  std::size_t generations = 0;
  for (const auto& entry : fs::directory_iterator(dir.path / "index"))
    if (entry.path().filename().string().starts_with("gen-")) ++generations;
  CHECK(generations == 1);  // the uncompacted original is gone

  index::BuildOptions options;
  options.corpus = dir.path / "corpus";
  options.db = dir.path / "plain";
  options.compact = false;
  const text::Analyzer analyzer;
  const auto plain = index::build_index(options, gazetteer(), analyzer);
  CHECK_FALSE(plain.compacted);
  CHECK(dump(dir.path / "plain") == dump(dir.path / "index"));
}

TEST_CASE("a full rebuild stopped after its compacted copy is complete but before the swap resumes, not begins again") {
  TempDir dir("swap");
  make_corpus(dir.path / "corpus");
  build(dir.path / "corpus", dir.path / "index", 2);
  const auto before = index::current_generation(dir.path / "index");
  REQUIRE(before);
  const auto full = build(dir.path / "corpus", dir.path / "index", 2, true);
  REQUIRE(full.compacted);
  const auto after = index::current_generation(dir.path / "index");
  REQUIRE(after);
  REQUIRE(*after != *before);
  REQUIRE(fs::exists(*before));  // the one before stays a round, for searches that opened it
  const std::string expected = dump(dir.path / "index");
  // Published, the copy carries no tag.
  CHECK(Xapian::Database(after->string()).get_metadata(std::string(schema::kMetaPending)).empty());
  // What a kill just before the swap leaves (the copy is published before its tag is
  // cleared): the copy complete and still tagged, the stub on the index before.
  {
    Xapian::WritableDatabase db(after->string(), Xapian::DB_OPEN);
    db.set_metadata(std::string(schema::kMetaPending), std::string(text::kAnalyzerVersion) + "|" +
                                                                 std::string(schema::kSchemaVersion) + "|" +
                                                                 index::gazetteer_fingerprint(gazetteer()));
    db.commit();
  }
  index::publish_generation(dir.path / "index", *before);
  REQUIRE(*index::current_generation(dir.path / "index") == *before);
  const auto resumed = build(dir.path / "corpus", dir.path / "index", 2, true);
  CHECK(resumed.resumed);
  CHECK(resumed.added == 0);  // nothing indexed again
  CHECK(resumed.updated == 0);
  CHECK(*index::current_generation(dir.path / "index") != *before);
  CHECK(dump(dir.path / "index") == expected);
}
