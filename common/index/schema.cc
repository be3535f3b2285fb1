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
