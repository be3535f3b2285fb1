// iranidx officials [--discovered]: the officials the index names, with article counts;
// --discovered: only those found by their role and not in the gazetteer, each followed by
// the gazetteer rows to paste into a local gazetteer file (README: "A gazetteer the user
// can extend").
#include <xapian.h>

#include <algorithm>
#include <iostream>
#include <vector>

#include "app/cli_support.h"
#include "index/discovered.h"
#include "index/discovered_merge.h"
#include "index/schema.h"
#include "index/searcher.h"
#include "indexer/commands.h"
#include "util/terminal.h"

namespace iran::indexer {
namespace {

bool arabic_script(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) == 0xD8 || static_cast<unsigned char>(c) == 0xD9 || static_cast<unsigned char>(c) == 0xDA || static_cast<unsigned char>(c) == 0xDB; });
}

}  // namespace

int run_officials(const Paths& paths, bool discovered_only) {
  const auto context = app::load_analysis_context();
  index::Searcher searcher(paths.db, context.gazetteer, context.analyzer);  // checks the index
  const Xapian::Database& db = searcher.database();
  const auto discovered = index::discovered_officials(db);
  // One person spelled in two scripts is one row (index/discovered_merge.h).
  const index::DiscoveredMerge merge(discovered);
  // Articles naming any of a person's spellings, each once.
  auto person_articles = [&](const index::DiscoveredPerson& person) {
    std::vector<Xapian::Query> terms;
    for (const auto& id : person.ids) terms.emplace_back(std::string(schema::kOfficialPrefix) + id);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  };

  struct Row {
    std::string id, name, detail;
    Xapian::doccount articles;
    const index::DiscoveredInfo* info;
    std::vector<const index::DiscoveredInfo*> others;  // the person's other spellings
  };
  std::vector<Row> rows;
  const std::string prefix(schema::kOfficialPrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string id = (*t).substr(prefix.size());
    const auto it = discovered.find(id);
    const auto* listed = context.gazetteer.by_id(entities::Kind::Official, id);
    if (discovered_only && (listed || it == discovered.end())) continue;
    const index::DiscoveredPerson* person = listed || it == discovered.end() ? nullptr : merge.person(id);
    if (person && person->ids.front() != id) continue;  // listed under the person's canonical ID
    Row r{id, id, "", t.get_termfreq(), nullptr, {}};
    if (listed) {
      r.name = listed->name_en;
    } else if (it != discovered.end()) {
      r.info = &it->second;
      r.name = it->second.name;
      std::string role = it->second.role, country = it->second.country;
      std::string also;
      if (person) {
        r.articles = person_articles(*person);
        for (std::size_t i = 1; i < person->ids.size(); ++i) {
          const auto& other = discovered.at(person->ids[i]);
          r.others.push_back(&other);
          if (role.empty()) role = other.role;
          if (country.empty()) country = other.country;
          also += (also.empty() ? "; also written " : ", ") + other.name + " (" + other.id + ")";
        }
      }
      r.detail = "discovered";
      if (!role.empty()) r.detail += ", " + role;
      if (!country.empty()) r.detail += ", " + country;
      r.detail += also;
    }
    rows.push_back(std::move(r));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.articles != b.articles ? a.articles > b.articles : a.id < b.id;
  });
  // Names and roles come from article text: escaped, so no control or bidi character
  // reaches the terminal.
  for (const auto& r : rows) {
    std::cout << r.articles << "  " << util::escape_controls(r.name) << " (" << util::escape_controls(r.id) << ")";
    if (!r.detail.empty()) std::cout << "  [" << util::escape_controls(r.detail) << "]";
    std::cout << '\n';
    if (!discovered_only || !r.info) continue;
    // Ready to paste into gazetteer.tsv; an official needs a country row to load.
    // Every spelling of the person as a name row of the one ID.
    const auto& d = *r.info;
    std::string country = d.country, role = d.role;
    std::vector<const index::DiscoveredInfo*> spellings{&d};
    spellings.insert(spellings.end(), r.others.begin(), r.others.end());
    std::vector<std::string> written;
    for (const auto* s : spellings) {
      if (country.empty()) country = s->country;
      if (role.empty()) role = s->role;
      const char* lang = arabic_script(s->name) ? "ar" : "en";
      // One row per language: the name most articles give (the rows are in that order).
      if (std::find(written.begin(), written.end(), lang) != written.end()) continue;
      written.emplace_back(lang);
      std::cout << "    " << util::escape_controls(d.id) << '\t' << lang << '\t' << util::escape_controls(s->name) << '\n';
    }
    if (country.empty()) std::cout << "    # " << d.id << "\tcountry\t(ISO code of the state they serve)\n";
    else std::cout << "    " << d.id << "\tcountry\t" << country << '\n';
    if (!role.empty()) std::cout << "    " << d.id << "\trole\t" << util::escape_controls(role) << '\n';
  }
  if (rows.empty()) std::cerr << "iranidx: " << (discovered_only ? "no discovered officials" : "no officials") << " in the index\n";
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
