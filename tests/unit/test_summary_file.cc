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
#include "index/schema.h"
#include "util/strings.h"

namespace fs = std::filesystem;
using iran::index::DiscoveredSummary;
using iran::index::combined_summary;
using iran::index::combined_summary_file_name;
using iran::index::load_printed_summary;
using iran::index::load_summary_file;
using iran::index::save_printed_summary;
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

// What a search reads of a summary other than its print and spelling count (which a
// combination mapped from the cache folder gives as a stored summary does): the
// officials, has(), name(), every spelling's keys, and the tally.
std::string reads(const DiscoveredSummary& s, const std::vector<std::string>& spellings) {
  std::string out;
  for (const auto& [id, d] : s.officials()) {
    out += id + '|' + d.name + '|' + d.role + '|' + d.country + '|' + std::to_string(d.articles) + '|' +
           (s.has(id) ? "has" : "no") + '|' + std::string(s.name(id).value_or("?")) + '\n';
  }
  for (const auto& spelling : spellings) {
    iran::index::NameJoinKeys keys;
    out += spelling + (s.keys_of(spelling, keys) ? " keys " + std::to_string(keys.keyed_words) : std::string(" none"));
    for (const auto& v : keys.variants) out += ' ' + v;
    out += '\n';
  }
  const auto t = s.tally();
  for (const auto* part : {&t.names, &t.roles, &t.countries})
    for (const auto& [id, counts] : *part)
      for (const auto& [value, n] : counts) out += "tally " + id + ' ' + value + ' ' + std::to_string(n) + '\n';
  for (const auto& [id, n] : t.articles) out += "articles " + id + ' ' + std::to_string(n) + '\n';
  return out;
}

std::vector<std::shared_ptr<const DiscoveredSummary>> shard_summaries() {
  // Two shards that share an official (counts summed, the name most articles give
  // wins) and a spelling, and one official each of their own.
  return {stored_summary({info("qasim-al-araji", "Qasim al-Araji", "IQ", 3), info("nasser-kanaani", "Nasser Kanaani", "IR")}),
          stored_summary({info("qasim-al-araji", "Qasim al-Araji", "IQ", 4), info("qasm-alarjy", "قاسم الأعرجي", "IQ", 5),
                          info("alone", "Someone Else", "QA", 7)})};
}

const std::vector<std::string> kSpellings = {"Qasim al-Araji", "قاسم الأعرجي", "Nasser Kanaani", "Someone Else", "Nobody"};

}  // namespace

TEST_CASE("shards' stored summaries combined through the cache folder answer as their combination in memory") {
  const fs::path dir = temp_dir("combined");
  const auto parts = shard_summaries();
  const DiscoveredSummary in_memory(parts);
  const std::string expected = reads(in_memory, kSpellings);
  REQUIRE(expected.find("qasim-al-araji|Qasim al-Araji||IQ|7|has|Qasim al-Araji") != std::string::npos);
  REQUIRE(expected.find("Nobody none") != std::string::npos);

  // The first process combines and keeps the combination; the next maps it.
  const auto first = combined_summary(parts, dir);
  REQUIRE(first);
  CHECK(first->from_key());
  CHECK(reads(*first, kSpellings) == expected);
  const fs::path file = dir / combined_summary_file_name(parts);
  REQUIRE(fs::exists(file));
  const auto second = combined_summary(parts, dir);
  CHECK(second->from_key());
  CHECK(reads(*second, kSpellings) == expected);
  CHECK(second->fingerprint() == first->fingerprint());

  // Another set of parts is another file: the same parts in the other order, or one
  // part changed (its checksum is in the key and in the header).
  const std::vector<std::shared_ptr<const DiscoveredSummary>> reversed{parts[1], parts[0]};
  CHECK(combined_summary_file_name(reversed) != combined_summary_file_name(parts));
  CHECK(reads(*combined_summary(reversed, dir), kSpellings) == reads(DiscoveredSummary(reversed), kSpellings));
  auto changed = parts;
  changed[0] = stored_summary({info("qasim-al-araji", "Qasim al-Araji", "IQ", 9)});
  CHECK(combined_summary_file_name(changed) != combined_summary_file_name(parts));
  const std::string changed_reads = reads(DiscoveredSummary(changed), kSpellings);
  CHECK(changed_reads != expected);
  // A file of other parts put under this name (a collision of the name's hash) is
  // refused by its header: the combination is made afresh.
  fs::copy_file(file, dir / combined_summary_file_name(changed), fs::copy_options::overwrite_existing);
  CHECK(reads(*combined_summary(changed, dir), kSpellings) == changed_reads);
  // A damaged file is refused (the summary's checksum), and written again.
  const std::string good = read(file);
  std::string bad = good;
  bad[bad.size() - 2] ^= 0x01;
  write(file, bad);
  CHECK(reads(*combined_summary(parts, dir), kSpellings) == expected);
  CHECK(read(file) == good);

  // A part made from the terms has no stored keys: combined in memory, nothing kept;
  // so without a folder.
  const auto from_terms = std::make_shared<const DiscoveredSummary>(tally_of({info("x-y", "X Y", "IR", 2)}));
  const std::vector<std::shared_ptr<const DiscoveredSummary>> mixed{parts[0], from_terms};
  const auto m = combined_summary(mixed, dir);
  CHECK_FALSE(m->from_key());
  CHECK(reads(*m, kSpellings) == reads(DiscoveredSummary(mixed), kSpellings));
  CHECK_FALSE(fs::exists(dir / combined_summary_file_name(mixed)));
  CHECK_FALSE(combined_summary(parts, {})->from_key());
  fs::remove_all(dir);
}

