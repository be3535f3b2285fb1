// The state behind Gazetteer, shared by the files that each do one of its jobs:
// loader.cc (data files → entities, tries and tables), disambiguation.cc (trie hits →
// mentions), lookup.cc (names → entities), roles.cc (offices → holders) and
// gazetteer.cc (the public entry points). Internal to the entities module.
#pragma once

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "entities/data_file.h"
#include "entities/gazetteer.h"
#include "entities/name_pattern.h"
#include "entities/tokenizer.h"
#include "entities/trie.h"
#include "util/strings.h"

namespace iran::entities {

// Name key → entity, for resolve(). Filled by the loader (a hash map), or restored from
// the image (its entries are written sorted by key: views into the image's bytes,
// searched by halves, with nothing made per key).
class NameTable {
 public:
  void emplace(std::string key, const Entity* e) { map_.emplace(std::move(key), e); }
  const Entity* find(std::string_view key) const {
    if (!restored_) {
      const auto it = map_.find(std::string(key));
      return it == map_.end() ? nullptr : it->second;
    }
    const auto it = std::lower_bound(sorted_.begin(), sorted_.end(), key,
                                     [](const auto& entry, std::string_view k) { return entry.first < k; });
    return it != sorted_.end() && it->first == key ? it->second : nullptr;
  }
  std::size_t size() const { return restored_ ? sorted_.size() : map_.size(); }
  // Every entry, by key.
  std::vector<std::pair<std::string_view, const Entity*>> entries() const {
    if (restored_) return sorted_;
    std::vector<std::pair<std::string_view, const Entity*>> out(map_.begin(), map_.end());
    std::sort(out.begin(), out.end());
    return out;
  }
  // The table of `sorted` (keys strictly ascending, viewing bytes that outlive it).
  void restore(std::vector<std::pair<std::string_view, const Entity*>> sorted) {
    sorted_ = std::move(sorted);
    map_.clear();
    restored_ = true;
  }

 private:
  std::unordered_map<std::string, const Entity*> map_;
  std::vector<std::pair<std::string_view, const Entity*>> sorted_;
  bool restored_ = false;
};

struct Gazetteer::Impl {
  std::uint64_t data_hash = 0;  // of every data row loaded (Gazetteer::data_hash)
  std::uint64_t shared_hash = 0;  // of titles.tsv and roles.tsv (Gazetteer::shared_hash)
  // Gazetteer::entry_prints: per kind, ID → rows' hash and names (loader.cc, note_row).
  // Built on first use after a restore (build_prints: only the indexer asks).
  mutable std::map<std::string, EntryPrint> prints[3];
  void note_row(Kind kind, const detail::Row& row);
  std::deque<Entity> entities[3];  // deque: Mention and the maps hold pointers
  std::unordered_map<std::string, const Entity*> ids[3];
  // The matcher's state: its tries (countries and officials; sources) and the
  // discovery vocabulary below (roles, title_words, official_keys, official_first_last).
  // load() fills it; a restore() from the image keeps its bytes and builds it on first
  // use (a search process matches no text, and building it was most of the restore:
  // the tries alone were 1.1 ms of every CLI search). Read the tries through
  // names_trie() and sources_trie(); every other reader of that state calls
  // build_matcher() first (find_with_discovery, given_names, save). The loader fills the
  // members directly.
  mutable detail::Trie names;
  mutable detail::Trie sources;
  const detail::Trie& names_trie() const {
    build_matcher();
    return names;
  }
  const detail::Trie& sources_trie() const {
    build_matcher();
    return sources;
  }
  // gazetteer_cache.cc: builds it from the kept sections once (thread-safe: a server's
  // threads share one Gazetteer); nothing to do after load().
  void build_matcher() const;
  void build_suggestions() const;
  void build_prints() const;
  // What restore() left for later: each part's spans of the image (checked), read once
  // by its builder. A builder fills locals and moves them in only when all is read, so
  // an exception (memory) leaves the part to be built again. No spans: load() built it.
  struct Deferred {
    std::string_view matcher[2];      // the tries' section, then the discovery vocabulary's
    std::string_view suggestions[3];  // each kind's spellings
    std::string_view prints[1];
    std::string_view spellings_of[1];
    std::once_flag matcher_once, suggestions_once, prints_once, spellings_of_once;
  };
  mutable Deferred deferred;
  // resolve(): the words of a name as one string (titles dropped) → entity.
  NameTable lookup[3];
  // resolve_name(): the same without aliases (alpha-3 codes, Mehr).
  NameTable name_lookup[3];
  // What the six tables and the deferred parts view after a restore: the image, a
  // read-only mapping of the cache file (or a copy of the bytes given to from_image).
  std::shared_ptr<const void> image_owner;
  // suggest(): every name as written, by kind. Built on first use after a restore
  // (build_suggestions: only a filter naming nothing known asks for suggestions); read
  // it through spellings_for().
  mutable std::vector<std::pair<std::string, const Entity*>> spellings[3];
  const std::vector<std::pair<std::string, const Entity*>>& spellings_for(std::size_t kind) const {
    build_suggestions();
    return spellings[kind];
  }
  // names_of(): spellings per entity, in data order. Built on first use after a restore
  // (build_spellings_of: only a query naming an entity asks); read it through
  // spellings_of_all(). The loader fills it directly.
  mutable std::unordered_map<const Entity*, std::vector<std::string>> spellings_of;
  void build_spellings_of() const;
  const std::unordered_map<const Entity*, std::vector<std::string>>& spellings_of_all() const {
    build_spellings_of();
    return spellings_of;
  }
  // After a restore: each kind's entities by position, as the image refers to them.
  std::vector<const Entity*> entity_at[3];
  // Titles (Sheikh, Dr., آية الله) as sequences of word keys.
  std::vector<std::vector<std::string>> titles;

