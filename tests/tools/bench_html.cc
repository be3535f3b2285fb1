// Measures the two HTML parsers Debian offers on saved pages, and our whole extraction:
// gumbo (an HTML5 parser: the spec's tree construction, as browsers repair markup) and
// libxml2's HTML parser (HTML 4 rules), each parsing every file ROUNDS times.
//   bench_html [--rounds N] FILE...     (scripts/bench-html runs it on the fixtures)
#include <gumbo.h>
#include <libxml/HTMLparser.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "corpus/html_reader.h"

namespace {
std::string slurp(const char* p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
template <typename F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main(int argc, char** argv) {
  int rounds = 20;
  std::vector<std::string> pages;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::atoi(argv[++i]);
    else pages.push_back(iran::corpus::decode_html(slurp(argv[i])).html);
  }
  if (pages.empty()) {
    std::fprintf(stderr, "usage: bench_html [--rounds N] FILE...\n");
    return 1;
  }
  double bytes = 0;
  for (const auto& p : pages) bytes += static_cast<double>(p.size());
  bytes *= rounds;
  const double g = seconds([&] {
    for (int r = 0; r < rounds; ++r)
      for (const auto& p : pages) gumbo_destroy_output(&kGumboDefaultOptions, gumbo_parse_with_options(&kGumboDefaultOptions, p.data(), p.size()));
  });
  GumboOptions quiet = kGumboDefaultOptions;
  quiet.max_errors = 0;
  const double gq = seconds([&] {
    for (int r = 0; r < rounds; ++r)
      for (const auto& p : pages) gumbo_destroy_output(&quiet, gumbo_parse_with_options(&quiet, p.data(), p.size()));
  });
  const double x = seconds([&] {
    for (int r = 0; r < rounds; ++r)
      for (const auto& p : pages) {
        htmlDocPtr doc = htmlReadMemory(p.data(), static_cast<int>(p.size()), nullptr, "UTF-8",
                                        HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER);
        xmlFreeDoc(doc);
      }
  });
  std::size_t chars = 0;
  const double e = seconds([&] {
    for (int r = 0; r < rounds; ++r)
      for (const auto& p : pages) chars += iran::corpus::extract_html(p).text.size();
  });
  const double pages_n = static_cast<double>(pages.size()) * rounds;
  std::printf("%zu pages x %d rounds, %.1f MB\n", pages.size(), rounds, bytes / 1e6);
  std::printf("gumbo parse:        %7.1f MB/s  %8.0f pages/s\n", bytes / 1e6 / g, pages_n / g);
  std::printf("gumbo, no error list:%7.1f MB/s  %8.0f pages/s\n", bytes / 1e6 / gq, pages_n / gq);
  std::printf("libxml2 HTML parse: %7.1f MB/s  %8.0f pages/s\n", bytes / 1e6 / x, pages_n / x);
  std::printf("extract_html:       %7.1f MB/s  %8.0f pages/s (gumbo + metadata + main text)\n", bytes / 1e6 / e,
              pages_n / e);
  return chars == 0;
}
