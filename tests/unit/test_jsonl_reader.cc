// JSON Lines dumps: the default mapping, identities, bad lines named by number, and
// xz streams.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "corpus/input.h"
#include "corpus/jsonl_reader.h"
#include "entities/gazetteer.h"

using namespace iran::corpus;

namespace {
const std::filesystem::path kDump = std::filesystem::path(IRAN_TEST_DATA_DIR) / "jsonl" / "dump.jsonl";

const iran::entities::Gazetteer& gazetteer() {
  static const auto g = iran::entities::Gazetteer::load_default();
  return g;
}
}  // namespace

TEST_CASE("the fixture dump: good lines indexed, bad ones named by line") {
  std::vector<SourceRecord> records;
  const auto file = read_source(kDump, {}, [&](SourceRecord&& r) { records.push_back(std::move(r)); });
  CHECK(file.format == "jsonl");
  CHECK(file.container);
  REQUIRE(records.size() == 4);
  REQUIRE(file.problems.size() == 2);
  CHECK(file.problems[0].line == 4);
  CHECK(file.problems[0].problem.find("not JSON") != std::string::npos);
  CHECK(file.problems[1].line == 6);
  CHECK(file.problems[1].problem == "no text in field text|content|body and no title");
  CHECK(file.problems[1].empty);
  CHECK_FALSE(file.problems[0].empty);

  CHECK(records[0].item == "snn-demo-1");
  CHECK(records[2].item == "https://www.reuters.com/world/demo-3");  // no id: the url
  CHECK(records[3].item == "line-5");                                // neither: the line

  const auto a = make_article(records[0], "", gazetteer());
  CHECK(a.meta.source == "aleqtisadiya");
  CHECK(a.meta.date == "2015-07-20");  // the URL's date beats the crawl time
  CHECK(a.meta.date_origin == "url");
  CHECK(a.meta.lang == "ar");
  const auto b = make_article(records[1], "", gazetteer());
  CHECK(b.meta.source == "sabq");
  CHECK(b.meta.date == "2015-08-03");  // only the crawl time
  CHECK(b.meta.date_origin == "crawled");
  CHECK(b.meta.lang == "ar");  // detected
  const auto c = make_article(records[2], "", gazetteer());
  CHECK(c.meta.source == "reuters");
  CHECK(c.meta.date == "2021-12-13");
  CHECK(c.meta.date_origin == "jsonl");
  const auto d = make_article(records[3], "", gazetteer());
  CHECK(d.meta.date == "2022-01");
  CHECK(d.body.find("Deliveries will resume") != std::string::npos);  // an array of paragraphs
}

TEST_CASE("SaudiNewsNet's newspaper codes are sources; its code for the Saudi Press Agency is spa") {
  const auto r = parse_jsonl_line(R"({"id":"x","source":"was","content":"نص عن الطقس في الرياض."})", 1, {});
  SourceRecord record{r.id, r.text, r.meta};
  CHECK(make_article(record, "", gazetteer()).meta.source == "spa");
}

TEST_CASE("a mapping from the config file") {
  JsonlMapping m;
  m.title = JsonlMapping::fields("headline|title");
  m.text = JsonlMapping::fields("story");
  m.date = JsonlMapping::fields("meta.published");
  const auto r = parse_jsonl_line(R"({"headline":"H","story":"Body text here.","meta":{"published":"2020-02-03"}})", 1, m);
  CHECK(r.meta.title == "H");
  CHECK(r.text == "Body text here.");
  CHECK(r.meta.date == "2020-02-03");
  CHECK(m.fingerprint() != JsonlMapping{}.fingerprint());
  CHECK_THROWS_AS(parse_jsonl_line(R"({"story":"x","meta":{"published":"soon"}})", 2, m), std::invalid_argument);
  CHECK_THROWS_AS(parse_jsonl_line("[1,2]", 3, m), std::invalid_argument);
}

TEST_CASE("xz dumps are streamed; damaged xz is a file error after the good records") {
  const auto dir = std::filesystem::temp_directory_path() / ("iran-jsonl-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto plain = dir / "d.jsonl";
  {
    std::ofstream out(plain);
    for (int i = 0; i < 500; ++i) out << R"({"id":")" << i << R"(","text":"article number )" << i << "\"}\n";
  }
  REQUIRE(std::system(("xz -k -q " + plain.string()).c_str()) == 0);
  std::size_t n = 0;
  const auto stats = read_jsonl(dir / "d.jsonl.xz", {}, [&](JsonlRecord&&) { ++n; }, [](JsonlProblem&&) { FAIL("problem"); });
  CHECK(n == 500);
  CHECK(stats.compression == "xz");
  // Cut the compressed file in half.
  const auto size = std::filesystem::file_size(dir / "d.jsonl.xz");
  std::filesystem::resize_file(dir / "d.jsonl.xz", size / 2);
  CHECK_THROWS_AS(read_jsonl(dir / "d.jsonl.xz", {}, [](JsonlRecord&&) {}, [](JsonlProblem&&) {}), FileError);
  std::filesystem::remove_all(dir);
}

TEST_CASE("names") {
  CHECK(is_jsonl_name("a.jsonl"));
  CHECK(is_jsonl_name("A.NDJSON"));
  CHECK(is_jsonl_name("saudinewsnet.jsonl.xz"));
  CHECK_FALSE(is_jsonl_name("a.json"));
  CHECK(input_kind_for("x.jsonl.xz") == InputKind::Dump);
  CHECK(input_kind_for("page.HTM") == InputKind::Html);
  CHECK(input_kind_for("feed.xml") == InputKind::Feed);
  CHECK_FALSE(input_kind_for("report.pdf"));
  CHECK(skip_label("report.PDF") == ".pdf");
  CHECK(skip_label("Makefile") == "no extension");
  CHECK(skip_label("backup.tar.gz") == ".tar.gz");
}
