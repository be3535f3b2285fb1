#include "index/schema.h"

#include <cstdio>

#include "util/strings.h"

namespace iran::schema {

std::string id_term(std::string_view relative_path) {
  // Xapian rejects terms over 245 bytes. Keep a readable head of a long path and make
  // it unique with a hash of the whole path.
  constexpr std::size_t kMaxPlain = 200;
  std::string term(kIdPrefix);
  if (relative_path.size() <= kMaxPlain) {
    term += relative_path;
    return term;
  }
  char hash[24];
  std::snprintf(hash, sizeof hash, "#%016llx",
                static_cast<unsigned long long>(util::fnv1a64(relative_path)));
  term += relative_path.substr(0, kMaxPlain - 20);
  term += hash;
  return term;
}

}  // namespace iran::schema