TEST_CASE("a remote shard's summary is kept under its print and never read back under another") {
  const fs::path dir = temp_dir("printed");
  const auto summary = stored_summary(people());
  const std::string print = iran::util::hex64(summary->fingerprint());
  CHECK_FALSE(load_printed_summary(dir, print));
  REQUIRE(save_printed_summary(dir, print, *summary));
  const auto mapped = load_printed_summary(dir, print);
  REQUIRE(mapped);
  CHECK(mapped->from_key());
  CHECK(answers(*mapped) == answers(*summary));

  // Saved under a print that is not its own, or made from the terms: not kept.
  const auto other = stored_summary({info("alone", "Someone Else", "QA", 8)});
  const std::string other_print = iran::util::hex64(other->fingerprint());
  REQUIRE(other_print != print);
  CHECK_FALSE(save_printed_summary(dir, other_print, *summary));
  CHECK_FALSE(save_printed_summary(dir, print, DiscoveredSummary(tally_of(people()))));
  // Read under another print (a file renamed, or a hash collision): refused.
  fs::copy_file(dir / ("printed-summary-" + print + ".bin"), dir / ("printed-summary-" + other_print + ".bin"));
  CHECK_FALSE(load_printed_summary(dir, other_print));
  // Damaged, cut, or a print that is no print: refused.
  const fs::path file = dir / ("printed-summary-" + print + ".bin");
  const std::string good = read(file);
  std::string bad = good;
  bad[good.size() / 2] ^= 0x01;
  write(file, bad);
  CHECK_FALSE(load_printed_summary(dir, print));
  write(file, good.substr(0, good.size() - 1));
  CHECK_FALSE(load_printed_summary(dir, print));
  write(file, good);
  CHECK(load_printed_summary(dir, print));
  for (const std::string p : {"", "../x", "0123456789ABCDEF", "0123"}) CHECK_FALSE(load_printed_summary(dir, p));
  CHECK_FALSE(load_printed_summary({}, print));
  fs::remove_all(dir);
}

TEST_CASE("a remote shard's summary is mapped by its trusted print, and read afresh when the print is stale") {
  namespace schema = iran::schema;
  const fs::path dir = temp_dir("remote");
  const fs::path dbdir = temp_dir("remote-db") / "db";
  const auto first = stored_summary(people());
  const auto second = stored_summary({info("alone", "Someone Else", "QA", 9)});
  {
    // A shard as a writer leaves it: one document, the value, its print.
    Xapian::WritableDatabase w(dbdir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::Document d;
    d.add_term("word", 3);
    w.add_document(d);
    const std::string value(first->stored_value());
    w.set_metadata(std::string(schema::kMetaDiscovered), value);
    w.set_metadata(std::string(schema::kMetaDiscoveredPrint), iran::index::discovered_summary_print(value, w));
    w.commit();
  }
  const std::string print = iran::util::hex64(first->fingerprint());
  {
    const Xapian::Database shard(dbdir.string());
    CHECK(iran::index::trusted_summary_print(shard.get_metadata(std::string(schema::kMetaDiscoveredPrint)), shard) == print);
    const auto read = iran::index::remote_summary(shard, dir);
    CHECK(answers(*read) == answers(*first));
    CHECK(fs::exists(dir / ("printed-summary-" + print + ".bin")));
    // The next process maps it: the same answers with the value gone from the shard's
    // view (a file that is a copy of another summary's would be refused by its print).
    CHECK(answers(*iran::index::remote_summary(shard, dir)) == answers(*first));
  }
  {
    // A writer that knows no print (an older iranidx) adds a document and stores another
    // value, leaving the print: the figures no longer fit it, so the value is read.
    Xapian::WritableDatabase w(dbdir.string(), Xapian::DB_OPEN);
    Xapian::Document d;
    d.add_term("other", 2);
    w.add_document(d);
    w.set_metadata(std::string(schema::kMetaDiscovered), std::string(second->stored_value()));
    w.commit();
  }
  {
    const Xapian::Database shard(dbdir.string());
    CHECK(iran::index::trusted_summary_print(shard.get_metadata(std::string(schema::kMetaDiscoveredPrint)), shard).empty());
    CHECK(answers(*iran::index::remote_summary(shard, dir)) == answers(*second));
  }
  // No folder: read, nothing kept.
  {
    const Xapian::Database shard(dbdir.string());
    CHECK(answers(*iran::index::remote_summary(shard, {})) == answers(*second));
  }
  // Prints that are not well-formed, or of other figures, are never trusted.
  {
    const Xapian::Database shard(dbdir.string());
    const std::string good = iran::index::discovered_summary_print(second->stored_value(), shard);
    CHECK(iran::index::trusted_summary_print(good, shard) == iran::util::hex64(second->fingerprint()));
    for (const std::string& bad : {std::string(), good.substr(0, 16), good + "0", "X" + good.substr(1),
                                  good.substr(0, 16) + "-2-2-0", good.substr(0, good.size() - 1) + "9"})
      CHECK(iran::index::trusted_summary_print(bad, shard).empty());
    CHECK(iran::index::discovered_summary_print("garbage", shard).empty());
  }
  fs::remove_all(dir);
  fs::remove_all(dbdir.parent_path());
}

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
