// The index schema: every term prefix, value slot and metadata key, declared once.
// Nothing else in the tree spells a prefix; use these names.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace iran::schema {

// Boolean filter terms. Values after the prefix are lowercase, so a prefix never runs
// into a value that starts with a capital (Xapian's own convention would need a ':').
inline constexpr std::string_view kIdPrefix = "Q";         // Q + path relative to corpus root
// Entity terms carry the number of mentions as wdf, so that a query expanded through
// synonyms to an entity term (index/synonyms.h) ranks by how much an article says.
inline constexpr std::string_view kCountryPrefix = "XC";   // XC + iso code, lowercase: XCqa
inline constexpr std::string_view kOfficialPrefix = "XP";  // XP + official slug: XPali-bagheri-kani
inline constexpr std::string_view kSourcePrefix = "XS";    // XS + source slug: XSmehr
// Officials found by their role and not in the gazetteer (entities/discovery.h): one
// term per person and article, XD + name key + \x1f + slug + \x1f + name + \x1f + role
// + \x1f + country (index/discovered.h). The slug is also an XP term.
inline constexpr std::string_view kDiscoveredPrefix = "XD";
// Transliteration keys (entities/name_key.h) of name-like words and of whole person
// names, so a Latin spelling finds an Arabic-script one and the reverse: XN + key.
inline constexpr std::string_view kNameKeyPrefix = "XN";
inline constexpr std::string_view kLangPrefix = "L";       // L + iso 639-1: Len, Lar
inline constexpr std::string_view kYearPrefix = "Y";       // Y + yyyy
inline constexpr std::string_view kMonthPrefix = "M";      // M + yyyymm
inline constexpr std::string_view kDayPrefix = "D";        // D + yyyymmdd
// A feed's or dump's items (Q + "path#item") carry the file they came from: XF + path.
inline constexpr std::string_view kFilePrefix = "XF";
// Free-text field prefixes (probabilistic, positional).
inline constexpr std::string_view kTitlePrefix = "S";      // title words, as in Omega
// Syndicated copies (index/copies.h).
inline constexpr std::string_view kCopyPrefix = "XK";      // XK + copy key: every copy of one story
inline constexpr std::string_view kBandPrefix = "XH";      // XH + MinHash band: near-copy candidates
// Sharded layouts (index/shard_state.h): an article moved into a shard by batch R
// carries XM + R, hidden from searchers until R's deletions are visible too.
inline constexpr std::string_view kMovePrefix = "XM";
// ... and its old copy, in the shard it leaves, XO + R: hidden once R is done.
inline constexpr std::string_view kMoveOldPrefix = "XO";

// Every term prefix above, for the test that no two collide and none is the start of
// another (a prefix added above belongs here too).
inline constexpr std::string_view kAllTermPrefixes[] = {
    kIdPrefix,   kCountryPrefix, kOfficialPrefix, kSourcePrefix, kDiscoveredPrefix,
    kNameKeyPrefix, kLangPrefix, kYearPrefix,    kMonthPrefix,  kDayPrefix,
    kFilePrefix, kTitlePrefix,   kCopyPrefix,    kBandPrefix,  kMovePrefix, kMoveOldPrefix};

// Value slots.
enum Slot : Xapian::valueno {
  // A date is an interval: a full date starts and ends on its day, "2022-05" spans the
  // month. Filters match on overlap; sorting uses the start.
  kDateSlot = 0,       // yyyymmdd, first day of the date's interval; empty when undated
  kSignatureSlot = 1,  // file signature used by incremental builds (see index/writer.cc)
  kCountriesSlot = 2,  // facet values joined by kFacetSeparator
  kOfficialsSlot = 3,
  kSourceSlot = 4,
  kLangSlot = 5,
  kMonthSlot = 6,      // facet: yyyy-mm, or yyyy when only the year is known, or "undated"
  kDateEndSlot = 7,    // yyyymmdd, last day of the date's interval
  // The order of equal scores and of dates, the same over any shard layout (Xapian
  // breaks ties by docid, which depends on how documents are spread over shards):
  // yyyymmdd of the date (00000000 when undated) followed by the path.
  kOrderSlot = 8,
  kOldestSlot = 9,     // the same for oldest first: undated (99999999) sort last
  // The date's interval as first and last day, "2022050120220531" (empty when undated):
  // what the histogram counts over remote shards, with Xapian's ValueCountMatchSpy.
  kIntervalSlot = 10,
  // When the article was first indexed, "2026-12-01T08:50:12.123456Z" (sortable; index/ingest.h):
  // what `iransearch @NAME --new` compares with.
  kIndexedSlot = 16,
  kCopySlot = 17,      // copy key: the same for articles whose bodies are (nearly) the same
};
inline constexpr char kFacetSeparator = '\x1f';

