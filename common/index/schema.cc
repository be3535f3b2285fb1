#include "index/schema.h"

#include <cstdio>

#include "util/strings.h"

namespace iran::schema {

namespace {
std::string hashed(std::string_view prefix, std::string_view relative_path) {
  constexpr std::size_t kMaxPlain = 200;
  std::string term(prefix);
  if (relative_path.size() <= kMaxPlain) {
    term += relative_path;
    return term;
  }
  term += relative_path.substr(0, kMaxPlain - 20);
  term += "#" + util::hex64(util::fnv1a64(relative_path));
  return term;
}
}  // namespace

std::string file_term(std::string_view relative_path) { return hashed(kFilePrefix, relative_path); }
std::string file_meta_key(std::string_view relative_path) { return hashed(kMetaFilePrefix, relative_path); }

std::string id_term(std::string_view relative_path) {
  // Xapian rejects terms over 245 bytes. Keep a readable head of a long path and make
  // it unique with a hash of the whole path.
  constexpr std::size_t kMaxPlain = 200;
  std::string term(kIdPrefix);
  if (relative_path.size() <= kMaxPlain) {
    term += relative_path;
    return term;
  }
  term += relative_path.substr(0, kMaxPlain - 20);
  term += "#" + util::hex64(util::fnv1a64(relative_path));
  return term;
}

SchemaAge schema_age(std::string_view stored) {
  if (stored == kSchemaVersion) return SchemaAge::Current;
  if (stored.empty()) return SchemaAge::Older;
  if (stored.size() > 9 || stored.find_first_not_of("0123456789") != std::string_view::npos) return SchemaAge::Newer;
  const auto number = [](std::string_view v) {
    unsigned long n = 0;
    for (const char c : v) n = n * 10 + static_cast<unsigned long>(c - '0');
    return n;
  };
  return number(stored) < number(kSchemaVersion) ? SchemaAge::Older : SchemaAge::Newer;
}

std::string newer_schema_message(std::string_view index_name, std::string_view stored, std::string_view program) {
  std::string version;
  for (const char c : stored.substr(0, 40)) version += (c >= 0x20 && c < 0x7f) ? c : '?';
  return "the index at " + std::string(index_name) + " has schema version '" + version + "', which this " +
         std::string(program) + " does not know (it knows up to '" + std::string(kSchemaVersion) +
         "'): it was made by a newer iranidx; use that version, or rebuild the index with `iranidx build --full`";
}

std::string order_key(std::string_view first_day, std::string_view relative_path) {
  std::string key = first_day.size() == 8 ? std::string(first_day) : std::string("00000000");
  key += relative_path;
  return key;
}

std::string oldest_key(std::string_view first_day, std::string_view relative_path) {
  std::string key = first_day.size() == 8 ? std::string(first_day) : std::string("99999999");
  key += relative_path;
  return key;
}

bool is_word_term(std::string_view term) { return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'); }

bool is_typed_word_term(std::string_view term) {
  return is_word_term(term) || (term.size() > 1 && term[0] == 'Z' && is_word_term(term.substr(1)));
}

std::string bounded_term(std::string_view prefix, std::string_view value) {
  constexpr std::size_t kLimit = 200;  // well under kMaxTermBytes, as id_term
  std::string term(prefix);
  if (prefix.size() + value.size() <= kLimit) {
    term += value;
    return term;
  }
  std::size_t head = kLimit - 20 > prefix.size() ? kLimit - 20 - prefix.size() : 0;
  while (head > 0 && (static_cast<unsigned char>(value[head]) & 0xC0) == 0x80) --head;
  term += value.substr(0, head);
  term += "#" + util::hex64(util::fnv1a64(value));
  return term;
}

}  // namespace iran::schema
