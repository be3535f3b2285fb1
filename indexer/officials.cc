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

  struct Row {
    std::string id, name, detail;
    Xapian::doccount articles;
    const index::DiscoveredInfo* info;
  };
  std::vector<Row> rows;
  const std::string prefix(schema::kOfficialPrefix);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string id = (*t).substr(prefix.size());
    const auto it = discovered.find(id);
    const auto* listed = context.gazetteer.by_id(entities::Kind::Official, id);
    if (discovered_only && (listed || it == discovered.end())) continue;
    Row r{id, id, "", t.get_termfreq(), nullptr};
    if (listed) {
      r.name = listed->name_en;
    } else if (it != discovered.end()) {
      r.info = &it->second;
      r.name = it->second.name;
      r.detail = "discovered";
      if (!it->second.role.empty()) r.detail += ", " + it->second.role;
      if (!it->second.country.empty()) r.detail += ", " + it->second.country;
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
    const auto& d = *r.info;
    std::cout << "    " << util::escape_controls(d.id) << '\t' << (arabic_script(d.name) ? "ar" : "en") << '\t' << util::escape_controls(d.name) << '\n';
    if (d.country.empty()) std::cout << "    # " << d.id << "\tcountry\t(ISO code of the state they serve)\n";
    else std::cout << "    " << d.id << "\tcountry\t" << d.country << '\n';
    if (!d.role.empty()) std::cout << "    " << d.id << "\trole\t" << util::escape_controls(d.role) << '\n';
  }
  if (rows.empty()) std::cerr << "iranidx: " << (discovered_only ? "no discovered officials" : "no officials") << " in the index\n";
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
