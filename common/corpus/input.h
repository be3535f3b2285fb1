// The one seam from a corpus file to the articles it holds. Each input kind is a reader
// behind the same interface: given a file, it yields one record (a page, a text) or
// many (a feed's items, a dump's lines), each with its identity in the file, its text,
// and what the file says about it (PageMetadata). The build, `iranidx show` and
// `iranidx entities` all read files through here, and turn records into articles with
// make_article, where the sidecar and front matter still win over the page.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/article.h"
#include "corpus/input_kind.h"
#include "corpus/jsonl_reader.h"
#include "corpus/page.h"
#include "corpus/reader.h"

namespace iran::corpus {

struct InputOptions {
  std::uintmax_t max_file_bytes = kDefaultMaxFileBytes;  // whole-file kinds; a dump's limit is per line
  JsonlMapping jsonl;
  // Changes when reading the same bytes would give other articles (the JSONL mapping).
  std::string fingerprint(InputKind kind) const;
};

struct SourceRecord {
  std::string item;   // empty when the file is one article; else its identity in the file
  std::string text;   // UTF-8
  PageMetadata page;  // origin empty for a plain text file (front matter and text decide)
};

struct SourceProblem {
  std::size_t line = 0;  // 0 when not tied to a line
  std::string problem;   // "line 12: not JSON (at byte 7)" is line 12, "not JSON (at byte 7)"
  bool empty = false;    // an empty record (no text, no title): skipped and counted, not a failure
};

struct SourceFile {
  std::string format;      // "text", "html", "rss", "atom", "jsonl"
  bool container = false;  // its articles are FILE#ITEM
  std::string hash;        // fingerprint of the content (16 hex digits)
  std::string conversion;  // decoding, as TextFile::conversion
  std::vector<SourceProblem> problems;  // items or lines that could not be read; the rest were
  std::size_t records = 0;
};

// A file of a kind we read that holds no article: an .xml whose root is not a feed, a
// page that is only links. Not a failure: it is skipped, and the build says why.
struct NotAnArticle : FileError {
  using FileError::FileError;
};

using RecordSink = std::function<void(SourceRecord&&)>;

class InputReader {
 public:
  virtual ~InputReader() = default;
  virtual std::string_view name() const = 0;
  // Reads the file, calls `emit` for each record in file order, and says what it read.
  // Throws FileError (or FileVanished, NotAnArticle) for the file as a whole.
  virtual SourceFile read(const std::filesystem::path& path, const InputOptions& options,
                          const RecordSink& emit) const = 0;
};

const InputReader& input_reader(InputKind kind);

// input_reader(input_kind_of(path)).read(...); a FileError for a file that is no input.
SourceFile read_source(const std::filesystem::path& path, const InputOptions& options, const RecordSink& emit);

// Text an article indexes at most (4 MiB, a few hundred pages): the first part of a longer
// one is indexed and the article says so (Article::cut_from; the build warns, naming the
// file). A news article is a few KiB; without the bound a 60 MB one-line file took 1.3 GB
// to index and seconds for each search that showed it.
inline constexpr std::size_t kMaxArticleTextBytes = 4u << 20;

// One record as an article: sidecar over front matter over the page over the text (of
// which the first kMaxArticleTextBytes, cut at a word).
Article make_article(const SourceRecord& record, std::string_view sidecar, const entities::Gazetteer& gazetteer);

// "feeds/presstv.xml#https://www.presstv.ir/Detail/2021/12/11/672455": the identity of an
// item in the index and in `iranidx show`.
std::string item_path(std::string_view relative_path, std::string_view item);

}  // namespace iran::corpus
