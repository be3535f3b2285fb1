// The public entry points of Gazetteer: construction, find(), find_sources(),
// detect_source(), and where the data files are. The work is done in loader.cc,
// trie.cc, disambiguation.cc, lookup.cc and roles.cc.
#include "entities/gazetteer.h"

#include <cstdlib>
#include <map>
#include <stdexcept>

#include "entities/gazetteer_impl.h"

namespace iran::entities {
namespace fs = std::filesystem;

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

Gazetteer Gazetteer::load_default() { return load(find_data_dir()); }

std::vector<Mention> Gazetteer::find(std::string_view text) const { return find(text, FindOptions{}); }

std::vector<Mention> Gazetteer::find(std::string_view text, const FindOptions& options) const {
  return impl_->mentions(text, impl_->names_trie(), options.places);
}

std::vector<Mention> Gazetteer::find_sources(std::string_view text) const {
  return impl_->mentions(text, impl_->sources_trie(), false);
}

const Entity* Gazetteer::detect_source(std::string_view text) const {
  const auto found = find_sources(text);
  for (const auto& m : found)
    if (m.kind == MatchKind::Credit) return m.entity;
  std::map<const Entity*, int> counts;
  const Entity* best = nullptr;
  for (const auto& m : found)
    if (++counts[m.entity] > (best ? counts[best] : 0)) best = m.entity;
  return best;
}


fs::path find_data_dir() {
  auto has_data = [](const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "countries.tsv", ec);
  };
  if (const char* env = std::getenv("IRANIDX_DATA_DIR"); env && *env) {
    // An explicit setting that is wrong is an error, not a reason to guess elsewhere.
    if (has_data(env)) return env;
    throw std::runtime_error(std::string("IRANIDX_DATA_DIR=") + env + " has no countries.tsv");
  }
  std::vector<fs::path> tried;
#ifdef IRAN_DATA_SUBDIR
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path dir = (exe.parent_path() / ".." / IRAN_DATA_SUBDIR).lexically_normal();
    if (has_data(dir)) return dir;
    tried.push_back(dir);
  }
#endif
#ifdef IRAN_SOURCE_DATA_DIR
  if (has_data(IRAN_SOURCE_DATA_DIR)) return IRAN_SOURCE_DATA_DIR;
  tried.emplace_back(IRAN_SOURCE_DATA_DIR);
#endif
  std::string where;
  for (const auto& p : tried) where += (where.empty() ? "" : ", ") + p.string();
  throw std::runtime_error("gazetteer data (countries.tsv) not found; set IRANIDX_DATA_DIR or install the data; looked in: " +
                           (where.empty() ? std::string("(nowhere)") : where));
}

}  // namespace iran::entities
