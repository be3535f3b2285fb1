#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/config.h"

using namespace iran::app;

TEST_CASE("the TOML settings use: strings, literals, numbers, arrays, comments") {
  const auto e = parse_toml("# top\ndb = \"/var/lib/x\"  # trailing\ncorpus='C:\\\\raw'\nlimit = 20\n"
                            "args = [\"Zarif\", \"--country\", 'Qatar', \"say \\\"hi\\\"\\u00e9\"]\n\n",
                            "f.toml");
  REQUIRE(e.size() == 4);
  CHECK(e[0].key == "db");
  CHECK(e[0].values[0] == "/var/lib/x");
  CHECK(e[0].line == 2);
  CHECK(e[1].values[0] == "C:\\\\raw");
  CHECK(e[2].values[0] == "20");
  CHECK(e[3].is_array);
  CHECK(e[3].values == std::vector<std::string>{"Zarif", "--country", "Qatar", "say \"hi\"é"});
}

TEST_CASE("mistakes name the file and line") {
  auto message = [](const std::string& text) {
    try {
      parse_toml(text, "f.toml");
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(message("db = \"x\ncorpus = 1\n") == "f.toml:1: unterminated string");
  CHECK(message("\n\ndb\n") == "f.toml:3: expected `key = value`");
  CHECK(message("db = 1\ndb = 2\n") == "f.toml:2: key 'db' given twice (first on line 1)");
  CHECK(message("[iransearch]\n").rfind("f.toml:1: sections", 0) == 0);
  CHECK(message("db = \"a\" b\n").rfind("f.toml:1: unexpected text", 0) == 0);
}

TEST_CASE("quoting round-trips") {
  const std::string tricky = "a \"b\" \\ c\td\n\x01";
  CHECK(parse_toml("k = " + toml_quote(tricky) + "\n", "f")[0].values[0] == tricky);
}

TEST_CASE("XDG directories") {
  setenv("XDG_CONFIG_HOME", "/tmp/cfg", 1);
  setenv("XDG_STATE_HOME", "/tmp/state", 1);
  CHECK(config_dir() == "/tmp/cfg/iranidx");
  CHECK(state_dir() == "/tmp/state/iranidx");
  setenv("XDG_CONFIG_HOME", "relative/is/ignored", 1);
  setenv("HOME", "/home/u", 1);
  CHECK(config_dir() == "/home/u/.config/iranidx");
  unsetenv("XDG_CONFIG_HOME");
  unsetenv("XDG_STATE_HOME");
  CHECK(state_dir() == "/home/u/.local/state/iranidx");
}

TEST_CASE("settings files: regular files only, bounded, named in the error") {
  const auto dir = std::filesystem::temp_directory_path() / ("iran-settings-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto message = [](const std::filesystem::path& p) {
    try {
      read_settings_file(p);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("(read)");
  };
  CHECK(message("/dev/zero") == "/dev/zero: not a regular file (a character device)");
  CHECK(message(dir) == dir.string() + ": not a regular file (a directory)");
  const auto fifo = dir / "fifo.toml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(message(fifo) == fifo.string() + ": not a regular file (a named pipe (FIFO))");
  const auto huge = dir / "huge.toml";
  std::ofstream(huge).put('x');
  std::filesystem::resize_file(huge, kMaxSettingsBytes + 1);
  CHECK(message(huge).find("too large") != std::string::npos);
  CHECK(message(dir / "none.toml") == (dir / "none.toml").string() + ": no such file");
  std::filesystem::remove_all(dir);
}
