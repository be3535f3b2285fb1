// Measures the transliteration key (entities/name_key.h) without the gazetteer's help.
// Run by scripts/eval-names.
//
//   eval_names DATA_DIR CORPUS.jsonl.xz|DIR [MAX_ARTICLES]
//
// The gazetteer's officials that have both a Latin-script name and an Arabic-script one
// are split by a hash of their ID into a design part (what the key was built and tuned
// on) and a test part. Two figures, on each part (the test part is the one to report):
//  1. names: an official is found when one of their Latin spellings and one of their
//     Arabic-script spellings share a key; false: pairs of *different* test officials
//     whose Latin and Arabic-script names share a key, over all such pairs.
//  2. corpus search: the part is removed from the gazetteer, the corpus is indexed
//     the way iranidx indexes it (the XN keys of name-like words, index::extract_entities),
//     and each of the part's officials' English name is searched as `--official` would search an
//     unknown name by key. A matched article is right when the full gazetteer finds that
//     official in it; false matches are the other matched articles, over all matched.
//  3. the join of discovered spellings (index/discovered_merge.h), by rule: every name of
//     every listed official (all of them, with or without a name in the other script)
//     taken as if discovered, with and without its country; joined right: an official
//     whose Latin and Arabic-script names become one person; wrong: a person holding
//     names of two officials (each such pair is printed).
// Exit status 0 whatever the figures; 1 usage; 2 when data cannot be read.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/article.h"
#include "entities/gazetteer.h"
#include "entities/name_key.h"
#include "index/discovered_merge.h"
#include "index/document_builder.h"
#include "entities/discovery.h"

namespace {

namespace fs = std::filesystem;
using iran::entities::Entity;
using iran::entities::Gazetteer;
using iran::entities::Kind;

std::uint32_t fnv1a(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

bool arabic_script(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0xD8 && u <= 0xDB;
  });
}

bool latin(const std::string& s) {
  return !arabic_script(s) && std::any_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

struct Official {
  const Entity* entity;
  std::vector<std::string> latin, arabic;
};

std::vector<std::string> words(const std::string& name) {
  std::vector<std::string> out;
  std::string w;
  for (char c : name) {
    if (c == ' ' || c == '-' || c == '\t') {
      if (!w.empty()) out.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

// The key part of index::unknown_name_query, over a document's key set.
bool key_match(const std::string& name, const std::set<std::string>& keys) {
  const auto w = words(name);
  if (w.size() == 1) {
    for (const auto& k : iran::entities::name_keys(w.front()))
      if (k.size() >= 2 && keys.count(k)) return true;
    return false;
  }
  for (const auto& k : iran::entities::name_span_keys(name))
    if (keys.count(k)) return true;
  return false;
}

std::vector<std::string> read_corpus(const std::string& where, std::size_t max) {
  std::vector<std::string> texts;
  if (fs::is_directory(where)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(where))
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (texts.size() >= max) break;
      std::ifstream in(f);
      std::stringstream ss;
      ss << in.rdbuf();
      texts.push_back(ss.str());
    }
    return texts;
  }
  // JSON lines through xz: the "title" and "content" fields, unescaped by python3.
  const std::string cmd = "xz -dc '" + where +
                          "' | python3 -c 'import sys,json\nfor l in sys.stdin:\n r=json.loads(l); "
                          "t=(r.get(\"title\") or \"\")+\"\\n\\n\"+(r.get(\"content\") or r.get(\"body\") or \"\"); "
                          "print(t.replace(\"\\x00\",\" \").replace(\"\\n\",\"\\x01\"))' 2>/dev/null | head -n " +
                          std::to_string(max);
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot read " + where);
  std::string line;
  char buf[65536];
  while (fgets(buf, sizeof buf, p)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') {
      line.pop_back();
      std::replace(line.begin(), line.end(), '\x01', '\n');
      texts.push_back(line);
      line.clear();
    }
  }
  pclose(p);
  return texts;
}

std::string pct(long a, long b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0);
  return buf;
}

