#include "index/filters.h"

#include <algorithm>
#include <array>
#include <utility>

#include "entities/gazetteer.h"
#include "index/dates.h"
#include "index/discovered.h"
#include "index/discovered_merge.h"
#include "index/schema.h"
#include "index/search_request.h"
#include "util/strings.h"

namespace iran::index {
namespace {

struct Language {
  std::string_view code;
  std::array<std::string_view, 4> names;
};
constexpr Language kLanguages[] = {
    {"en", {"english", "انجليزي", "الإنجليزية", "انگلیسی"}},
    {"ar", {"arabic", "عربي", "العربية", "عربی"}},
    {"fa", {"persian", "farsi", "فارسي", "فارسی"}},
};

entities::Kind kind_of(Field field) {
  switch (field) {
    case Field::Country: return entities::Kind::Country;
    case Field::Official: return entities::Kind::Official;
    default: return entities::Kind::Source;
  }
}

std::string_view prefix_of(Field field) {
  switch (field) {
    case Field::Country: return schema::kCountryPrefix;
    case Field::Official: return schema::kOfficialPrefix;
    case Field::Source: return schema::kSourcePrefix;
    case Field::Lang: return schema::kLangPrefix;
  }
  return {};
}

std::string lang_code(std::string_view name) {
  const std::string lower = util::ascii_lower(util::trim(name));
  for (const auto& lang : kLanguages) {
    if (lower == lang.code) return std::string(lang.code);
    for (const auto n : lang.names)
      if (!n.empty() && lower == n) return std::string(lang.code);
  }
  throw UsageError("--lang '" + std::string(name) + "': unknown language (known: en, ar, fa)");
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", '" : "'") + names[i] + "'";
  return out;
}

}  // namespace

std::string_view field_name(Field field) {
  switch (field) {
    case Field::Country: return "country";
    case Field::Official: return "official";
    case Field::Source: return "source";
    case Field::Lang: return "lang";
  }
  return {};
}

std::vector<std::string> filter_terms(const entities::Gazetteer& gazetteer, Field field, std::string_view name,
                                      const Period& when) {
  const auto trimmed = util::trim(name);
  if (trimmed.empty())
    throw UsageError("--" + std::string(field_name(field)) + ": empty value");
  const std::string prefix(prefix_of(field));
  if (field == Field::Lang) return {prefix + lang_code(trimmed)};
  const auto kind = kind_of(field);
  if (const auto* entity = gazetteer.resolve(kind, trimmed)) return {prefix + util::ascii_lower(entity->id)};
  if (field == Field::Official) {
    // A role, resolved over the search's dates: "foreign minister of Iran" in 2021-2022.
    auto interval = [](const std::string& date, bool last) -> std::string {
      const auto days = parse_date_interval(date);
      if (!days) return {};
      const std::string& d = last ? days->last : days->first;
      return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
    };
    std::vector<std::string> terms;
    for (const auto* holder : gazetteer.holders(trimmed, interval(when.from, false), interval(when.to, true)))
      terms.push_back(prefix + util::ascii_lower(holder->id));
    if (!terms.empty()) return terms;
  }
  std::string message = "--" + std::string(field_name(field)) + " '" + std::string(trimmed) +
                        "': no known " + std::string(field_name(field)) + " by that name";
  if (field == Field::Official) message += " or role";
  const auto suggestions = gazetteer.suggest(kind, trimmed);
  if (!suggestions.empty()) message += "; did you mean " + quoted_list(suggestions) + "?";
  throw UsageError(message);
}

Xapian::Query filter_query(const entities::Gazetteer& gazetteer, Field field, std::string_view value,
                           const Period& when, const FilterContext& context) {
  std::vector<Xapian::Query> alternatives;
  for (const auto& part : util::split(value, ',')) {
    if (util::trim(part).empty()) continue;
    if (field == Field::Official && context.db) {
      try {
        for (const auto& term : filter_terms(gazetteer, field, part, when)) alternatives.emplace_back(term);
      } catch (const UsageError& unknown) {
        const std::string name(util::trim(part));
        auto ids = discovered_ids_for(*context.db, name);
        // A discovered ID or spelling is that person, in every spelling (the facet's value
        // finds what it counts); a name of the same key only when its vowels agree.
        if (context.merge) ids = context.merge->ids_for(name, ids);
        for (const auto& id : ids) alternatives.emplace_back(std::string(schema::kOfficialPrefix) + id);
        if (ids.empty()) alternatives.push_back(unknown_name_query(name));
        if (context.notes)
          context.notes->push_back(ids.empty() ? std::string(unknown.what()) + "; searching for the name itself, as a phrase and in its other spellings"
                                               : "--official '" + name + "': not in the gazetteer; officials discovered in the articles under that name");
      }
      continue;
    }
    for (const auto& term : filter_terms(gazetteer, field, part, when)) alternatives.emplace_back(term);
  }
  if (alternatives.empty()) throw UsageError("--" + std::string(field_name(field)) + ": empty value");
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

Xapian::Query date_query(std::string_view from, std::string_view to) {
  auto parse = [](std::string_view flag, std::string_view date) {
    auto interval = parse_date_interval(util::trim(date));
    if (!interval)
      throw UsageError(std::string(flag) + " '" + std::string(date) +
                       "': not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
    return *interval;
  };
  std::vector<Xapian::Query> parts;
  std::string from_day, to_day;
  if (!util::trim(from).empty()) {
    from_day = parse("--from", from).first;
    // Overlap: the article's interval ends on or after the range starts.
    parts.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kDateEndSlot, from_day);
  }
  if (!util::trim(to).empty()) {
    to_day = parse("--to", to).last;
    parts.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, to_day);
  }
  if (!from_day.empty() && !to_day.empty() && from_day > to_day)
    throw UsageError("--from '" + std::string(from) + "' is after --to '" + std::string(to) + "'");
  if (parts.empty()) return match_all();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query EntityFieldProcessor::operator()(const std::string& value) {
  try {
    return filter_query(gazetteer_, field_, value);
  } catch (const UsageError& e) {
    if (error_.empty()) error_ = e.what();
    return Xapian::Query::MatchNothing;
  }
}

Xapian::Query DateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
  try {
    return date_query(begin, end);
  } catch (const UsageError& e) {
    if (error_.empty()) error_ = "date:" + begin + ".." + end + ": " + e.what();
    return Xapian::Query::MatchNothing;
  }
}

}  // namespace iran::index
