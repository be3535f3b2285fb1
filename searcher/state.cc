#include "searcher/state.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/config.h"
#include "util/strings.h"

namespace fs = std::filesystem;

namespace iran::searcher {
namespace {

fs::path searches_dir() { return app::config_dir() / "searches"; }

void check_name(const std::string& name) {
  const bool ok = !name.empty() && name.size() <= 64 && name[0] != '.' &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                           c == '_' || c == '-';
                  });
  if (!ok) throw index::UsageError("saved search name '" + name + "': use letters, digits, '.', '_' and '-'");
}

// Written to a temporary file and renamed over the old one: never half a file.
void write_file(const fs::path& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw app::ConfigError(tmp.string() + ": cannot write the file");
  }
  fs::rename(tmp, file, ec);
  if (ec) throw app::ConfigError(file.string() + ": cannot write the file: " + ec.message());
}

// A state file not there yet is empty; one that is not a regular file (a FIFO would
// hang `iransearch show`) or is too large is an error naming it.
std::string read_file(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return {};
  return app::read_settings_file(file);
}

std::string absolute(const std::string& db) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(db, ec), ec);
  return p.empty() ? db : p.string();
}

std::vector<std::vector<std::string>> read_rows(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_file(file));
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(util::split(line, '\t'));
  return rows;
}

std::string clean(std::string s) {  // no tabs or newlines inside a TSV field
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

}  // namespace

void save_search(const SavedSearch& search) {
  check_name(search.name);
  std::string text = "# iransearch @" + search.name + " runs: iransearch ARGS [more arguments]\nargs = [";
  for (std::size_t i = 0; i < search.args.size(); ++i) text += (i ? ", " : "") + app::toml_quote(search.args[i]);
  text += "]\n";
  write_file(searches_dir() / (search.name + ".toml"), text);
}

SavedSearch load_search(const std::string& name) {
  check_name(name);
  const fs::path file = searches_dir() / (name + ".toml");
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec)))
    throw index::UsageError("@" + name + ": no saved search by that name (iransearch --saved lists them)");
  SavedSearch s{name, {}};
  bool found = false;
  for (const auto& e : app::read_toml_file(file)) {
    if (e.key != "args" || !e.is_array)
      throw app::ConfigError(file.string() + ":" + std::to_string(e.line) + ": unknown key '" + e.key + "' (known: args, an array)");
    s.args = e.values;
    found = true;
  }
  if (!found) throw app::ConfigError(file.string() + ": no 'args' line");
  return s;
}

std::vector<SavedSearch> list_searches() {
  std::vector<SavedSearch> out;
  std::error_code ec;
  for (fs::directory_iterator it(searches_dir(), ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path p = it->path();
    if (p.extension() != ".toml") continue;
    try {
      out.push_back(load_search(p.stem().string()));
    } catch (const std::exception&) {
      out.push_back({p.stem().string(), {"(unreadable: " + p.string() + ")"}});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

std::string new_mark(const std::string& name, const std::string& db) {
  const std::string abs = absolute(db);
  for (const auto& row : read_rows(app::state_dir() / "new-marks.tsv"))
    if (row.size() == 3 && row[0] == name && row[1] == abs) return row[2];
  return {};
}

void set_new_mark(const std::string& name, const std::string& db, const std::string& stamp) {
  const fs::path file = app::state_dir() / "new-marks.tsv";
  const std::string abs = clean(absolute(db));
  std::string text;
  for (const auto& row : read_rows(file))
    if (row.size() == 3 && !(row[0] == name && row[1] == abs)) text += row[0] + "\t" + row[1] + "\t" + row[2] + "\n";
  text += name + "\t" + abs + "\t" + stamp + "\n";
  write_file(file, text);
}

void remember_hits(const std::string& db, const index::SearchResult& result) {
  if (result.hits.empty()) return;
  std::string text = "db\t" + clean(absolute(db)) + "\n";
  for (const auto& hit : result.hits) text += std::to_string(hit.rank) + "\t" + clean(hit.fields.path) + "\n";
  try {
    write_file(app::state_dir() / "last-search.tsv", text);
  } catch (const std::exception&) {
    // A read-only home must not stop searches; `show N` will say there is no last search.
  }
}

std::string remembered_hit(const std::string& db, Xapian::doccount rank) {
  const auto rows = read_rows(app::state_dir() / "last-search.tsv");
  if (rows.empty() || rows[0].size() != 2 || rows[0][0] != "db")
    throw index::UsageError(std::to_string(rank) + ": no last search to take hit " + std::to_string(rank) + " from");
  if (rows[0][1] != absolute(db))
    throw index::UsageError(std::to_string(rank) + ": the last search was over another index (" + rows[0][1] + ")");
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i].size() == 2 && rows[i][0] == std::to_string(rank)) return rows[i][1];
  throw index::UsageError(std::to_string(rank) + ": the last search showed no hit " + std::to_string(rank));
}

}  // namespace iran::searcher
