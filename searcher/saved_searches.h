// The saved searches (`iransearch --save NAME ...`), as the web page lists them.
#pragma once

#include <string>

namespace iran::searcher {

// {"version":1,"saved":[{"name":...,"query":...,"params":{...}}, ...]}
std::string saved_searches_json();

}  // namespace iran::searcher
