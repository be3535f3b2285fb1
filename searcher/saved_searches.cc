#include "searcher/saved_searches.h"

#include "util/json.h"

namespace iran::searcher {

std::string saved_searches_json() {
  util::JsonWriter json;
  json.begin_object().key("version").value(1).key("saved").begin_array().end_array().end_object();
  return json.str();
}

}  // namespace iran::searcher
