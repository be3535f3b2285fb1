#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <vector>

#include "app/cli_support.h"
#include "index/layout.h"
#include "index/schema.h"
#include "index/target.h"
#include "index/searcher.h"
#include "indexer/commands.h"
#include "util/terminal.h"

namespace iran::indexer {
namespace {

struct Count {
  std::string value;
  Xapian::doccount docs;
};

// Boolean filter terms carry exact document counts (term frequencies): no scan needed.
std::vector<Count> counts_by_prefix(const Xapian::Database& db, std::string_view prefix) {
  std::vector<Count> counts;
  const std::string p(prefix);
  for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t)
    counts.push_back({(*t).substr(p.size()), t.get_termfreq()});
  std::stable_sort(counts.begin(), counts.end(), [](const Count& a, const Count& b) { return a.docs > b.docs; });
  return counts;
}

std::string pretty_date(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return "none";
  return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

}  // namespace

int run_stats(const Paths& paths) {
  const auto context = app::load_analysis_context();
  index::Searcher searcher(paths.db, context.gazetteer, context.analyzer);  // checks the index
  const Xapian::Database& db = searcher.database();

  std::cout << "index:      " << util::quote_name(paths.db) << '\n'
            << "documents:  " << db.get_doccount() << '\n'
            << "dates:      " << pretty_date(db.get_value_lower_bound(schema::kDateSlot)) << " to "
            << pretty_date(db.get_value_upper_bound(schema::kDateEndSlot)) << " ("
            << db.get_doccount() - db.get_value_freq(schema::kDateSlot) << " undated)\n"
            << "last build: "
            << util::escape_controls((index::is_layout(paths.db) ? index::open_layout_view(paths.db).home : db)
                                         .get_metadata(std::string(schema::kMetaLastBuild)))
            << '\n';

  // A layout iranidx made: each shard's documents and dates.
  if (index::is_layout(paths.db)) {
    const auto view = index::open_layout_view(paths.db);
    std::cout << "\nshards (" << view.layout.scheme.text() << "):\n";
    for (std::size_t i = 0; i < view.shards.size(); ++i) {
      const auto& shard = view.shards[i];
      std::cout << "  " << shard.get_doccount() << "\t" << util::escape_controls(view.layout.shards[i].name) << "\t"
                << pretty_date(shard.get_value_lower_bound(schema::kDateSlot)) << " to "
                << pretty_date(shard.get_value_upper_bound(schema::kDateEndSlot)) << " ("
                << shard.get_doccount() - shard.get_value_freq(schema::kDateSlot) << " undated)\n";
    }
  }

  struct Section {
    const char* title;
    const char* facet;
    std::string_view prefix;
  };
  for (const Section& s : {Section{"language", "lang", schema::kLangPrefix}, Section{"source", "source", schema::kSourcePrefix},
                           Section{"country", "country", schema::kCountryPrefix},
                           Section{"official", "official", schema::kOfficialPrefix}}) {
    std::cout << '\n' << s.title << ":\n";
    for (const auto& c : counts_by_prefix(db, s.prefix)) {
      std::string id = c.value;
      if (std::string_view(s.facet) == "country")
        std::transform(id.begin(), id.end(), id.begin(), [](unsigned char ch) { return std::toupper(ch); });
      std::cout << "  " << c.docs << "\t" << util::escape_controls(id) << "\t"
                << util::escape_controls(index::facet_label(context.gazetteer, s.facet, id)) << '\n';
    }
  }
  return app::exit_code::kSuccess;
}

}  // namespace iran::indexer
