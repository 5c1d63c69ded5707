#include "base/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace cybernorms {

Diagnostic& Diagnostics::add(Severity severity, std::string code, Span span, std::string message) {
  if (severity == Severity::error) ++errors_;
  if (severity == Severity::warning) ++warnings_;
  if (items_.size() >= error_limit_) {
    ++dropped_;
    overflow_ = Diagnostic{};
    return overflow_;
  }
  items_.push_back(Diagnostic{severity, std::move(code), span, {}, {}, std::move(message), {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  for (const Diagnostic& diagnostic : other.items_) {
    Diagnostic& added = add(diagnostic.severity, diagnostic.code, diagnostic.span, diagnostic.message);
    added.document = diagnostic.document;
    added.pointer = diagnostic.pointer;
    added.notes = diagnostic.notes;
  }
  dropped_ += other.dropped_;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.document, a.span.file, a.span.line, a.span.column, a.pointer) <
           std::tie(b.document, b.span.file, b.span.line, b.span.column, b.pointer);
  });
}

namespace {

std::string caret_line(std::string_view source_line, const Span& span) {
  std::string marks;
  const std::size_t start = span.column - 1;
  for (std::size_t i = 0; i < start && i < source_line.size(); ++i) {
    marks += source_line[i] == '\t' ? '\t' : ' ';
  }
  marks += '^';
  const std::size_t room = source_line.size() > start ? source_line.size() - start : 1;
  const std::size_t tildes = std::min<std::size_t>(span.length, room);
  for (std::size_t i = 1; i < tildes; ++i) marks += '~';
  return marks;
}

/// Source lines may hold anything; long ones are cut and control bytes shown as '?'.
std::string printable(std::string_view line) {
  constexpr std::size_t max_shown = 200;
  std::string shown;
  for (std::size_t i = 0; i < line.size() && i < max_shown; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    shown += (c < 0x20 && c != '\t') || c == 0x7f ? '?' : static_cast<char>(c);
  }
  if (line.size() > max_shown) shown += "...";
  return shown;
}

}  // namespace

std::string render_text(const Diagnostic& diagnostic, const SourceSet& sources) {
  std::string out;
  const std::string head = fmt::format("{}[{}]: {}", to_string(diagnostic.severity), diagnostic.code,
                                       diagnostic.message);
  if (!diagnostic.pointer.empty() || !diagnostic.document.empty()) {
    out = fmt::format("{}:{}: {}\n", diagnostic.document, diagnostic.pointer, head);
  } else if (diagnostic.span.is_known() && diagnostic.span.file < sources.size()) {
    const SourceFile& file = sources.file(diagnostic.span.file);
    out = fmt::format("{}:{}:{}: {}\n", file.name(), diagnostic.span.line, diagnostic.span.column, head);
    const std::string_view line = file.line_text(diagnostic.span.line);
    const std::string number = fmt::format("{:>5}", diagnostic.span.line);
    out += fmt::format("{} | {}\n", number, printable(line));
    out += fmt::format("{} | {}\n", std::string(number.size(), ' '),
                       caret_line(line.substr(0, std::min<std::size_t>(line.size(), 200)), diagnostic.span));
  } else {
    out = head + "\n";
  }
  for (const std::string& note : diagnostic.notes) out += fmt::format("   note: {}\n", note);
  return out;
}

std::string render_text(const Diagnostics& diagnostics, const SourceSet& sources) {
  std::string out;
  for (const Diagnostic& diagnostic : diagnostics.all()) out += render_text(diagnostic, sources);
  if (diagnostics.dropped() > 0) {
    out += fmt::format("({} more diagnostics not shown)\n", diagnostics.dropped());
  }
  const auto plural = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  if (diagnostics.error_count() + diagnostics.warning_count() > 0) {
    out += fmt::format("{}, {}\n", plural(diagnostics.error_count(), "error"),
                       plural(diagnostics.warning_count(), "warning"));
  }
  return out;
}

}  // namespace cybernorms
