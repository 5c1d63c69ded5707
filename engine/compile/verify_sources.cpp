#include "compile/verify_sources.hpp"

#include "compile/program.hpp"
#include "compile/text.hpp"

#include <cybernorms/input.hpp>

#include <fmt/core.h>

#include <array>
#include <unordered_map>
#include <utility>

namespace cybernorms::compile {

namespace fs = std::filesystem;

namespace {

const std::array<std::pair<std::string_view, std::string_view>, 4> typographic{{
    {"\u2019", "'"}, {"\u2018", "'"}, {"\u201C", "\""}, {"\u201D", "\""}}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Unicode spaces that documents use between words: no-break (U+00A0), the U+2000 to
/// U+200A spaces, narrow no-break (U+202F) and ideographic (U+3000), in UTF-8.
constexpr std::array<std::string_view, 14> unicode_spaces{
    "\u00A0", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005",
    "\u2006", "\u2007", "\u2008", "\u2009", "\u200A", "\u202F", "\u3000"};

/// How many bytes of white space start at `at` (0 if none).
std::size_t space_at(std::string_view text, std::size_t at) {
  if (is_space(text[at])) return 1;
  if (static_cast<unsigned char>(text[at]) < 0x80) return 0;
  for (const std::string_view space : unicode_spaces) {
    if (text.compare(at, space.size(), space) == 0) return space.size();
  }
  return 0;
}

/// The typographic mark starting at `at`, if any, and its ASCII form.
std::optional<std::pair<std::size_t, std::string_view>> typographic_at(std::string_view text, std::size_t at) {
  for (const auto& [mark, ascii] : typographic) {
    if (text.compare(at, mark.size(), mark) == 0) return std::pair{mark.size(), ascii};
  }
  return std::nullopt;
}

/// A source's declaration and every citation of it.
struct Cited {
  const ast::SourceDecl* source = nullptr;
  std::vector<const ast::Citation*> citations;
};

struct Gather {
  std::vector<Cited>& sources;
  std::unordered_map<std::string_view, std::size_t>& index;
  std::vector<const ast::Citation*>& citations;

  void operator()(const ast::SourceDecl& decl) const {
    if (index.emplace(decl.id, sources.size()).second) sources.push_back(Cited{&decl, {}});
  }
  void operator()(const ast::PrincipleDecl& decl) const { add(decl.citations); }
  void operator()(const ast::RuleDecl& decl) const { add(decl.citations); }
  void operator()(const ast::ExceptionDecl& decl) const { add(decl.citations); }
  void operator()(const ast::ProfileDecl& decl) const { add(decl.citations); }
  template <typename Other>
  void operator()(const Other&) const {}
  void add(const std::vector<ast::Citation>& more) const {
    for (const ast::Citation& citation : more) citations.push_back(&citation);
  }
};

std::vector<Cited> cited_sources(const std::vector<ast::RuleFile>& files) {
  std::vector<Cited> sources;
  std::unordered_map<std::string_view, std::size_t> index;
  std::vector<const ast::Citation*> citations;
  const Gather gather{sources, index, citations};
  for (const ast::RuleFile& file : files) {
    for (const ast::Item& item : file.items) boost::apply_visitor(gather, item.get());
  }
  for (const ast::Citation* citation : citations) {
    if (const auto found = index.find(citation->source); found != index.end()) {
      sources[found->second].citations.push_back(citation);
    }
  }
  return sources;
}

/// The document's text; nullopt (not at hand) when it is not a regular file, cannot be
/// read, or is over the limit, which is checked while reading.
std::optional<std::string> read_document(const fs::path& path) {
  InputText read = read_regular_file(path, max_document_bytes);
  if (read.status != ReadStatus::ok) return std::nullopt;
  return std::move(read.text);
}

/// Each line of a document as a heading would match it: folded, without a leading "·".
std::vector<std::string> heading_lines(std::string_view document) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= document.size()) {
    const std::size_t end = std::min(document.find('\n', start), document.size());
    std::string line = fold_text(document.substr(start, end - start));
    if (line.rfind("\u00B7", 0) == 0) line = fold_text(std::string_view(line).substr(2));
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> heading_parts(std::string_view heading) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = heading.find(" / ", start);
    parts.push_back(fold_text(heading.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) return parts;
    start = end + 3;
  }
}

std::optional<std::size_t> line_starting(const std::vector<std::string>& lines, std::string_view part, std::size_t from) {
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (!part.empty() && lines[i].rfind(part, 0) == 0) return i;
  }
  return std::nullopt;
}

class Verifier {
 public:
  Verifier(const base::SourceSet& sources, base::Diagnostics& diagnostics) : sources_(sources), diagnostics_(diagnostics) {}

