// Measures Arabic conflation: the project's analyzer next to Xapian's own Snowball Arabic
// stemmer, on the development gold set (groups that must conflate, pairs that must not)
// and on the Golden Arabic Corpus (word → stem groups). Run by scripts/eval-analyzer.
#include <xapian.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "text/analyzer.h"

namespace {

using StemFn = std::function<std::string(const std::string&)>;

// What a one-word text becomes in the index: the stems TermGenerator produces, in order
// (usually one; a form that splits into several tokens gives them all).
std::string indexed_stems(const Xapian::Stem& stemmer, const std::string& normalized) {
  Xapian::Document doc;
  Xapian::TermGenerator gen;
  gen.set_stemmer(stemmer);
  gen.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
  gen.set_document(doc);
  gen.index_text(normalized);
  std::map<Xapian::termpos, std::string> by_pos;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.empty() || term[0] != 'Z') continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
      by_pos[*p] = term.substr(1);
  }
  std::string out;
  for (const auto& [pos, s] : by_pos) out += (out.empty() ? "" : " ") + s;
  return out;
}

// A reference point written for this tool from the published description of Lucene's
// ArabicAnalyzer (Larkey's light10 family): its normalization (alef forms → ا, ى → ي,
// ة → ه, no tatweel or harakat), then one prefix of ال وال بال كال فال لل و (و only on
// words of four letters or more, two letters always left), then each of the suffixes
// ها ان ات ون ين يه ية ه ة ي in turn where two letters stay. Approximate by design: it
// reproduces the rules, not Lucene's code, tokenizer or stopwords.
std::u32string to_u32(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : b & (0xFF >> (len + 1));
    for (int k = 1; k < len && i + k < s.size(); ++k) c = (c << 6) | (s[i + k] & 0x3F);
    out.push_back(c);
    i += len;
  }
  return out;
}

std::string to_utf8(const std::u32string& u) {
  std::string out;
  for (char32_t c : u) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string light10_style(const std::string& word) {
  std::u32string w;
  for (char32_t c : to_u32(word)) {
    if (c == 0x0640 || (c >= 0x064B && c <= 0x0652)) continue;
    if (c == 0x0622 || c == 0x0623 || c == 0x0625) c = 0x0627;
    if (c == 0x0649) c = 0x064A;
    if (c == 0x0629) c = 0x0647;
    w.push_back(c);
  }
  static const std::u32string prefixes[] = {U"ال", U"وال", U"بال", U"كال", U"فال", U"لل", U"و"};
  for (const auto& p : prefixes) {
    if (w.size() >= p.size() + 2 && (p.size() > 1 || w.size() >= 4) &&
        w.compare(0, p.size(), p) == 0) {
      w.erase(0, p.size());
      break;
    }
  }
  static const std::u32string suffixes[] = {U"ها", U"ان", U"ات", U"ون", U"ين",
                                            U"يه", U"ية", U"ه",  U"ة",  U"ي"};
  for (const auto& x : suffixes) {
    if (w.size() >= x.size() + 2 && w.compare(w.size() - x.size(), x.size(), x) == 0)
      w.erase(w.size() - x.size());
  }
  return to_utf8(w);
}

struct Row {
  std::string id, kind;
  std::vector<std::string> forms;
};

std::string category(const Row& r) {
  if (r.kind == "different") return r.id.substr(0, 2);  // dl: shared letters, dr: shared root
  if (r.kind == "orth") return "orth";
  return r.id.substr(0, 1);  // n nouns, p places, v verbs, b broken plurals
}

std::vector<Row> read_dev(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Row> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    Row r;
    std::string forms;
    std::getline(ls, r.id, '\t');
    std::getline(ls, r.kind, '\t');
    std::getline(ls, forms);
    std::istringstream fs(forms);
    for (std::string f; fs >> f;) r.forms.push_back(f);
    if (r.forms.size() >= 2) rows.push_back(std::move(r));
  }
  return rows;
}

