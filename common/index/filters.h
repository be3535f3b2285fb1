// Filter values as users type them ("Qatar", "قطر", "Bagheri Kani", "2021-12") →
// the boolean terms and value ranges of the schema.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace iran::entities { class Gazetteer; }

namespace iran::index {

class DiscoveredMerge;

enum class Field { Country, Official, Source, Lang };

// The flag or field name used in messages: "--country", "country:".
std::string_view field_name(Field field);

// The dates a search is limited to, for resolving a role ("foreign minister of Iran")
// to whoever held it then. Empty ends are open.
struct Period {
  std::string from, to;
};

// One name → its terms: one term (XCqa) for a name; for an official, a role gives the
// terms of everyone who held it during `when`. Throws UsageError naming the value and
// suggesting the closest known names.
std::vector<std::string> filter_terms(const entities::Gazetteer& gazetteer, Field field, std::string_view name,
                                      const Period& when = {});

// Where a filter may look beyond the gazetteer: the index, for officials discovered by
// their role, and a place to say that a name was searched as written.
struct FilterContext {
  const Xapian::Database* db = nullptr;
  std::vector<std::string>* notes = nullptr;
  // Discovered people spelled in two scripts (index/discovered_merge.h): a discovered
  // official's name or ID means every spelling of the person.
  const DiscoveredMerge* merge = nullptr;
};

// One flag value with comma-separated alternatives → OR of their terms. With a context,
// an official's name the gazetteer does not know is a discovered official's (by its
// transliteration key, in any script), else the name itself, searched as a phrase and
// by its key (index/discovered.h), with a note saying so; not an error.
Xapian::Query filter_query(const entities::Gazetteer& gazetteer, Field field, std::string_view value,
                           const Period& when = {}, const FilterContext& context = {});

// Articles whose date interval overlaps [from, to]; either may be empty (open end).
// Throws UsageError naming the bad date.
Xapian::Query date_query(std::string_view from, std::string_view to);

// Every document, as a query of this thread's own: Xapian::Query::MatchAll is one static
// object whose reference count (not atomic in Xapian 1.4) every copy changes, so copies
// made by the server's threads at once corrupted it and crashed the server (SIGSEGV in
// Enquire::set_query). Never copy Xapian::Query::MatchAll; use this.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

// QueryParser support for field syntax: country:قطر, official:raisi, date:2021..2022.
// An exception thrown through Xapian's parser leaks its state (found by fuzz_query), so a
// bad value is recorded in `error` and matches nothing; the caller throws after parsing.
class EntityFieldProcessor : public Xapian::FieldProcessor {
 public:
  EntityFieldProcessor(const entities::Gazetteer& gazetteer, Field field, std::string& error)
      : gazetteer_(gazetteer), field_(field), error_(error) {}
  Xapian::Query operator()(const std::string& value) override;

 private:
  const entities::Gazetteer& gazetteer_;
  Field field_;
  std::string& error_;
};

class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DateRangeProcessor(std::string& error) : Xapian::RangeProcessor(0, "date:"), error_(error) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override;

 private:
  std::string& error_;
};

}  // namespace iran::index
