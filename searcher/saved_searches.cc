#include "searcher/saved_searches.h"

#include "searcher/cli.h"
#include "searcher/state.h"
#include "util/json.h"

namespace iran::searcher {

std::string saved_searches_json() {
  util::JsonWriter json;
  json.begin_object().key("version").value(1).key("saved").begin_array();
  for (const auto& s : list_searches()) {
    // The saved arguments read as the command line reads them, so the page runs the
    // same search as `iransearch @NAME`.
    SearchCli cli;
    try {
      if (parse_search_cli(s.args, cli)) continue;  // arguments that no longer parse
    } catch (const std::exception&) {
      continue;
    }
    const auto& p = cli.params;
    json.begin_object().key("name").value(s.name).key("query").value(p.query);
    json.key("params").begin_object();
    json.key("country").string_array(p.countries);
    json.key("official").string_array(p.officials);
    json.key("source").string_array(p.sources);
    json.key("lang").string_array(p.langs);
    json.key("from").value(p.from).key("to").value(p.to).key("sort").value(p.sort);
    json.key("any").value(p.any).key("like").value(p.like);
    json.end_object();
    json.key("args").string_array(s.args);
    json.end_object();
  }
  json.end_array().end_object();
  return json.str();
}

}  // namespace iran::searcher