struct Tally {
  int groups = 0, full = 0;
  long pairs = 0, joined = 0;
  double full_pct() const { return groups ? 100.0 * full / groups : 0; }
  double pair_pct() const { return pairs ? 100.0 * joined / pairs : 0; }
};

// For same/orth groups: is the whole group one stem, and how many pairs share one.
void tally_group(const std::vector<std::string>& stems, Tally& t) {
  ++t.groups;
  bool all = true;
  for (size_t i = 0; i < stems.size(); ++i) {
    for (size_t j = i + 1; j < stems.size(); ++j) {
      ++t.pairs;
      if (stems[i] == stems[j])
        ++t.joined;
      else
        all = false;
    }
  }
  if (all) ++t.full;
}

struct System {
  std::string name;
  StemFn stem;
};

int eval_dev(const std::string& path, const std::vector<System>& systems, bool all_failures) {
  const std::vector<Row> rows = read_dev(path);
  const std::vector<std::string> order = {"n", "p", "v", "npv", "b", "orth", "dl", "dr", "diff"};
  std::vector<std::map<std::string, Tally>> tallies(systems.size());
  std::vector<std::vector<std::string>> failures(systems.size());
  for (const Row& r : rows) {
    const std::string cat = category(r);
    for (size_t s = 0; s < systems.size(); ++s) {
      std::vector<std::string> stems;
      for (const auto& f : r.forms) stems.push_back(systems[s].stem(f));
      std::ostringstream shown;
      for (size_t k = 0; k < r.forms.size(); ++k) shown << " " << r.forms[k] << "→" << stems[k];
      if (r.kind == "different") {
        Tally& t = tallies[s][cat];
        Tally& d = tallies[s]["diff"];
        for (Tally* x : {&t, &d}) {
          ++x->groups;
          ++x->pairs;
        }
        if (stems[0] == stems[1]) {
          ++t.joined, ++d.joined;
          failures[s].push_back(r.id + " different, conflated:" + shown.str());
        }
      } else {
        tally_group(stems, tallies[s][cat]);
        if (cat == "n" || cat == "p" || cat == "v") tally_group(stems, tallies[s]["npv"]);
        const Tally& t = tallies[s][cat];
        (void)t;
        bool all = true;
        for (const auto& x : stems) all = all && x == stems[0];
        if (!all) failures[s].push_back(r.id + " " + r.kind + ", not conflated:" + shown.str());
      }
    }
  }
  std::printf("Dev set: %s (%zu rows)\n\n", path.c_str(), rows.size());
  std::printf("%-6s %6s |", "kind", "groups");
  for (const auto& sys : systems) std::printf(" %-26s|", sys.name.c_str());
  std::printf("\n%-6s %6s |", "", "");
  for (size_t s = 0; s < systems.size(); ++s)
    std::printf(" %11s %13s |", "all-in-one", "pair-recall");
  std::printf("\n");
  for (const auto& cat : order) {
    if (cat == "dl" || cat == "dr" || cat == "diff") continue;
    const int groups = tallies[0][cat].groups;
    if (!groups) continue;
    std::printf("%-6s %6d |", cat == "npv" ? "n+p+v" : cat.c_str(), groups);
    for (size_t s = 0; s < systems.size(); ++s) {
      const Tally& t = tallies[s][cat];
      std::printf(" %10.1f%% %12.1f%% |", t.full_pct(), t.pair_pct());
    }
    std::printf("\n");
  }
  std::printf("\n%-6s %6s |", "kind", "pairs");
  for (const auto& sys : systems) std::printf(" %-26s|", sys.name.c_str());
  std::printf("\n%-6s %6s |", "", "");
  for (size_t s = 0; s < systems.size(); ++s) std::printf(" %25s |", "wrongly conflated");
  std::printf("\n");
  for (const std::string cat : {"dl", "dr", "diff"}) {
    const int pairs = tallies[0][cat].groups;
    if (!pairs) continue;
    std::printf("%-6s %6d |", cat == "diff" ? "all" : cat.c_str(), pairs);
    for (size_t s = 0; s < systems.size(); ++s) {
      const Tally& t = tallies[s][cat];
      std::printf(" %17ld (%4.1f%%) |", t.joined, t.pair_pct());
    }
    std::printf("\n");
  }
  for (size_t s = 0; s < systems.size(); ++s) {
    if (s > 0 && !all_failures) break;
    std::printf("\nFailures, %s (%zu):\n", systems[s].name.c_str(), failures[s].size());
    for (const auto& f : failures[s]) std::printf("  %s\n", f.c_str());
  }
  return 0;
}

