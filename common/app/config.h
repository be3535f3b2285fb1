// Where both programs find their settings, and the small TOML they are written in.
//
// Lowest to highest: built-in defaults; the first config file found of
// $XDG_CONFIG_HOME/iranidx/config.toml and ~/.config/iranidx/config.toml; the
// environment (IRANIDX_DB, IRANIDX_CORPUS); a file given with --config FILE (which
// replaces the default file); the command line. A key neither program knows is an
// error naming the file, the line and the key.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI { class App; }

namespace iran::app {

// A config file (or saved search) that cannot be used; what() names file and line.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ConfigEntry {
  std::string key;
  std::vector<std::string> values;  // one for a scalar, any number for an array
  bool is_array = false;
  int line = 0;
};

// The subset of TOML settings need: `key = "string"`, 'literal', numbers, booleans,
// arrays of those on one line, # comments. Throws ConfigError naming `origin` and line.
std::vector<ConfigEntry> parse_toml(const std::string& text, const std::string& origin);
std::vector<ConfigEntry> read_toml_file(const std::filesystem::path& file);

// Settings files (config, saved searches, the state files) are a few hundred bytes; a
// bound keeps `--config /dev/zero` or a log given by mistake from filling memory.
inline constexpr std::uintmax_t kMaxSettingsBytes = 1 << 20;
// The bytes of a settings file: regular files only (a FIFO, device or directory is
// refused at once, never read or waited on), at most kMaxSettingsBytes. Throws
// ConfigError naming the file and the problem ("not a regular file (a named pipe
// (FIFO))", "no such file", "too large: ...").
std::string read_settings_file(const std::filesystem::path& file);

// A TOML basic string for `value`, quotes included (for files we write).
std::string toml_quote(const std::string& value);

// $XDG_CONFIG_HOME/iranidx (else ~/.config/iranidx) and $XDG_STATE_HOME/iranidx (else
// ~/.local/state/iranidx). Not created here.
std::filesystem::path config_dir();
std::filesystem::path state_dir();
// $XDG_CACHE_HOME/iranidx (else ~/.cache/iranidx): files that can be made again (the
// gazetteer's compact image). Created by whoever writes there.
std::filesystem::path cache_dir();
// Where searches keep the facet tables of local indexes (index/facet_table.h): the
// cache folder, or empty (none kept) when IRANIDX_NO_CACHE is set to other than 0.
std::filesystem::path table_cache_dir();

// The default config file if one exists.
std::optional<std::filesystem::path> default_config_file();

// The keys a config file may hold (any program's): corpus, db, color, format, limit,
// listen (iransearch serve), sort, and the jsonl-* field mapping of dumps (iranidx).
const std::vector<std::string>& known_config_keys();

// Applies the default file, the environment and --config FILE (looked for in argv) to
// `app` as option defaults, so the command line still wins. Call before app.parse().
// Keys that name no option of this app (another program's) are skipped.
// `args` are the command-line arguments without the program name.
void apply_settings(CLI::App& app, const std::vector<std::string>& args);

}  // namespace iran::app