// The corpus search for one part: that part removed from the gazetteer, each of its
// officials searched by the key of their English name.
void corpus_search(const fs::path& data, const Gazetteer& full, const std::vector<Official>& part,
                   const std::vector<std::string>& texts, const char* label) {
  // A gazetteer without the part.
  const fs::path tmp = fs::temp_directory_path() / ("eval_names." + std::to_string(::getpid()));
  fs::create_directories(tmp);
  for (const auto& f : fs::directory_iterator(data))
    if (f.path().extension() == ".tsv" && f.path().filename() != "officials.tsv") fs::copy_file(f.path(), tmp / f.path().filename());
  std::set<std::string> test_ids;
  for (const auto& o : part) test_ids.insert(o.entity->id);
  {
    std::ifstream in(data / "officials.tsv");
    std::ofstream out(tmp / "officials.tsv");
    std::string line;
    while (std::getline(in, line)) {
      const auto tab = line.find('\t');
      if (tab != std::string::npos && test_ids.count(line.substr(0, tab))) continue;
      out << line << '\n';
    }
  }
  const auto reduced = Gazetteer::load(tmp);
  fs::remove_all(tmp);

  long matched = 0, right = 0, present = 0, present_found = 0, key_terms = 0;
  std::map<std::string, long> false_by_name;
  std::map<std::string, std::vector<std::size_t>> false_articles;  // name → article numbers (0-based)
  for (std::size_t at = 0; at < texts.size(); ++at) {
    const auto& text = texts[at];
    iran::corpus::Article article;
    article.body = text;
    const auto entities = iran::index::extract_entities(article, reduced);
    const std::set<std::string> keys(entities.name_keys.begin(), entities.name_keys.end());
    key_terms += static_cast<long>(keys.size());
    std::set<const Entity*> truth;
    for (const auto& m : full.find(text))
      if (m.entity->kind == Kind::Official && test_ids.count(m.entity->id)) truth.insert(m.entity);
    for (const auto& o : part) {
      const bool hit = key_match(o.entity->name_en, keys);
      const bool is = truth.count(o.entity) > 0;
      present += is;
      present_found += is && hit;
      if (!hit) continue;
      ++matched;
      if (is) ++right;
      else {
        ++false_by_name[o.entity->name_en];
        false_articles[o.entity->name_en].push_back(at);
      }
    }
  }
  std::cout << "\ncorpus search, " << label << ": " << texts.size() << " articles, " << part.size()
            << " officials (removed from the gazetteer) searched by their English name's key (as --official of an unknown name)\n"
            << "  articles naming one of them (full gazetteer): " << present << "; found by the key: " << present_found
            << " (" << pct(present_found, present) << ")\n"
            << "  articles matched: " << matched << "; false matches: " << matched - right << " ("
            << pct(matched - right, matched) << " of matched)\n"
            << "  name key (XN) terms: " << key_terms << " (" << (texts.empty() ? 0.0 : static_cast<double>(key_terms) / static_cast<double>(texts.size()))
            << " per article)\n";
  if (!false_by_name.empty()) {
    std::cout << "  false matches by name:\n";
    for (const auto& [name, n] : false_by_name) {
      std::cout << "    " << n << "  " << name << "  (article";
      for (const auto a : false_articles[name]) std::cout << ' ' << a;
      std::cout << ")\n";
    }
  }
}

