// Which files of a corpus are inputs, and of what kind: decided by name, so the walk
// reads no file of a known kind. The readers (corpus/input.h) let content decide within a
// kind. A name that says nothing (no extension; a server page's, as `wget` and browsers
// save them: 672455, news.php?id=9) is a web page when its first bytes are HTML.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace iran::corpus {

enum class InputKind { Text, Html, Feed, Dump };

// By the file's name: .txt → Text; .html .htm .xhtml → Html; .rss .atom .xml → Feed;
// .jsonl .ndjson (optionally .xz) → Dump. nullopt: not an input (skipped, and counted).
// Content decides within a kind: a .txt or .xml that is an HTML page is read as one.
std::optional<InputKind> input_kind_for(std::string_view filename);

// Whether a name that input_kind_for does not know may still be a saved page, to be told
// by its content: no extension (none, or not 1-5 letters and digits: "Iran-talks-2.0-round"),
// or a server page's (.php .asp .aspx .jsp .shtml .cfm .cgi ..., also with "?query" after it,
// and .html?query). Names with a real extension of another kind (.pdf, .md) are not opened.
bool sniffable_name(std::string_view filename);

// Whether the first bytes of the file at `path` (a regular file) are an HTML page
// (<!DOCTYPE html> or <html>, after a BOM, white space, comments or an XML declaration).
// Opened without blocking and without following a final symbolic link; false when it
// cannot be read.
bool starts_like_html(const std::filesystem::path& path);

// input_kind_for(name), else Html for a sniffable name whose content starts like HTML.
std::optional<InputKind> input_kind_of(const std::filesystem::path& path);

// What a skipped file is counted as: its extension, lowercased (".pdf", ".docx",
// ".tar.gz"), or "no extension".
std::string skip_label(std::string_view filename);

}  // namespace iran::corpus