  // The entity of that kind and ID, created empty if new (loader.cc).
  Entity& entity(Kind kind, const std::string& id);

  // lookup.cc: a name as the key of the lookup tables.
  std::vector<std::string> keys_of(std::string_view name) const;
  // How many leading words of `keys` form titles; at least one word is left.
  std::size_t title_prefix(const std::vector<std::string>& keys) const;
  std::string lookup_key(std::string_view name) const;
  const Entity* resolve_in(const NameTable& table,
                           const std::string& trimmed) const;

  // loader.cc. `persian`: a name in Persian, which has no article, so that الروماني
  // ("the Roman") is not Persian رومانی (Romania).
  void add_name(detail::Trie& trie, const Entity& e, detail::NameType type, const std::string& name,
                const std::filesystem::path& file, std::size_t line, bool persian = false);
  void add_lookup(const Entity& e, const std::string& name, bool alias = false);
  void load_titles(const std::filesystem::path& file);
  void load_countries(const std::filesystem::path& file);
  void load_officials(const std::filesystem::path& file);
  void load_sources(const std::filesystem::path& file);
  // A local file: sections of country, official and source rows, merged over what is
  // loaded (new entities, more names; a role or date replaces the shipped one).
  void load_local(const std::filesystem::path& file);
  void add_country_rows(const std::filesystem::path& file, const std::vector<detail::Row>& rows);
  void add_official_rows(const std::filesystem::path& file, const std::vector<detail::Row>& rows);
  void add_source_rows(const std::filesystem::path& file, const std::vector<detail::Row>& rows);
  // After every officials file: main offices first, the checks that need all rows,
  // and the bare surnames that resolve.
  void finish_officials();
  // Per official: the file and line of its first row, whether it has a country, and
  // its surname rows (finish_officials needs all files' rows).
  std::unordered_map<std::string, std::pair<std::filesystem::path, std::size_t>> official_first_row;
  std::unordered_map<std::string, bool> official_has_country;
  std::vector<std::pair<const Entity*, std::string>> surname_rows;

  // discovery.cc: the role vocabulary (data/roles.tsv) by script (0 Latin, 1 Arabic),
  // and every listed official's name keys, so that a discovered name can be a listed
  // official under a spelling the data does not have.
  // Hash sets: the matcher asks them about every candidate of every word of an article
  // (a tree's string comparisons were most of discovery's time). Only the image writer
  // (whose reader does not depend on the order) and given_names() (which sorts) iterate them.
  using WordSet = std::unordered_set<std::string, util::StringHash, std::equal_to<>>;
  struct RoleWords {
    WordSet heads, strong, words, links, stops, given;
    WordSet exact;        // stops compared as written
    WordSet orgs;         // words of institutions (Latin)
    WordSet state_words;  // role words that name a state's office
  };
  // (Part of the matcher's state, built on first use after a restore: build_matcher.)
  mutable RoleWords roles[2];
  mutable WordSet title_words;  // every word of a title (keys)
  mutable std::unordered_map<std::string, const Entity*> official_keys;        // name_key → official
  mutable std::unordered_map<std::string, const Entity*> official_first_last;  // "first|last" keys, unique
  void load_roles(const std::filesystem::path& file);
  void index_official_keys();
  Findings find_with_discovery(std::string_view text) const;

  // gazetteer_cache.cc: everything above that load() fills, as bytes, and back (into
  // an empty Impl; throws std::runtime_error on a damaged image). The restored Impl
  // views `image`, which `owner` keeps alive.
  std::string save() const;
  void restore(std::string_view image, std::shared_ptr<const void> owner);

  // disambiguation.cc: trie hits → mentions (surnames, titles, other people's names).
  bool titled(const std::vector<detail::Token>& tokens, std::size_t at) const;
  std::vector<Mention> mentions(std::string_view text, const detail::Trie& trie, bool places) const;
  // The same over the text's tokens, for a caller that has them (one tokenization).
  std::vector<Mention> mentions(std::string_view text, const std::vector<detail::Token>& tokens,
                                const detail::Trie& trie, bool places) const;
};

}  // namespace iran::entities
