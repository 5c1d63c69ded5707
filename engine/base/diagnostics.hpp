// Diagnostics: values that phases append to and the command line renders once.
#pragma once
#include "base/source_file.hpp"
#include "base/span.hpp"

#include <fmt/core.h>

#include <string>
#include <string_view>
#include <vector>

namespace cybernorms::base {

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

}  // namespace cybernorms::base
