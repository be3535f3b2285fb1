#include "app/config.h"

#include <CLI/CLI.hpp>

#include "util/files.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string_view>

namespace fs = std::filesystem;

namespace iran::app {
namespace {

std::string at(const std::string& origin, int line) { return origin + ":" + std::to_string(line) + ": "; }

void skip_space(const std::string& s, std::size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// One value at s[i]: a quoted string or a bare word (number, boolean).
std::string parse_value(const std::string& s, std::size_t& i, const std::string& where) {
  if (i >= s.size()) throw ConfigError(where + "a value is missing");
  std::string out;
  if (s[i] == '\'') {
    const auto end = s.find('\'', i + 1);
    if (end == std::string::npos) throw ConfigError(where + "unterminated string");
    out = s.substr(i + 1, end - i - 1);
    i = end + 1;
    return out;
  }
  if (s[i] == '"') {
    for (++i; i < s.size() && s[i] != '"'; ++i) {
      if (s[i] != '\\') {
        out += s[i];
        continue;
      }
      if (++i >= s.size()) break;
      switch (s[i]) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case 'u':
        case 'U': {
          const std::size_t n = s[i] == 'u' ? 4 : 8;
          if (i + n >= s.size()) throw ConfigError(where + "bad \\u escape");
          append_utf8(out, std::strtoul(s.substr(i + 1, n).c_str(), nullptr, 16));
          i += n;
          break;
        }
        default: throw ConfigError(where + "unknown escape \\" + std::string(1, s[i]));
      }
    }
    if (i >= s.size()) throw ConfigError(where + "unterminated string");
    ++i;
    return out;
  }
  while (i < s.size() && s[i] != ',' && s[i] != ']' && s[i] != '#' && s[i] != ' ' && s[i] != '\t') out += s[i++];
  if (out.empty()) throw ConfigError(where + "a value is missing");
  return out;
}

}  // namespace

std::vector<ConfigEntry> parse_toml(const std::string& text, const std::string& origin) {
  std::vector<ConfigEntry> entries;
  std::istringstream in(text);
  std::string s;
  int line = 0;
  while (std::getline(in, s)) {
    ++line;
    if (!s.empty() && s.back() == '\r') s.pop_back();
    const std::string where = at(origin, line);
    std::size_t i = 0;
    skip_space(s, i);
    if (i == s.size() || s[i] == '#') continue;
    if (s[i] == '[') throw ConfigError(where + "sections are not used: put `key = value` lines at the top level");
    ConfigEntry e;
    e.line = line;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == '_')) e.key += s[i++];
    skip_space(s, i);
    if (e.key.empty() || i >= s.size() || s[i] != '=') throw ConfigError(where + "expected `key = value`");
    ++i;
    skip_space(s, i);
    if (i < s.size() && s[i] == '[') {
      e.is_array = true;
      ++i;
      for (;;) {
        skip_space(s, i);
        if (i < s.size() && s[i] == ']') break;
        e.values.push_back(parse_value(s, i, where));
        skip_space(s, i);
        if (i < s.size() && s[i] == ',') ++i;
        else if (i >= s.size() || s[i] != ']') throw ConfigError(where + "expected ',' or ']' in the array");
      }
      ++i;
    } else {
      e.values.push_back(parse_value(s, i, where));
    }
    skip_space(s, i);
    if (i < s.size() && s[i] != '#') throw ConfigError(where + "unexpected text after the value of '" + e.key + "'");
    for (const auto& prev : entries)
      if (prev.key == e.key) throw ConfigError(where + "key '" + e.key + "' given twice (first on line " + std::to_string(prev.line) + ")");
    entries.push_back(std::move(e));
  }
  return entries;
}

std::string read_settings_file(const fs::path& file) {
  try {
    return util::read_regular_file(file.string(), kMaxSettingsBytes);
  } catch (const util::FileReadError& e) {
    throw ConfigError(file.string() + ": " + e.what());
  }
}