void merge_figures(const Gazetteer& full) {
  for (const bool countries : {true, false}) {
    std::map<std::string, iran::index::DiscoveredInfo> discovered;
    std::map<std::string, const Entity*> owner;
    std::set<const Entity*> two_scripts;
    for (const auto* e : full.all(Kind::Official)) {
      bool has_latin = false, has_arabic = false;
      std::set<std::string> slugs;
      for (const auto& n : full.names_of(*e)) {
        iran::index::DiscoveredInfo d;
        d.id = e->id + "~" + iran::entities::name_slug(n);
        if (!slugs.insert(d.id).second) continue;
        d.name = n;
        d.country = countries ? e->country : std::string();
        d.articles = 1;
        owner[d.id] = e;
        discovered.emplace(d.id, d);
        (arabic_script(n) ? has_arabic : has_latin) = true;
      }
      if (has_latin && has_arabic) two_scripts.insert(e);
    }
    const iran::index::DiscoveredMerge merge(discovered);
    std::set<const Entity*> joined, wrong;
    std::vector<std::string> wrong_pairs;
    for (const auto& person : merge.people()) {
      std::set<const Entity*> officials;
      for (const auto& id : person.ids) officials.insert(owner[id]);
      if (officials.size() == 1) {
        joined.insert(*officials.begin());
        continue;
      }
      wrong.insert(officials.begin(), officials.end());
      std::string line;
      for (const auto& id : person.ids) line += (line.empty() ? "" : " = ") + discovered.at(id).name + " [" + owner[id]->id + "]";
      wrong_pairs.push_back(line);
    }
    std::cout << "\njoin of discovered spellings (officials as if discovered, " << (countries ? "with" : "without")
              << " their country): " << full.all(Kind::Official).size() << " officials, " << discovered.size() << " names\n"
              << "  officials with names in both scripts: " << two_scripts.size() << "; joined into one person: " << joined.size()
              << " (" << pct(static_cast<long>(joined.size()), static_cast<long>(two_scripts.size())) << ")\n"
              << "  persons holding two officials' names: " << wrong_pairs.size() << "; officials wrongly joined: " << wrong.size()
              << " (" << pct(static_cast<long>(wrong.size()), static_cast<long>(full.all(Kind::Official).size())) << ")\n";
    for (const auto& w : wrong_pairs) std::cout << "    " << w << '\n';
  }
}

int run(const fs::path& data, const std::string& corpus, std::size_t max) {
  const auto full = Gazetteer::load(data);
  std::vector<Official> design, test;
  for (const auto* e : full.all(Kind::Official)) {
    Official o{e, {}, {}};
    for (const auto& n : full.names_of(*e)) (arabic_script(n) ? o.arabic : latin(n) ? o.latin : o.arabic).push_back(n);
    o.arabic.erase(std::remove_if(o.arabic.begin(), o.arabic.end(), [](const std::string& s) { return !arabic_script(s); }),
                   o.arabic.end());
    if (o.latin.empty() || o.arabic.empty()) continue;
    (fnv1a(e->id) % 2 == 0 ? design : test).push_back(std::move(o));
  }
  auto names_figures = [](const std::vector<Official>& part, const char* label) {
    long found = 0, false_pairs = 0, pairs = 0;
    std::vector<std::string> missed;
    for (const auto& o : part) {
      bool ok = false;
      for (const auto& l : o.latin)
        for (const auto& a : o.arabic) ok = ok || iran::entities::same_name(l, a);
      if (ok) ++found;
      else missed.push_back(o.latin.front() + " / " + o.arabic.front());
      for (const auto& other : part) {
        if (other.entity == o.entity) continue;
        ++pairs;
        if (iran::entities::same_name(o.latin.front(), other.arabic.front())) ++false_pairs;
      }
    }
    std::cout << label << ": " << part.size() << " officials; found across scripts " << found << " ("
              << pct(found, static_cast<long>(part.size())) << "); false pairs " << false_pairs << " of " << pairs << " ("
              << pct(false_pairs, pairs) << ")\n";
    return missed;
  };
  for (const auto* part : {&design, &test}) {
    const bool is_test = part == &test;
    const auto missed = names_figures(*part, is_test ? "test part  " : "design part");
    std::cout << "  " << (is_test ? "test" : "design") << " names not found:\n";
    for (const auto& m : missed) std::cout << "    " << m << '\n';
  }

  merge_figures(full);

  const auto texts = read_corpus(corpus, max);
  corpus_search(data, full, design, texts, "design part");
  corpus_search(data, full, test, texts, "test part");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: eval_names DATA_DIR CORPUS.jsonl.xz|DIR [MAX_ARTICLES]\n";
    return 1;
  }
  try {
    return run(argv[1], argv[2], argc == 4 ? static_cast<std::size_t>(std::stoul(argv[3])) : 2000);
  } catch (const std::exception& e) {
    std::cerr << "eval_names: error: " << e.what() << '\n';
    return 2;
  }
}
