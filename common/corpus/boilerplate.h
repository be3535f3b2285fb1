// Site chrome and credits that are not the article: licence lines, "Read More:" teasers,
// comment-box labels, end markers. Removed from the indexed body so they never match a
// query or show in a snippet; the file on disk is never touched.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iran::corpus {

struct Removal {
  std::string rule;     // the name of the rule that fired
  std::string text;     // what it removed
  bool credit = false;  // the removed text credits the publisher (licence, site chrome)
  std::string source;   // the outlet's slug when the rule itself implies it, else empty
};

struct Stripped {
  std::string text;              // lines kept and trimmed, blank-line runs collapsed
  std::vector<Removal> removed;  // in the order the rules fired
};

Stripped strip_boilerplate(std::string_view text);

// The rule names, for documentation and tests.
std::vector<std::string> boilerplate_rule_names();

}  // namespace iran::corpus
