#include "index/writer.h"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <unordered_map>
#include <unordered_set>

#include "corpus/article.h"
#include "corpus/walker.h"
#include "entities/gazetteer.h"
#include "index/document_builder.h"
#include "index/schema.h"
#include "index/store.h"
#include "text/analyzer.h"
#include "util/strings.h"

namespace iran::index {
namespace {

std::string stamp_signature(const corpus::CorpusFile& f) {
  std::string sig = std::to_string(f.stamp.size) + ":" + std::to_string(f.stamp.mtime_ns);
  if (f.has_sidecar)
    sig += "+" + std::to_string(f.sidecar_stamp.size) + ":" + std::to_string(f.sidecar_stamp.mtime_ns);
  return sig;
}

// The stored signature is "<stamps>|<content hash>"; runs compare the stamps so that an
// unchanged file is never read.
std::string stamps_of(const std::string& signature) { return signature.substr(0, signature.find('|')); }

std::string hex64(std::uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string read_sidecar(const corpus::CorpusFile& f) {
  if (!f.has_sidecar) return {};
  auto sidecar = f.path;
  sidecar += corpus::kSidecarExtension;
  try {
    return corpus::read_text_file(sidecar).text;
  } catch (const corpus::FileError& e) {
    // An empty sidecar is as good as none; any other problem is the article's problem.
    if (std::string_view(e.what()).starts_with("empty file")) return {};
    throw corpus::FileError(sidecar.filename().string() + ": " + e.what());
  }
}

Xapian::WritableDatabase open_for_writing(const std::filesystem::path& db, int flags) {
  try {
    return Xapian::WritableDatabase(db.string(), flags);
  } catch (const Xapian::DatabaseLockError&) {
    throw BuildError(db.string() + ": index is locked: another iranidx build is running");
  } catch (const Xapian::DatabaseError& e) {
    throw BuildError(db.string() + ": cannot open the index for writing: " + e.get_msg());
  }
}

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

BuildReport build_index(const BuildOptions& options, const entities::Gazetteer& gazetteer,
                        const text::Analyzer& analyzer, const BuildObserver& observer) {
  const auto started = std::chrono::steady_clock::now();
  BuildReport report;
  auto fail = [&](std::string path, std::string problem) {
    report.failures.push_back({std::move(path), std::move(problem)});
    ++report.failed;
    if (observer.failed) observer.failed(report.failures.back());
  };

  corpus::WalkResult walk;
  try {
    walk = corpus::walk_corpus(options.corpus);
  } catch (const std::runtime_error& e) {
    throw BuildError(e.what());
  }
  for (const auto& p : walk.problems) fail(p.path, p.problem);

  const BuildLock lock(options.db, options.wait_seconds);
  remove_stale_generations(options.db);
  const auto current = current_generation(options.db);
  if (options.full && current == options.db)
    throw BuildError(options.db.string() + ": is a plain Xapian database; --full needs an index made by iranidx");
  // A full rebuild, or the very first build, writes a new generation. The first build
  // publishes it at once (an empty index is a valid one); a full rebuild only at the end,
  // so searches use the old index until the new one is complete.
  const bool fresh = options.full || !current;
  const std::filesystem::path target = fresh ? next_generation(options.db) : *current;
  auto db = open_for_writing(target, fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
  if (!current) {
    db.commit();
    publish_generation(options.db, target);
  }
  const bool reanalyze = db.get_doccount() > 0 && db.get_metadata(std::string(schema::kMetaAnalyzer)) !=
                                                      std::string(text::kAnalyzerVersion);
  report.reanalyzed = reanalyze;

  // Every indexed article by its ID term; what is left after the walk was removed.
  std::unordered_map<std::string, Xapian::docid> indexed;
  for (auto t = db.allterms_begin(std::string(schema::kIdPrefix)); t != db.allterms_end(std::string(schema::kIdPrefix)); ++t)
    indexed.emplace(*t, *db.postlist_begin(*t));

  DocumentBuilder builder(analyzer, gazetteer);
  std::size_t pending = 0;
  auto maybe_commit = [&] {
    if (++pending >= options.batch_size) {
      db.commit();
      pending = 0;
    }
  };

  std::unordered_set<std::string> seen;
  for (const auto& file : walk.files) {
    const std::string id = schema::id_term(file.relative_path);
    seen.insert(id);
    const std::string stamps = stamp_signature(file);
    const auto existing = indexed.find(id);
    if (existing != indexed.end() && !reanalyze &&
        stamps_of(db.get_document(existing->second).get_value(schema::kSignatureSlot)) == stamps) {
      ++report.unchanged;
      continue;
    }
    try {
      const auto content = corpus::read_text_file(file.path, options.max_file_bytes);
      const std::string sidecar = read_sidecar(file);
      const auto article = corpus::parse_article(content.text, sidecar, gazetteer);
      const std::string signature =
          stamps + "|" + hex64(util::fnv1a64(sidecar, util::fnv1a64(content.text)));
      db.replace_document(id, builder.build(file.relative_path, article, signature, content.conversion));
      if (!content.conversion.empty() && content.conversion != "crlf") {
        report.conversions.push_back({file.path.string(), content.conversion});
        if (observer.converted) observer.converted(report.conversions.back());
      }
    } catch (const corpus::FileError& e) {
      // The old version, if any, stays searchable: a bad edit must not lose an article.
      fail(file.path.string(), e.what());
      continue;
    } catch (const corpus::MetadataError& e) {
      fail(file.path.string(), e.what());
      continue;
    }
    ++(existing == indexed.end() ? report.added : report.updated);
    maybe_commit();
  }

  for (const auto& [id, docid] : indexed) {
    if (seen.count(id)) continue;
    db.delete_document(docid);
    ++report.deleted;
    maybe_commit();
  }

  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (report.changed() || db.get_metadata(std::string(schema::kMetaAnalyzer)).empty()) {
    db.set_metadata(std::string(schema::kMetaAnalyzer), std::string(text::kAnalyzerVersion));
    db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kMetaLastBuild), now_iso8601() + " " + summary_line(report));
    db.commit();
  }
  db.close();
  if (options.full) publish_generation(options.db, target);
  return report;
}

std::string summary_line(const BuildReport& r) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", r.seconds);
  std::string line = "added " + std::to_string(r.added) + ", updated " + std::to_string(r.updated) +
                     ", deleted " + std::to_string(r.deleted) + ", unchanged " + std::to_string(r.unchanged) +
                     ", failed " + std::to_string(r.failed) + " in " + seconds + " s";
  if (!r.changed()) line += " (index unchanged)";
  return line;
}

}  // namespace iran::index
