// Diagnostics, the source texts they point into, and places in them: the values every
// phase appends problems to and a caller renders (cybernorms::render_diagnostics).
// Part of the public API; includes no internal header.
#pragma once
#include <fmt/core.h>

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cybernorms {

/// Index of a source file in a SourceSet; stable for the life of the set.
using FileId = std::uint32_t;

/// A range in one source file. Lines and columns start at 1; `length` is in bytes
/// (at least 1 where a caret should be drawn). A default Span points nowhere.
struct Span {
  FileId file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t length = 0;
  std::uint32_t offset = 0;  ///< byte offset of the start, for ordering and slicing

  bool is_known() const { return line != 0; }
  friend bool operator==(const Span&, const Span&) = default;
  friend auto operator<=>(const Span&, const Span&) = default;
};


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


enum class Severity : std::uint8_t { note, warning, error };

constexpr std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "?";
}

/// One problem found in input. It points either into a source file (span) or,
/// for JSON input, at a JSON Pointer inside a named document (`document` + `pointer`).
/// Codes are stable: E1xx syntax, E2xx names and types, E3xx rule-base logic,
/// E4xx scenario input, E5xx evaluation limits, Wxxx warnings.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;
  Span span;
  std::string document;  ///< for pointer diagnostics: the document's name
  std::string pointer;   ///< JSON Pointer, e.g. "/operations/0/actor"
  std::string message;
  std::vector<std::string> notes;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// The diagnostics of one run, in the order found. Stops collecting errors after
/// `error_limit` (further ones are counted, not stored), so no input can make it unbounded.
class Diagnostics {
 public:
  explicit Diagnostics(std::size_t error_limit = 200) : error_limit_(error_limit) {}

  template <typename... Args>
  Diagnostic& error(std::string code, Span span, fmt::format_string<Args...> format, Args&&... args) {
    return add(Severity::error, std::move(code), span, fmt::format(format, std::forward<Args>(args)...));
  }
  template <typename... Args>
  Diagnostic& warning(std::string code, Span span, fmt::format_string<Args...> format, Args&&... args) {
    return add(Severity::warning, std::move(code), span, fmt::format(format, std::forward<Args>(args)...));
  }
  /// A diagnostic about a JSON document, located by a JSON Pointer.
  template <typename... Args>
  Diagnostic& pointer_error(std::string code, std::string document, std::string pointer,
                            fmt::format_string<Args...> format, Args&&... args) {
    Diagnostic& added = add(Severity::error, std::move(code), Span{}, fmt::format(format, std::forward<Args>(args)...));
    added.document = std::move(document);
    added.pointer = std::move(pointer);
    return added;
  }

  Diagnostic& add(Severity severity, std::string code, Span span, std::string message);
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& all() const { return items_; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return errors_ > 0; }
  /// Errors found beyond the limit and not stored.
  std::size_t dropped() const { return dropped_; }
  /// Whether one more diagnostic would be stored: false once the limit is reached, when
  /// work that only serves a message (a "did you mean" search) can be skipped.
  bool has_room() const { return items_.size() < error_limit_; }
  /// Sorts by file, then position, then code; stable for equal places.
  void sort();

 private:
  std::vector<Diagnostic> items_;
  std::size_t error_limit_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_ = 0;
  Diagnostic overflow_;  // where diagnostics past the limit are written and forgotten
};

/// Renders one diagnostic as text: `file:line:col: error[E201]: message`, the source
/// line, a caret under the column, then the notes. Pointer diagnostics render as
/// `document:/pointer: error[E402]: message`.
std::string render_text(const Diagnostic& diagnostic, const SourceSet& sources);

/// Renders all diagnostics, then a summary line ("2 errors, 1 warning") if any.
std::string render_text(const Diagnostics& diagnostics, const SourceSet& sources);

}  // namespace cybernorms