// Golden Arabic Corpus: words grouped by their gold stem. Reports, Paice-style, the share
// of same-stem pairs conflated (under-stemming shows as a low figure) and the share of
// different-stem pairs merged (over-stemming).
void eval_gold(const std::string& path, const std::vector<System>& systems) {
  std::ifstream in(path);
  if (!in) {
    std::printf("\n(no gold file at %s)\n", path.c_str());
    return;
  }
  std::map<std::string, std::set<std::string>> groups;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string word, stem;
    std::getline(ls, word, '\t');
    std::getline(ls, stem, '\t');
    if (!word.empty() && !stem.empty()) groups[stem].insert(word);
  }
  std::vector<std::pair<std::string, std::string>> words;  // (gold stem, word)
  for (const auto& [stem, ws] : groups)
    for (const auto& w : ws) words.emplace_back(stem, w);
  std::printf("\nGolden Arabic Corpus: %s (%zu words, %zu stem groups)\n", path.c_str(),
              words.size(), groups.size());
  for (const auto& sys : systems) {
    std::vector<std::string> ours;
    for (const auto& [g, w] : words) ours.push_back(sys.stem(w));
    long same = 0, same_joined = 0, diff = 0, diff_joined = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      for (size_t j = i + 1; j < words.size(); ++j) {
        const bool joined = ours[i] == ours[j];
        if (words[i].first == words[j].first) {
          ++same;
          same_joined += joined;
        } else {
          ++diff;
          diff_joined += joined;
        }
      }
    }
    std::printf("  %-26s same-stem pairs conflated %5.1f%%, different-stem pairs merged %5.2f%%\n",
                sys.name.c_str(), 100.0 * same_joined / same, 100.0 * diff_joined / diff);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string dev, gold;
  bool all_failures = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--gold") && i + 1 < argc)
      gold = argv[++i];
    else if (!std::strcmp(argv[i], "--all-failures"))
      all_failures = true;
    else if (argv[i][0] != '-' && dev.empty())
      dev = argv[i];
    else {
      std::cerr << "usage: eval_analyzer DEV.tsv [--gold GOLD.tsv] [--all-failures]\n";
      return 1;
    }
  }
  if (dev.empty()) {
    std::cerr << "usage: eval_analyzer DEV.tsv [--gold GOLD.tsv] [--all-failures]\n";
    return 1;
  }
  try {
    const iran::text::Analyzer analyzer;
    const Xapian::Stem snowball("arabic");
    const std::vector<System> systems = {
        {"ours (iran analyzer v" + std::string(iran::text::kAnalyzerVersion) + ")",
         [&](const std::string& w) {
           return indexed_stems(analyzer.stemmer(), analyzer.normalize(w));
         }},
        {"xapian snowball arabic",
         [&](const std::string& w) { return indexed_stems(snowball, w); }},
        {"light10-style (Lucene rules)", [](const std::string& w) { return light10_style(w); }},
    };
    eval_dev(dev, systems, all_failures);
    if (!gold.empty()) eval_gold(gold, systems);
  } catch (const std::exception& e) {
    std::cerr << "eval_analyzer: error: " << e.what() << "\n";
    return 2;
  } catch (const Xapian::Error& e) {
    std::cerr << "eval_analyzer: error: " << e.get_description() << "\n";
    return 2;
  }
  return 0;
}
