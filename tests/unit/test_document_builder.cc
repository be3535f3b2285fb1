#include <doctest/doctest.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <map>

#include "corpus/article.h"
#include "entities/gazetteer.h"
#include "index/document_builder.h"
#include "text/analyzer.h"

namespace fs = std::filesystem;
using namespace iran;

TEST_CASE("the spelling words a built document carries are those FLAG_SPELLING adds") {
  const auto gazetteer = entities::Gazetteer::load(entities::find_data_dir());
  const text::Analyzer analyzer;
  corpus::Article article;
  article.meta.title = "Iran's Foreign Minister visits Doha";
  article.body =
      "Hossein Amir-Abdollahian met Qatar's emir in Doha; 2024 talks, 3rd round. Iran's minister "
      "said the talks were constructive. وأكد الجانبان على تعزيز العلاقات مع قطر والعلاقات "
      "الإيرانية القطرية. A word of 70 letters: " + std::string(70, 'w') + ".";

  // What TermGenerator itself writes with FLAG_SPELLING, indexing the same text the same way.
  const fs::path dir = fs::temp_directory_path() / ("iran-spelling-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::map<std::string, unsigned> expected;
  {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    analyzer.configure(generator);
    generator.set_database(db);
    generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    Xapian::Document doc;
    generator.set_document(doc);
    analyzer.index_text(generator, article.meta.title);
    analyzer.index_text(generator, article.body);
    db.commit();
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) expected[*w] = w.get_termfreq();
  }

  index::DocumentBuilder builder(analyzer, gazetteer);
  const auto built = builder.build("a.txt", article, "sig", "");
  CHECK(built.spelling.size() > 20);
  std::map<std::string, unsigned> got;
  {
    // Through the database: it has its own rules (words of one letter are left out).
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    built.add_spelling_to(db);
    db.commit();
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) got[*w] = w.get_termfreq();
  }
  fs::remove_all(dir);
  CHECK(got.count("iran's") == 1);
  CHECK(got.count("العلاقات") == 1);
  for (const auto& [w, n] : expected) {
    const auto it = got.find(w);
    CHECK_MESSAGE((it != got.end() && it->second == n), "FLAG_SPELLING adds " << w << " x" << n);
  }
  for (const auto& [w, n] : got) CHECK_MESSAGE(expected.count(w), "the builder adds " << w << " x" << n);

  // The builder is reusable: a second document starts afresh.
  corpus::Article other;
  other.body = "Tajikistan";
  const auto second = builder.build("b.txt", other, "sig", "");
  REQUIRE(second.spelling.size() == 1);
  CHECK(second.spelling[0] == std::pair<std::string, unsigned>("tajikistan", 1));
}

TEST_CASE("a built document carries its copy print") {
  const auto gazetteer = entities::Gazetteer::load(entities::find_data_dir());
  const text::Analyzer analyzer;
  index::DocumentBuilder builder(analyzer, gazetteer);
  corpus::Article article;
  article.body = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
  const auto built = builder.build("a.txt", article, "sig", "");
  CHECK(built.copy.bands.size() == 8);
  CHECK(built.copy.shingles == index::shingles(analyzer.normalize(article.body)));
  article.body = "too short";
  CHECK(builder.build("b.txt", article, "sig", "").copy.bands.empty());
}