  void verify(const Cited& cited, const std::string& document);

 private:
  void verify_heading(const ast::SourceDecl& source, const std::string& heading, const std::vector<std::string>& lines);
  void verify_quote(const ast::SourceDecl& source, const ast::Citation& citation, const std::string& folded);

  const base::SourceSet& sources_;
  base::Diagnostics& diagnostics_;
};

void Verifier::verify(const Cited& cited, const std::string& document) {
  const std::vector<std::string> lines = heading_lines(document);
  for (const std::string& heading : cited.source->headings) verify_heading(*cited.source, heading, lines);
  const std::string folded = fold_text(document);
  for (const ast::Citation* citation : cited.citations) verify_quote(*cited.source, *citation, folded);
}

void Verifier::verify_heading(const ast::SourceDecl& source, const std::string& heading,
                              const std::vector<std::string>& lines) {
  const std::vector<std::string> parts = heading_parts(heading);
  std::size_t from = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (const auto line = line_starting(lines, parts[i], from)) {
      from = *line + 1;
      continue;
    }
    const base::Span span = token_span_after(sources_, source.span, "heading", heading);
    if (i == 0 || !line_starting(lines, parts[i], 0)) {
      diagnostics_.error("E230", span, "heading \"{}\" starts no line of {}", parts[i], *source.file);
    } else {
      diagnostics_.error("E230", span, "heading \"{}\" starts no line of {} after \"{}\"", parts[i], *source.file,
                         parts[i - 1]);
    }
    return;
  }
}

/// The longest start of `quote`, cut at a space, that the document holds. A start the
/// document holds has every shorter start in it too, so the cut is found by bisection.
std::string_view longest_found_prefix(std::string_view quote, const std::string& folded) {
  std::vector<std::size_t> cuts;
  for (std::size_t cut = quote.find(' '); cut != std::string_view::npos; cut = quote.find(' ', cut + 1)) {
    cuts.push_back(cut);
  }
  std::size_t found = 0;  // how many cuts are known to be held
  std::size_t missing = cuts.size() + 1;
  while (found + 1 < missing) {
    const std::size_t middle = (found + missing) / 2;
    const bool held = folded.find(quote.substr(0, cuts[middle - 1])) != std::string::npos;
    (held ? found : missing) = middle;
  }
  return found == 0 ? std::string_view{} : quote.substr(0, cuts[found - 1]);
}

void Verifier::verify_quote(const ast::SourceDecl& source, const ast::Citation& citation, const std::string& folded) {
  const std::string quote = fold_text(citation.quote);
  if (quote.empty() || folded.find(quote) != std::string::npos) return;
  const base::Span span = token_span_after(sources_, citation.span, "quote", citation.quote);
  auto& added = diagnostics_.error("E231", span, "quote not found word for word in {}", *source.file);
  const std::string_view prefix = longest_found_prefix(quote, folded);
  if (!prefix.empty()) added.notes.push_back(fmt::format("the document has \"{}\" but not what follows", prefix));
}

}  // namespace

std::string fold_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t width = space_at(text, i); width > 0) {
      pending_space = !out.empty();
      i += width;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (const auto mark = typographic_at(text, i)) {
      out += mark->second;
      i += mark->first;
    } else {
      out += text[i++];
    }
  }
  return out;
}

void verify_sources(const std::vector<ast::RuleFile>& files, const base::SourceSet& sources,
                    const std::optional<fs::path>& dir, base::Diagnostics& diagnostics) {
  bool unverified = false;
  Verifier verifier(sources, diagnostics);
  for (const Cited& cited : cited_sources(files)) {
    if (!cited.source->file) continue;
    const auto document = dir ? read_document(*dir / *cited.source->file) : std::nullopt;
    if (!document) {
      unverified = true;
      continue;
    }
    verifier.verify(cited, *document);
  }
  if (unverified) {
    diagnostics.add(base::Severity::note, "N001", base::Span{},
                    "quotes were not verified: sources not at hand (use --sources DIR)");
  }
}

}  // namespace cybernorms::compile