// Database metadata keys.
inline constexpr std::string_view kMetaAnalyzer = "iran.analyzer";   // analyzer version
inline constexpr std::string_view kMetaSchema = "iran.schema";       // schema version
inline constexpr std::string_view kMetaLastBuild = "iran.last_build"; // summary of the last run
inline constexpr std::string_view kMetaGazetteer = "iran.gazetteer"; // fingerprint of the data
// The gazetteer entry by entry (index/gazetteer_state.h), so that an edit reindexes only
// the articles it can touch: every entry's hash and names, the hash of what is no one
// entry's, and discovery's given names.
inline constexpr std::string_view kMetaGazetteerEntries = "iran.gazetteer.entries";
inline constexpr std::string_view kMetaGazetteerShared = "iran.gazetteer.shared";
inline constexpr std::string_view kMetaGazetteerGiven = "iran.gazetteer.given";
// Set in a full rebuild's generation until it is published: what it is being built with,
// so that a killed rebuild is resumed only by a run that would build the same.
inline constexpr std::string_view kMetaPending = "iran.pending";
// A shard of a layout iranidx made (index/layout.h): its name there ("2021"), and the
// state of the cross-shard commit protocol (index/shard_state.h).
inline constexpr std::string_view kMetaLayoutShard = "iran.layout.shard";
inline constexpr std::string_view kMetaLayoutState = "iran.layout.state";
// Set by `iranidx compact` in the compacted generation of a shard (when it was made): a
// build never writes it in place, it writes an uncompacted copy (index/layout_compact.h).
inline constexpr std::string_view kMetaCompacted = "iran.compacted";
// In a layout's home: the names of its shards, space-separated, so that a search over a
// stub of served shards can tell which shards the stub leaves out (index/shards.h).
inline constexpr std::string_view kMetaLayoutShards = "iran.layout.shards";
// The discovered officials of the database, written by each commit with its documents
// (index/discovered_summary.h); absent in an index built before: searches read the terms.
inline constexpr std::string_view kMetaDiscovered = "iran.discovered";
// Its print (DiscoveredSummary::fingerprint, 16 hex digits), written with it by the same
// commit ("" while it is invalidated): a search over a remote shard reads these 16 bytes
// and maps the summary from its cache folder when a process read that one before,
// instead of fetching the whole value (hundreds of KB) from the server each time.
inline constexpr std::string_view kMetaDiscoveredPrint = "iran.discovered.print";
// 2: ingestion stamps, copy keys and spelling data; 3: the order and interval slots; 4:
// name keys moved from XK (the copy keys' prefix) to XN; 5: the document data stored as a
// zstd frame (index/stored_fields.h). A build over an index of another schema redoes
// every article.
inline constexpr std::string_view kSchemaVersion = "5";
// How the schema an index says it has (kMetaSchema) relates to this program's, the way
// the analyzer version is handled: Older (or none, from before versions were stored)
// is upgraded by the next `iranidx build`, which redoes every article, and refused by
// searches until then; Newer, or anything that is not a version number, was made by a
// later iranidx: every command refuses it (only `iranidx build --full` replaces it).
enum class SchemaAge { Current, Older, Newer };
SchemaAge schema_age(std::string_view stored);
// Why an index of a newer or unknown schema is refused, naming it and both versions.
std::string newer_schema_message(std::string_view index_name, std::string_view stored, std::string_view program);
// Per feed or dump file: "iran.file:" + path → "<stamps>|<hash>" and the lines that
// failed, so an unchanged file is not read again and its bad lines are still named.
inline constexpr std::string_view kMetaFilePrefix = "iran.file:";

// Xapian refuses terms over 245 bytes (and a refused term would fail the whole batch).
inline constexpr std::size_t kMaxTermBytes = 245;

// A word's own term (no capital-letter field prefix: lowercase ASCII or another script),
// and that or its stem (Z + a word's term): what a typed word parses to.
bool is_word_term(std::string_view term);
bool is_typed_word_term(std::string_view term);

// Xapian terms are limited to 245 bytes; long paths are hashed into the id term.
std::string id_term(std::string_view relative_path);

// The kOrderSlot / kOldestSlot values: date (yyyymmdd, empty when undated) and path.
std::string order_key(std::string_view first_day, std::string_view relative_path);
std::string oldest_key(std::string_view first_day, std::string_view relative_path);

// prefix + value, or, when that is too long for Xapian, a head of it cut at a UTF-8
// boundary plus '#' and a hash of the whole value: unique, and the same on both sides.
// Every boolean term the project writes or queries goes through this (or id_term).
std::string bounded_term(std::string_view prefix, std::string_view value);
// XF + path (hashed like id_term when long): the term on every item of a feed or dump.
std::string file_term(std::string_view relative_path);
// The metadata key of a feed or dump file.
std::string file_meta_key(std::string_view relative_path);

}  // namespace iran::schema
