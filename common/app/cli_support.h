// What both command-line programs share: exit codes, error reporting, the shared
// analysis context and the terminal check. Keeps each main() thin.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "entities/gazetteer.h"
#include "text/analyzer.h"

namespace CLI { class App; class ParseError; class Validator; }

namespace iran::app {

// Exit codes are an API (documented in README.md). Usage errors and failures share
// code 2 for both programs, as grep does.
namespace exit_code {
inline constexpr int kSuccess = 0;
inline constexpr int kPartial = 1;  // iranidx: done, but some files failed
inline constexpr int kNoHits = 1;   // iransearch: ran, nothing matched
inline constexpr int kError = 2;    // usage error, or could not run
inline constexpr int kBusy = 3;     // iranidx: another build holds the index (cron: try later)
}  // namespace exit_code

// The gazetteer and analyzer, loaded once per process.
struct AnalysisContext {
  entities::Gazetteer gazetteer;
  text::Analyzer analyzer;
};
AnalysisContext load_analysis_context();

// "iranidx: error: message" on stderr, one line: control and bidi characters in the
// message are escaped (util/terminal.h); names in it are best quoted with util::quote_name.
void print_error(std::string_view program, std::string_view message);
void print_warning(std::string_view program, std::string_view message);

// Maps CLI11's parse errors (which exit 100-127 by default) onto our codes: --help and
// --version exit 0, anything else is a usage error (2) with a one-line message.
int exit_for_parse_error(const CLI::App& app, const CLI::ParseError& error);

// Runs body() with the one try/catch a main needs; turns a broken pipe into a quiet
// exit and any escaped exception into one error line with code 2.
int guarded_main(std::string_view program, const std::function<int()>& body);

// For numeric options: a finite number >= 0. CLI11's NonNegativeNumber lets "nan"
// through (NaN < 0 is false), and `--wait nan` would wait forever.
CLI::Validator non_negative_finite();
// A finite number > 0 and <= max (CLI11's PositiveNumber also lets NaN through and
// prints its bound as 309 digits).
CLI::Validator positive_finite(double max);
// A whole number from min to max, written in decimal digits: "-1", "1e3", "2.5" and
// values over max are refused with the bound in plain digits ("'-1' is not a whole
// number from 0 to 100000000").
CLI::Validator whole_number(unsigned long long min, unsigned long long max);

bool stdout_is_terminal();

// Columns of the terminal on stdout ($COLUMNS wins), or 0 when stdout is not one.
unsigned terminal_width();

}  // namespace iran::app
