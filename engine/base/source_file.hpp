// Source text kept in memory, so that diagnostics can quote any line later.
#pragma once
#include "base/span.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::base {

/// One source text and its name ("rules/x.cnr", "<string>", "scenario.json").
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  /// The text of line `line` (1-based) without its line ending; empty if out of range.
  std::string_view line_text(std::uint32_t line) const;
  /// Line and column (1-based, column in bytes) of a byte offset.
  Span span_at(std::size_t offset, std::size_t length, FileId file) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

/// All source files of one run. FileIds index into it.
class SourceSet {
 public:
  FileId add(std::string name, std::string text);
  const SourceFile& file(FileId id) const { return files_.at(id); }
  std::size_t size() const { return files_.size(); }

 private:
  std::vector<SourceFile> files_;
};

}  // namespace cybernorms::base
