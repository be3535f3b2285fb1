#include "app/cli_support.h"

#include <CLI/CLI.hpp>
#include <sys/ioctl.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <iostream>

#include "app/config.h"
#include "index/store.h"
#include "util/files.h"
#include "util/terminal.h"

namespace iran::app {

namespace {
constexpr std::uintmax_t kMaxGazetteerBytes = 64u << 20;  // the shipped data is 200 KB
}  // namespace

AnalysisContext load_analysis_context() {
  // The user's own officials, aliases and sources, merged over the shipped data:
  // $IRANIDX_GAZETTEER, else <config dir>/gazetteer.tsv when it exists.
  std::vector<std::filesystem::path> local;
  if (const char* env = std::getenv("IRANIDX_GAZETTEER"); env && *env) {
    local.emplace_back(env);
  } else {
    std::error_code ec;
    const auto file = config_dir() / "gazetteer.tsv";
    if (std::filesystem::exists(std::filesystem::symlink_status(file, ec))) local.push_back(file);
  }
  // The user's file is read line by line by the gazetteer: a FIFO or a device there
  // would hang or fill memory, so it is checked first, like every settings file.
  for (const auto& file : local) {
    try {
      util::check_regular_file(file.string(), kMaxGazetteerBytes);
    } catch (const util::FileReadError& e) {
      throw ConfigError(file.string() + ": " + e.what());
    }
  }
  // Through the compact image in the cache folder (entities/gazetteer.h: load_cached):
  // parsing the data files and deriving every name's keys is most of a one-search
  // process's start-up. IRANIDX_NO_CACHE=1 loads from the data files alone.
  const char* no_cache = std::getenv("IRANIDX_NO_CACHE");
  const auto data = entities::find_data_dir();
  if (no_cache && *no_cache && std::string_view(no_cache) != "0")
    return AnalysisContext{entities::Gazetteer::load(data, local), text::Analyzer()};
  return AnalysisContext{entities::Gazetteer::load_cached(data, local, cache_dir()), text::Analyzer()};
}

// The message may hold a name or text from a file, or an exception's words: it is one
// log line, escaped, so nothing in it moves the cursor or starts a line of its own.
void print_error(std::string_view program, std::string_view message) {
  std::cerr << program << ": error: " << util::escape_controls(message) << '\n';
}

void print_warning(std::string_view program, std::string_view message) {
  std::cerr << program << ": warning: " << util::escape_controls(message) << '\n';
}

int exit_for_parse_error(const CLI::App& app, const CLI::ParseError& error) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    app.exit(error);  // prints --help or --version
    return exit_code::kSuccess;
  }
  print_error(app.get_name(), error.what());
  std::cerr << "Run '" << app.get_name() << " --help' for usage.\n";
  return exit_code::kError;
}

int guarded_main(std::string_view program, const std::function<int()>& body) {
  // A reader that goes away (`| head`) is not an error: write() fails with EPIPE and
  // we stop quietly instead of dying on SIGPIPE mid-line.
  std::signal(SIGPIPE, SIG_IGN);
  int code;
  try {
    code = body();
  } catch (const index::BusyError& e) {
    print_error(program, e.what());
    return exit_code::kBusy;
  } catch (const Xapian::DatabaseLockError& e) {
    print_error(program, "the index is locked by another process: " + e.get_msg());
    return exit_code::kError;
  } catch (const Xapian::Error& e) {
    print_error(program, e.get_description());
    return exit_code::kError;
  } catch (const std::exception& e) {
    print_error(program, e.what());
    return exit_code::kError;
  }
  std::cout.flush();
  if (!std::cout && errno != EPIPE) {
    print_error(program, "cannot write to standard output");
    return exit_code::kError;
  }
  return code;
}

namespace {

// `input` read whole as a finite number into `value`: empty, or what is wrong with it.
// The one parse the numeric validators share.
std::string parse_finite(const std::string& input, double& value) {
  std::size_t used = 0;
  try {
    value = std::stod(input, &used);
  } catch (const std::exception&) {
    return "'" + input + "' is not a number";
  }
  if (used != input.size()) return "'" + input + "' is not a number";
  if (!std::isfinite(value)) return "'" + input + "' is not a finite number";
  return {};
}

}  // namespace

CLI::Validator non_negative_finite() {
  return CLI::Validator(
      [](std::string& input) -> std::string {
        double value = 0;
        if (std::string error = parse_finite(input, value); !error.empty()) return error;
        if (value < 0) return "'" + input + "' is negative";
        return {};
      },
      "NUMBER>=0", "finite, non-negative");
}

CLI::Validator positive_finite(double max) {
  char bound[32];
  std::snprintf(bound, sizeof bound, "%g", max);
  const std::string limit = bound;
  return CLI::Validator(
      [max, limit](std::string& input) -> std::string {
        double value = 0;
        if (std::string error = parse_finite(input, value); !error.empty()) return error;
        if (!(value > 0) || value > max) return "'" + input + "' is not a number above 0 and at most " + limit;
        return {};
      },
      "NUMBER in (0, " + limit + "]", "positive_finite");
}

CLI::Validator whole_number(unsigned long long min, unsigned long long max) {
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& input) -> std::string {
        unsigned long long value = 0;
        const auto [end, ec] = std::from_chars(input.data(), input.data() + input.size(), value);
        if (input.empty() || ec != std::errc() || end != input.data() + input.size() || value < min || value > max)
          return "'" + input + "' is not a whole number from " + range;
        return {};
      },
      "INT in [" + range + "]", "whole_number");
}

bool stdout_is_terminal() {
  if (std::getenv("NO_COLOR")) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace iran::app

namespace iran::app {

unsigned terminal_width() {
  if (::isatty(STDOUT_FILENO) != 1) return 0;
  if (const char* env = std::getenv("COLUMNS")) {
    const int n = std::atoi(env);
    if (n > 0) return static_cast<unsigned>(n);
  }
  struct winsize size {};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

}  // namespace iran::app
