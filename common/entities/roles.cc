// Offices → the officials who held them: holders("foreign minister of Iran", from, to).
#include <algorithm>
#include <set>
#include <stdexcept>

#include "entities/gazetteer_impl.h"

namespace iran::entities {
using namespace detail;

std::vector<const Entity*> Gazetteer::holders(std::string_view role, std::string_view from,
                                              std::string_view to) const {
  for (auto d : {from, to})
    if (!d.empty() && !valid_date(d))
      throw std::invalid_argument("\"" + std::string(d) + "\" is not a date (yyyy, yyyy-mm or yyyy-mm-dd)");
  // The country is whatever the role names (of Iran, Iran's, Iranian); the rest is
  // the title. Words joined by "of"/"the" are compared without them.
  std::set<std::string> countries;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const auto& m : find(role))
    if (m.entity->kind == Kind::Country) {
      countries.insert(m.entity->id);
      spans.emplace_back(m.begin, m.end);
    }
  if (countries.size() > 1) return {};
  auto title_of = [](const std::vector<Token>& tokens, const std::vector<std::pair<std::size_t, std::size_t>>& skip) {
    std::string out;
    for (const auto& t : tokens) {
      if (t.candidates.empty()) continue;
      if (std::any_of(skip.begin(), skip.end(), [&](const auto& s) { return t.begin >= s.first && t.end <= s.second; }))
        continue;
      const std::string& k = t.candidates.front().key;
      if (k == "of" || k == "the") continue;
      if (!out.empty()) out += ' ';
      out += k;
    }
    return out;
  };
  const std::string wanted = title_of(detail::tokenize(role), spans);
  if (wanted.empty()) return {};
  const std::string q_low = date_low(from), q_high = date_high(to);
  std::vector<std::pair<std::string, const Entity*>> found;
  for (const auto& e : impl_->entities[kind_index(Kind::Official)]) {
    if (!countries.empty() && e.country != *countries.begin()) continue;
    for (const auto& office : e.offices) {
      const std::string title = title_of(detail::tokenize(office.title), {});
      // "Deputy Prime Minister and Foreign Minister" holds both; "Acting Foreign
      // Minister" holds the office.
      std::vector<std::string> alternatives{title};
      for (std::size_t pos = 0, at; (at = title.find(" and ", pos)) != std::string::npos; pos = at + 5) {
        alternatives.push_back(title.substr(pos, at - pos));
        if (title.find(" and ", at + 5) == std::string::npos) alternatives.push_back(title.substr(at + 5));
      }
      bool match = false;
      for (const auto& a : alternatives) match = match || a == wanted || a == "acting " + wanted;
      if (!match || date_low(office.from) > q_high || q_low > date_high(office.to)) continue;
      found.emplace_back(date_low(office.from), &e);
      break;
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Entity*> out;
  for (const auto& f : found) out.push_back(f.second);
  return out;
}

}  // namespace iran::entities