std::vector<ConfigEntry> read_toml_file(const fs::path& file) {
  return parse_toml(read_settings_file(file), file.string());
}

std::string toml_quote(const std::string& value) {
  std::string out = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

namespace {
fs::path xdg_dir(const char* variable, const char* fallback) {
  if (const char* v = std::getenv(variable); v && *v == '/') return fs::path(v) / "iranidx";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / fallback / "iranidx";
}
}  // namespace

fs::path config_dir() { return xdg_dir("XDG_CONFIG_HOME", ".config"); }
fs::path state_dir() { return xdg_dir("XDG_STATE_HOME", ".local/state"); }
fs::path cache_dir() { return xdg_dir("XDG_CACHE_HOME", ".cache"); }
fs::path table_cache_dir() {
  const char* no_cache = std::getenv("IRANIDX_NO_CACHE");
  if (no_cache && *no_cache && std::string_view(no_cache) != "0") return {};
  return cache_dir();
}

std::optional<fs::path> default_config_file() {
  std::vector<fs::path> candidates;
  if (const char* v = std::getenv("XDG_CONFIG_HOME"); v && *v == '/') candidates.push_back(fs::path(v) / "iranidx/config.toml");
  if (const char* home = std::getenv("HOME"); home && *home)
    candidates.push_back(fs::path(home) / ".config/iranidx/config.toml");
  // The first one there, whatever it is: one that is not a regular file is refused when
  // read (naming it), never skipped in silence nor read as a FIFO or a device.
  std::error_code ec;
  for (const auto& c : candidates)
    if (fs::exists(fs::symlink_status(c, ec))) return c;
  return std::nullopt;
}

const std::vector<std::string>& known_config_keys() {
  static const std::vector<std::string> keys = {"color", "corpus", "db", "format", "limit", "listen", "sort",
                                                // JSON Lines field mapping (iranidx, README "JSON Lines dumps")
                                                "jsonl-crawled", "jsonl-date", "jsonl-id", "jsonl-lang",
                                                "jsonl-source", "jsonl-text", "jsonl-title", "jsonl-url"};
  return keys;
}

void apply_settings(CLI::App& app, const std::vector<std::string>& args) {
  auto apply = [&](const std::string& key, const std::string& value) {
    if (CLI::Option* opt = app.get_option_no_throw("--" + key)) opt->default_val(value);
  };
  auto apply_file = [&](const fs::path& file) {
    for (const auto& e : read_toml_file(file)) {
      const auto& keys = known_config_keys();
      if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) {
        std::string known;
        for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k;
        throw ConfigError(file.string() + ":" + std::to_string(e.line) + ": unknown key '" + e.key + "' (known: " + known + ")");
      }
      if (e.is_array || e.values.size() != 1)
        throw ConfigError(file.string() + ":" + std::to_string(e.line) + ": '" + e.key + "' takes one value");
      try {
        apply(e.key, e.values.front());
      } catch (const CLI::Error& err) {
        throw ConfigError(file.string() + ":" + std::to_string(e.line) + ": '" + e.key + "': " + err.what());
      }
    }
  };
  std::optional<fs::path> explicit_file;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a == "--config" && i + 1 < args.size()) explicit_file = args[i + 1];
    else if (a.rfind("--config=", 0) == 0) explicit_file = a.substr(9);
  }
  if (!explicit_file)
    if (const auto file = default_config_file()) apply_file(*file);
  if (const char* db = std::getenv("IRANIDX_DB"); db && *db) apply("db", db);
  if (const char* corpus = std::getenv("IRANIDX_CORPUS"); corpus && *corpus) apply("corpus", corpus);
  if (explicit_file) {
    try {
      apply_file(*explicit_file);
    } catch (const ConfigError& e) {
      throw ConfigError("--config " + std::string(e.what()));
    }
  }
}

}  // namespace iran::app
