// Measures entity extraction against the hand-annotated development set
// (tests/fixtures/entities-dev): micro precision, recall and F1 for countries and
// officials per language, accuracy of the date and source derived from the text, and
// every disagreement by file. Run by scripts/eval-entities.
//
//   eval_entities DIR      DIR holds annotations.tsv and the articles it names
//
// It goes through the indexer's own path (read_text_file → parse_article →
// extract_entities) so that the figures are those of the index, not of a side path.
// Articles have no sidecar on purpose: date and source must come from the text.
// Exit status: 0 whatever the scores (it measures, it does not judge); 1 usage error;
// 2 when the annotations or an article cannot be read.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/article.h"
#include "corpus/reader.h"
#include "entities/gazetteer.h"
#include "entities/name_key.h"
#include "index/document_builder.h"

namespace {

namespace fs = std::filesystem;

struct Gold {
  std::string file;
  std::string lang;
  std::set<std::string> countries;
  std::set<std::string> officials;
  std::string date;
  std::string source;
};

struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  // getline drops a trailing empty field; the TSV needs it (an empty source column).
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::set<std::string> split_ids(const std::string& s) {
  std::set<std::string> out;
  for (const auto& part : split(s, ',')) {
    const auto id = trim(part);
    if (!id.empty()) out.insert(id);
  }
  return out;
}

std::vector<Gold> read_annotations(const fs::path& tsv) {
  std::ifstream in(tsv);
  if (!in) throw DataError(tsv.string() + ": cannot open");
  std::vector<Gold> rows;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || line[0] == '#') continue;
    auto f = split(line, '\t');
    if (f[0] == "file") continue;  // the header row
    if (f.size() != 6) {
      throw DataError(tsv.string() + ":" + std::to_string(lineno) +
                      ": expected 6 tab-separated fields, got " + std::to_string(f.size()));
    }
    rows.push_back(
        {trim(f[0]), trim(f[1]), split_ids(f[2]), split_ids(f[3]), trim(f[4]), trim(f[5])});
  }
  if (rows.empty()) throw DataError(tsv.string() + ": no annotated articles");
  return rows;
}

struct Counts {
  long tp = 0, fp = 0, fn = 0;
  Counts& operator+=(const Counts& o) {
    tp += o.tp;
    fp += o.fp;
    fn += o.fn;
    return *this;
  }
};

// "-" when a ratio has no denominator: an empty facet is neither perfect nor failed.
std::string ratio(long num, long den) {
  if (den == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(num) / static_cast<double>(den));
  return buf;
}

std::string f1(const Counts& c) {
  const long den = 2 * c.tp + c.fp + c.fn;
  return ratio(2 * c.tp, den);
}

struct Accuracy {
  long gold = 0;      // articles whose gold value is non-empty
  long correct = 0;   // of those, the extractor gave exactly that value
  long invented = 0;  // gold empty, yet the extractor gave a value
};

struct Report {
  // facet → lang → counts; "all" is summed at print time.
  std::map<std::string, std::map<std::string, Counts>> sets;
  std::map<std::string, std::map<std::string, Accuracy>> scalars;
  std::map<std::string, std::vector<std::string>> errors;  // facet → "file: +XX" lines
  std::map<std::string, long> articles;                    // lang → count
};

void compare_sets(Report& r, const std::string& facet, const Gold& g, const std::set<std::string>& gold,
                  const std::vector<std::string>& found_v) {
  const std::set<std::string> found(found_v.begin(), found_v.end());
  Counts c;
  for (const auto& id : found) {
    if (gold.count(id)) {
      ++c.tp;
    } else {
      ++c.fp;
      r.errors[facet].push_back(g.file + ": +" + id);
    }
  }
  for (const auto& id : gold) {
    if (!found.count(id)) {
      ++c.fn;
      r.errors[facet].push_back(g.file + ": -" + id);
    }
  }
  r.sets[facet][g.lang] += c;
}

void compare_scalar(Report& r, const std::string& facet, const Gold& g, const std::string& found) {
  auto& a = r.scalars[facet][g.lang];
  const std::string& want = facet == "date" ? g.date : g.source;
  if (want.empty()) {
    if (!found.empty()) {
      ++a.invented;
      r.errors[facet].push_back(g.file + ": " + facet + " '" + found + "' where the gold has none");
    }
    return;
  }
  ++a.gold;
  if (found == want) {
    ++a.correct;
  } else {
    r.errors[facet].push_back(g.file + ": " + facet + " '" + found + "', expected '" + want + "'");
  }
}

