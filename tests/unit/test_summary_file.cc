// The discovered summary kept per revision in the cache folder (index/summary_file.h):
// the mapped summary answers as the stored one; another stamp, damage or a summary made
// from the terms is never used; older revisions go.
#include "index/summary_file.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "discovered_info.h"

namespace fs = std::filesystem;
using iran::index::DiscoveredSummary;
using iran::index::load_summary_file;
using iran::index::save_summary_file;
using iran::index::summary_file_name;
using iran::index::TableStamp;
using iran::stored_summary;
using iran::tally_of;

namespace {

fs::path temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("iran-sumfile-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::vector<iran::index::DiscoveredInfo> people() {
  return {info("qasim-al-araji", "Qasim al-Araji", "IQ", 3), info("qasm-alarjy", "قاسم الأعرجي", "IQ", 5),
          info("nasser-kanaani", "Nasser Kanaani", "IR"), info("alone", "Someone Else", "QA", 7)};
}

TableStamp stamp(Xapian::rev revision = 7) {
  return {"0123abcd-4567-89ef-0123-456789abcdef", "2049:1234", revision, 40, 44, 9000};
}

// Everything a search reads of a summary, as one string.
std::string answers(const DiscoveredSummary& s) {
  std::string out = std::to_string(s.fingerprint()) + ' ' + std::to_string(s.spellings()) + '\n';
  for (const auto& [id, d] : s.officials()) {
    out += id + '|' + d.name + '|' + d.country + '|' + std::to_string(d.articles) + '|' + (s.has(id) ? "has" : "no") + '\n';
    iran::index::NameJoinKeys keys;
    if (s.keys_of(d.name, keys)) {
      out += std::to_string(keys.keyed_words);
      for (const auto& v : keys.variants) out += ' ' + v;
      out += '\n';
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a summary saved for a revision is mapped back and answers as the stored one") {
  const fs::path dir = temp_dir("save");
  const auto summary = stored_summary(people());
  REQUIRE(save_summary_file(dir, stamp(), *summary));
  CHECK(fs::exists(dir / summary_file_name(stamp())));
  const auto mapped = load_summary_file(dir, stamp());
  REQUIRE(mapped);
  CHECK(mapped->from_key());
  CHECK(answers(*mapped) == answers(*summary));
  CHECK(mapped->stored_value() == summary->stored_value());

  // The mapping outlives the file: replaced (as write-and-rename does) and removed.
  write(dir / "other", std::string(read(dir / summary_file_name(stamp())).size(), 'x'));
  fs::rename(dir / "other", dir / summary_file_name(stamp()));
  CHECK(answers(*mapped) == answers(*summary));
  fs::remove_all(dir);
  CHECK(answers(*mapped) == answers(*summary));
}

TEST_CASE("a summary file is used only for its own stamp, and never when damaged") {
  const fs::path dir = temp_dir("stamp");
  const auto summary = stored_summary(people());
  REQUIRE(save_summary_file(dir, stamp(), *summary));
  // Every field of the stamp counts: the same file name under another stamp is refused.
  for (auto other : {stamp(8), stamp(6)}) CHECK_FALSE(load_summary_file(dir, other));
  for (int field = 0; field < 5; ++field) {
    TableStamp s = stamp();
    if (field == 0) s.place = "2049:9999";
    if (field == 1) s.documents += 1;
    if (field == 2) s.last += 1;
    if (field == 3) s.length += 1;
    if (field == 4) s.uuid = "fedc0000-4567-89ef-0123-456789abcdef";
    CHECK_FALSE(load_summary_file(dir, s));
    // Copied to the other stamp's name (the counts are not in the name), its header
    // still says whose it is.
    if (summary_file_name(s) != summary_file_name(stamp())) {
      fs::copy_file(dir / summary_file_name(stamp()), dir / summary_file_name(s), fs::copy_options::overwrite_existing);
      CHECK_FALSE(load_summary_file(dir, s));
    }
  }
  // A changed byte anywhere, a cut, something after it: refused (the summary's checksum
  // and the header).
  const fs::path file = dir / summary_file_name(stamp());
  const std::string good = read(file);
  for (std::size_t at : {std::size_t{3}, std::size_t{20}, good.size() / 2, good.size() - 1}) {
    std::string bad = good;
    bad[at] ^= 0x01;
    write(file, bad);
    CHECK_FALSE(load_summary_file(dir, stamp()));
  }
  write(file, good.substr(0, good.size() - 5));
  CHECK_FALSE(load_summary_file(dir, stamp()));
  write(file, good + "x");
  CHECK_FALSE(load_summary_file(dir, stamp()));
  write(file, "");
  CHECK_FALSE(load_summary_file(dir, stamp()));
  write(file, good);
  CHECK(load_summary_file(dir, stamp()));
  // No folder, a remote shard's stamp (no plain UUID), a summary made from the terms.
  CHECK_FALSE(load_summary_file({}, stamp()));
  TableStamp remote = stamp();
  remote.uuid = "tcp(127.0.0.1:7000)";
  CHECK_FALSE(save_summary_file(dir, remote, *summary));
  const DiscoveredSummary from_terms(tally_of(people()));
  CHECK_FALSE(save_summary_file(dir, stamp(9), from_terms));
  CHECK_FALSE(fs::exists(dir / summary_file_name(stamp(9))));
  fs::remove_all(dir);
}

TEST_CASE("saving a revision removes the same database's older ones and keeps a newer one") {
  const fs::path dir = temp_dir("prune");
  const auto summary = stored_summary(people());
  REQUIRE(save_summary_file(dir, stamp(5), *summary));
  REQUIRE(save_summary_file(dir, stamp(9), *summary));
  TableStamp other = stamp(3);
  other.uuid = "fedc0000-4567-89ef-0123-456789abcdef";
  REQUIRE(save_summary_file(dir, other, *summary));
  REQUIRE(save_summary_file(dir, stamp(7), *summary));  // a search still on revision 7
  CHECK_FALSE(fs::exists(dir / summary_file_name(stamp(5))));
  CHECK(fs::exists(dir / summary_file_name(stamp(7))));
  CHECK(fs::exists(dir / summary_file_name(stamp(9))));
  CHECK(fs::exists(dir / summary_file_name(other)));
  REQUIRE(save_summary_file(dir, stamp(10), *summary));
  CHECK_FALSE(fs::exists(dir / summary_file_name(stamp(7))));
  CHECK_FALSE(fs::exists(dir / summary_file_name(stamp(9))));
  CHECK(fs::exists(dir / summary_file_name(other)));
  fs::remove_all(dir);
}
