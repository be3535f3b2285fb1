// Countries, officials and news sources: names in every script mapped to canonical IDs.
// The names are data (entities/data/*.tsv), never code.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iran::entities {

enum class Kind { Country, Official, Source };

struct Entity {
  std::string id;       // countries: ISO 3166 alpha-2, uppercase (QA); officials and
                        // sources: lowercase slug (ali-bagheri-kani, mehr)
  Kind kind;
  std::string name_en;  // display names
  std::string name_ar;
  std::string country;  // officials: the ISO code of the state they serve; else empty
  std::string role;     // officials: free text role (e.g. "deputy foreign minister")
};

struct Mention {
  const Entity* entity;
  std::size_t begin;    // byte offsets of the matched span in the text given to find()
  std::size_t end;
  std::string surface;  // the text of the span, as written
};

class Gazetteer {
 public:
  // Loads countries.tsv, officials.tsv and sources.tsv from data_dir. Throws
  // std::runtime_error naming the file and line of any malformed row.
  static Gazetteer load(const std::filesystem::path& data_dir);

  Gazetteer();
  ~Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;

  // Every mention of a country or official (not sources) in raw article text, in
  // order of position; Arabic clitics (وقطر, بطاجيكستان, القطري) do not hide a name.
  std::vector<Mention> find(std::string_view text) const;

  // Sources named in text (outlet credits, datelines), in order of position.
  std::vector<Mention> find_sources(std::string_view text) const;

  // A name, demonym or ID in any script and case → the entity, or nullptr.
  const Entity* resolve(Kind kind, std::string_view name) const;

  // The closest known names (by edit distance) for an error message.
  std::vector<std::string> suggest(Kind kind, std::string_view name, std::size_t count = 3) const;

  const Entity* by_id(Kind kind, std::string_view id) const;
  std::vector<const Entity*> all(Kind kind) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Where the data files are: $IRANIDX_DATA_DIR if set, else <exe>/../share/iranidx
// (build tree and install alike), else the source tree. Throws if none has them.
std::filesystem::path find_data_dir();

}  // namespace iran::entities