void print(const Report& r) {
  std::vector<std::string> langs;
  for (const auto& [lang, n] : r.articles) langs.push_back(lang);
  long total = 0;
  std::cout << "articles:";
  for (const auto& [lang, n] : r.articles) {
    std::cout << " " << lang << " " << n;
    total += n;
  }
  std::cout << ", all " << total << "\n\n";

  std::printf("%-10s %-4s %5s %5s %5s %5s %5s %9s %7s %6s\n", "facet", "lang", "gold", "found",
              "tp", "fp", "fn", "precision", "recall", "f1");
  for (const char* facet : {"countries", "officials", "listed", "discovered"}) {
    Counts all;
    auto row = [&](const std::string& lang, const Counts& c) {
      std::printf("%-10s %-4s %5ld %5ld %5ld %5ld %5ld %9s %7s %6s\n", facet, lang.c_str(),
                  c.tp + c.fn, c.tp + c.fp, c.tp, c.fp, c.fn, ratio(c.tp, c.tp + c.fp).c_str(),
                  ratio(c.tp, c.tp + c.fn).c_str(), f1(c).c_str());
    };
    const auto it = r.sets.find(facet);
    for (const auto& lang : langs) {
      Counts c;
      if (it != r.sets.end() && it->second.count(lang)) c = it->second.at(lang);
      row(lang, c);
      all += c;
    }
    row("all", all);
  }

  std::cout << "\n";
  std::printf("%-10s %-4s %8s %8s %9s %9s\n", "facet", "lang", "gold", "correct", "accuracy",
              "invented");
  for (const char* facet : {"date", "source"}) {
    Accuracy all;
    auto row = [&](const std::string& lang, const Accuracy& a) {
      std::printf("%-10s %-4s %8ld %8ld %9s %9ld\n", facet, lang.c_str(), a.gold, a.correct,
                  ratio(a.correct, a.gold).c_str(), a.invented);
    };
    const auto it = r.scalars.find(facet);
    for (const auto& lang : langs) {
      Accuracy a;
      if (it != r.scalars.end() && it->second.count(lang)) a = it->second.at(lang);
      row(lang, a);
      all.gold += a.gold;
      all.correct += a.correct;
      all.invented += a.invented;
    }
    row("all", all);
  }
  std::cout << "(gold: articles with a non-empty gold value; invented: a value where the gold has "
               "none)\n";

  std::cout << "(officials = listed + discovered; listed: officials.tsv has them; discovered: the\n"
               " gold official is not listed, and a found official the gazetteer does not list counts\n"
               " as that person when the names share a transliteration key)\n";
  for (const char* facet : {"countries", "officials", "date", "source"}) {
    const auto it = r.errors.find(facet);
    const std::size_t n = it == r.errors.end() ? 0 : it->second.size();
    std::cout << "\n"
              << facet << ": " << n << (n == 1 ? " disagreement" : " disagreements")
              << (facet == std::string("countries") || facet == std::string("officials")
                      ? " (+ found but not in the gold, - in the gold but not found)"
                      : "")
              << "\n";
    if (n == 0) continue;
    for (const auto& line : it->second) std::cout << "  " << line << "\n";
  }
}

int run(const fs::path& dir) {
  const auto rows = read_annotations(dir / "annotations.tsv");
  const auto gazetteer = iran::entities::Gazetteer::load(iran::entities::find_data_dir());
  Report report;
  for (const auto& g : rows) {
    const fs::path path = dir / g.file;
    iran::corpus::TextFile file;
    try {
      file = iran::corpus::read_text_file(path);
    } catch (const iran::corpus::FileError& e) {
      throw DataError(path.string() + ": " + e.what());
    }
    const auto article = iran::corpus::parse_article(file.text, "", gazetteer);
    const auto found = iran::index::extract_entities(article, gazetteer);
    ++report.articles[g.lang];
    compare_sets(report, "countries", g, g.countries, found.countries);
    // A discovered official's ID is a slug of the name as written (an Arabic spelling is
    // romanized letter by letter), so it is matched to the gold by name key instead.
    std::vector<std::string> officials;
    std::vector<std::string> listed_found, discovered_found;
    std::set<std::string> gold_listed, gold_discovered;
    for (const auto& id : g.officials)
      (gazetteer.by_id(iran::entities::Kind::Official, id) ? gold_listed : gold_discovered).insert(id);
    for (const auto& id : found.officials) {
      const auto d = std::find_if(found.discovered.begin(), found.discovered.end(),
                                  [&](const auto& x) { return x.id == id; });
      if (d == found.discovered.end()) {
        officials.push_back(id);
        listed_found.push_back(id);
        continue;
      }
      std::string as = id;
      for (const auto& want : gold_discovered) {
        std::string spaced = want;
        std::replace(spaced.begin(), spaced.end(), '-', ' ');
        if (want == id || iran::entities::same_name(spaced, d->name)) as = want;
      }
      officials.push_back(as);
      discovered_found.push_back(as);
    }
    compare_sets(report, "officials", g, g.officials, officials);
    compare_sets(report, "listed", g, gold_listed, listed_found);
    compare_sets(report, "discovered", g, gold_discovered, discovered_found);
    compare_scalar(report, "date", g, article.meta.date);
    compare_scalar(report, "source", g, article.meta.source);
  }
  print(report);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 || std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help") {
    std::cerr << "usage: eval_entities DIR   (DIR holds annotations.tsv and the articles)\n";
    return 1;
  }
  try {
    return run(argv[1]);
  } catch (const std::exception& e) {
    std::cerr << "eval_entities: error: " << e.what() << "\n";
    return 2;
  }
}
