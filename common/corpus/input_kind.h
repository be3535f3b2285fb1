// Which files of a corpus are inputs, and of what kind: decided by name, so the walk
// reads no file. The readers (corpus/input.h) let content decide within a kind.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iran::corpus {

enum class InputKind { Text, Html, Feed, Dump };

// By the file's name: .txt → Text; .html .htm .xhtml → Html; .rss .atom .xml → Feed;
// .jsonl .ndjson (optionally .xz) → Dump. nullopt: not an input (skipped, and counted).
// Content decides within a kind: a .txt or .xml that is an HTML page is read as one.
std::optional<InputKind> input_kind_for(std::string_view filename);

// What a skipped file is counted as: its extension, lowercased (".pdf", ".docx",
// ".tar.gz"), or "no extension".
std::string skip_label(std::string_view filename);

}  // namespace iran::corpus
