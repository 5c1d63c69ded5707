#include "render/terse.hpp"

#include "render/report_render.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <set>

namespace cybernorms::render {

namespace {

using explain::Level;

bool needs_quotes(std::string_view value) {
  if (value.empty()) return true;
  return std::any_of(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7f || c == '"' || c == '=' || c == '#' || c == '[' || c == ']' || c == '\\';
  });
}

std::string value_text(const std::string& value) {
  if (!needs_quotes(value)) return value;
  return nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string finding_line(const TerseFinding& finding) {
  return terse_key(finding) + " " + std::string(level_token(finding.level));
}

constexpr std::array<Level, 3> levels{Level::implicated, Level::possible, Level::not_implicated};

std::optional<Level> level_named(std::string_view word) {
  for (const Level level : levels) {
    if (level_token(level) == word) return level;
  }
  return std::nullopt;
}

/// Reads one finding line; on a problem, says where (byte offset in the line) and what.
class LineReader {
 public:
  explicit LineReader(std::string_view line) : line_(line) {}

  struct Problem {
    std::size_t column = 0;
    std::string message;
  };

  std::optional<TerseFinding> read() {
    TerseFinding finding;
    finding.principle = bare();
    for (skip_spaces(); at_ < line_.size(); skip_spaces()) {
      const std::size_t start = at_;
      std::string word = bare_until_equals();
      if (at_ < line_.size() && line_[at_] == '=') {
        ++at_;
        auto value = value_token();
        if (!value) return std::nullopt;
        finding.roles.emplace_back(std::move(word), std::move(*value));
        continue;
      }
      return finish(std::move(finding), word, start);
    }
    return fail(line_.size(), "expected a level (implicated, possible or not_implicated) at the end of the line");
  }
  const Problem& problem() const { return problem_; }

 private:
  std::optional<TerseFinding> finish(TerseFinding finding, const std::string& word, std::size_t start) {
    skip_spaces();
    if (at_ < line_.size()) return fail(at_, "unexpected text after the level");
    const auto level = level_named(word);
    if (!level) return fail(start, fmt::format("expected role=value or a level, got '{}'", word));
    finding.level = *level;
    return finding;
  }
  std::optional<TerseFinding> fail(std::size_t column, std::string message) {
    problem_ = Problem{column, std::move(message)};
    return std::nullopt;
  }
  void skip_spaces() {
    while (at_ < line_.size() && (line_[at_] == ' ' || line_[at_] == '\t')) ++at_;
  }
  std::string bare() {
    const std::size_t start = at_;
    while (at_ < line_.size() && line_[at_] != ' ' && line_[at_] != '\t') ++at_;
    return std::string(line_.substr(start, at_ - start));
  }
  std::string bare_until_equals() {
    const std::size_t start = at_;
    while (at_ < line_.size() && line_[at_] != ' ' && line_[at_] != '\t' && line_[at_] != '=') ++at_;
    return std::string(line_.substr(start, at_ - start));
  }
  std::optional<std::string> value_token() {
    if (at_ >= line_.size() || line_[at_] != '"') return bare();
    const std::size_t start = at_++;
    while (at_ < line_.size() && line_[at_] != '"') at_ += line_[at_] == '\\' ? 2 : 1;
    if (at_ >= line_.size()) return fail_value(start, "unterminated quoted value");
    ++at_;
    try {
      return nlohmann::json::parse(line_.substr(start, at_ - start)).get<std::string>();
    } catch (const nlohmann::json::exception&) {
      return fail_value(start, "malformed quoted value");
    }
  }
  std::optional<std::string> fail_value(std::size_t column, std::string message) {
    problem_ = Problem{column, std::move(message)};
    return std::nullopt;
  }

  std::string_view line_;
  std::size_t at_ = 0;
  Problem problem_;
};

bool is_header(std::string_view line) { return line.size() >= 2 && line.front() == '[' && line.back() == ']'; }

std::string_view trimmed(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

/// Orders one profile's findings by their lines, each line built once (not twice per
/// comparison).
void sort_by_line(std::vector<TerseFinding>& findings) {
  std::vector<std::pair<std::string, std::size_t>> lines;
  lines.reserve(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) lines.emplace_back(finding_line(findings[i]), i);
  std::sort(lines.begin(), lines.end());
  std::vector<TerseFinding> sorted;
  sorted.reserve(findings.size());
  for (const auto& line : lines) sorted.push_back(std::move(findings[line.second]));
  findings = std::move(sorted);
}

void sort_findings(TerseFindings& findings) {
  for (auto& profile : findings) sort_by_line(profile.findings);
}

}  // namespace

std::string terse_key(const TerseFinding& finding) {
  std::string line = finding.principle;
  for (const auto& [role, value] : finding.roles) line += fmt::format(" {}={}", role, value_text(value));
  return line;
}

TerseFindings terse_findings(const std::vector<explain::Report>& reports) {
  TerseFindings out;
  for (const auto& report : reports) {
    TerseProfile profile{report.profile, {}};
    for (const auto& finding : report.findings) {
      profile.findings.push_back(TerseFinding{finding.principle, finding.roles, finding.level});
    }
    out.push_back(std::move(profile));
  }
  sort_findings(out);
  return out;
}

std::string terse_to_text(const TerseFindings& findings) {
  std::string out;
  for (const auto& profile : findings) {
    out += fmt::format("[{}]\n", profile.profile);
    std::vector<std::string> lines;
    for (const auto& finding : profile.findings) lines.push_back(finding_line(finding));
    std::sort(lines.begin(), lines.end());
    for (const auto& line : lines) out += line + '\n';
  }
  return out;
}

namespace {

/// Reads the lines of one terse file into `findings`; false if any line was malformed.
class TerseFileReader {
 public:
  TerseFileReader(const base::SourceFile& source, base::FileId file, base::Diagnostics& diagnostics)
      : source_(source), file_(file), diagnostics_(diagnostics) {}

  bool read(TerseFindings& findings) {
    const std::string_view text = source_.text();
    bool valid = true;
    for (std::size_t start = 0; start < text.size();) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view raw = text.substr(start, end - start);
      const std::string_view line = trimmed(raw);
      valid = read_line(line, start + static_cast<std::size_t>(line.data() - raw.data()), findings) && valid;
      start = end + 1;
    }
    return valid;
  }

 private:
  bool read_line(std::string_view line, std::size_t offset, TerseFindings& findings) {
    if (line.empty() || line.front() == '#') return true;
    if (is_header(line)) {
      findings.push_back(TerseProfile{std::string(line.substr(1, line.size() - 2)), {}});
      return true;
    }
    if (findings.empty()) {
      diagnostics_.error("E409", source_.span_at(offset, line.size(), file_), "a finding before any [profile] line");
      return false;
    }
    LineReader reader(line);
    auto finding = reader.read();
    if (!finding) {
      diagnostics_.error("E409", source_.span_at(offset + reader.problem().column, 1, file_), "{}",
                         reader.problem().message);
      return false;
    }
    findings.back().findings.push_back(std::move(*finding));
    return true;
  }

  const base::SourceFile& source_;
  base::FileId file_;
  base::Diagnostics& diagnostics_;
};

}  // namespace

std::optional<TerseFindings> parse_terse(const base::SourceSet& sources, base::FileId file,
                                         base::Diagnostics& diagnostics) {
  TerseFindings findings;
  if (!TerseFileReader(sources.file(file), file, diagnostics).read(findings)) return std::nullopt;
  sort_findings(findings);
  return findings;
}

std::vector<std::string> terse_diff(const TerseFindings& expected, const TerseFindings& actual) {
  const auto entries = [](const TerseFindings& findings) {
    std::set<std::string> out;
    for (const auto& profile : findings) {
      out.insert(fmt::format("[{}]", profile.profile));
      for (const auto& finding : profile.findings) out.insert(fmt::format("[{}] {}", profile.profile, finding_line(finding)));
    }
    return out;
  };
  const auto wanted = entries(expected);
  const auto got = entries(actual);
  std::vector<std::string> diff;
  for (const auto& entry : wanted) {
    if (got.count(entry) == 0) diff.push_back("- " + entry);
  }
  for (const auto& entry : got) {
    if (wanted.count(entry) == 0) diff.push_back("+ " + entry);
  }
  return diff;
}

}  // namespace cybernorms::render
