// Names → entities: resolve() and resolve_name() for what users type, suggest() for
// their typing mistakes, names_of() for query expansion, by_id() and all().
#include <algorithm>
#include <map>

#include "entities/gazetteer_impl.h"

namespace iran::entities {
using namespace detail;

std::vector<std::string> Gazetteer::Impl::keys_of(std::string_view name) const {
  std::vector<std::string> keys;
  for (const auto& t : detail::tokenize(name))
    if (!t.candidates.empty()) keys.push_back(t.candidates.front().key);
  return keys;
}

std::size_t Gazetteer::Impl::title_prefix(const std::vector<std::string>& keys) const {
  std::size_t at = 0;
  for (bool again = true; again;) {
    again = false;
    for (const auto& t : titles) {
      if (t.size() < keys.size() - at &&
          std::equal(t.begin(), t.end(), keys.begin() + static_cast<std::ptrdiff_t>(at))) {
        at += t.size();
        again = true;
        break;
      }
    }
  }
  return at;
}

std::string Gazetteer::Impl::lookup_key(std::string_view name) const {
  auto keys = keys_of(name);
  const std::size_t skip = title_prefix(keys);
  std::string out;
  for (std::size_t i = skip; i < keys.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += keys[i];
  }
  return out;
}

std::vector<std::string> Gazetteer::names_of(const Entity& entity) const {
  std::vector<std::string> out;
  for (const std::string* display : {&entity.name_en, &entity.name_ar, &entity.name_fa})
    if (!display->empty() && std::find(out.begin(), out.end(), *display) == out.end()) out.push_back(*display);
  const auto& spellings = impl_->spellings_of_all();
  auto it = spellings.find(&entity);
  if (it != spellings.end())
    for (const auto& n : it->second)
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  return out;
}

const Entity* Gazetteer::by_id(Kind kind, std::string_view id) const {
  const auto& ids = impl_->ids[kind_index(kind)];
  auto it = ids.find(kind == Kind::Country ? ascii_upper(id) : ascii_lower(id));
  return it == ids.end() ? nullptr : it->second;
}

const Entity* Gazetteer::resolve(Kind kind, std::string_view name) const {
  const std::string trimmed = trim(name);
  if (trimmed.empty()) return nullptr;
  if (const Entity* e = by_id(kind, trimmed)) return e;
  return impl_->resolve_in(impl_->lookup[kind_index(kind)], trimmed);
}

const Entity* Gazetteer::resolve_name(Kind kind, std::string_view name) const {
  const std::string trimmed = trim(name);
  if (trimmed.empty()) return nullptr;
  return impl_->resolve_in(impl_->name_lookup[kind_index(kind)], trimmed);
}

const Entity* Gazetteer::Impl::resolve_in(const NameTable& table, const std::string& trimmed) const {
  if (const Entity* e = table.find(lookup_key(trimmed))) return e;
  // A clitic on the first word of an Arabic name (بقطر, والقطري).
  const auto tokens = detail::tokenize(trimmed);
  if (!tokens.empty() && tokens[0].script == Script::Arabic) {
    std::string rest;
    for (std::size_t i = 1; i < tokens.size(); ++i)
      if (!tokens[i].candidates.empty()) rest += ' ' + tokens[i].candidates.front().key;
    for (const auto& c : tokens[0].candidates)
      if (const Entity* e = table.find(c.key + rest)) return e;
  }
  return nullptr;
}

std::vector<std::string> Gazetteer::suggest(Kind kind, std::string_view name, std::size_t count) const {
  const std::string key = impl_->lookup_key(name);
  if (key.empty() || count == 0) return {};
  // Per entity, its closest spelling; entities ordered by that distance.
  std::map<const Entity*, std::pair<std::size_t, const std::string*>> best;
  for (const auto& [spelling, e] : impl_->spellings_for(kind_index(kind))) {
    const std::size_t d = detail::edit_distance(key, impl_->lookup_key(spelling));
    auto it = best.find(e);
    if (it == best.end() || d < it->second.first) best[e] = {d, &spelling};
  }
  std::vector<std::pair<std::size_t, const std::string*>> ranked;
  const std::size_t limit = std::max<std::size_t>(2, key.size() / 2);
  for (const auto& [e, v] : best)
    if (v.first <= limit) ranked.push_back(v);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : *a.second < *b.second;
  });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ranked.size() && out.size() < count; ++i) out.push_back(*ranked[i].second);
  return out;
}

std::vector<const Entity*> Gazetteer::all(Kind kind) const {
  std::vector<const Entity*> out;
  for (const auto& e : impl_->entities[kind_index(kind)]) out.push_back(&e);
  return out;
}

}  // namespace iran::entities
