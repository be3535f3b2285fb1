// dump_index [--count] DB: a canonical text dump of an index (every document, value, term with
// positions, metadata, spelling, synonym; not the times a build records), so that two
// builds can be compared with diff. See tests/unit/index_dump.h.
#include <xapian.h>

#include <iostream>
#include <string>

#include "../unit/index_dump.h"

int main(int argc, char** argv) {
  const bool count = argc == 3 && std::string(argv[1]) == "--count";
  if (argc != 2 && !count) {
    std::cerr << "usage: dump_index [--count] DB\n";
    return 2;
  }
  const char* path = argv[argc - 1];
  try {
    const Xapian::Database db(path);
    if (count)
      std::cout << db.get_doccount() << '\n';  // --count: only the number of documents
    else
      std::cout << iran::testing::dump_index(db);
  } catch (const Xapian::Error& e) {
    std::cerr << "dump_index: " << path << ": " << e.get_description() << '\n';
    return 2;
  }
  return 0;
}
