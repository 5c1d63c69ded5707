// The terse findings format for golden tests: one line per finding,
// `<principle> <role>=<value> ... <level>`, sorted, under `[<profile>]` headers.
// Values holding spaces, quotes, `=`, `#` or `[` are written as JSON strings.
#pragma once
#include "base/diagnostics.hpp"
#include "base/source_file.hpp"
#include "explain/report.hpp"

#include <compare>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cybernorms::render {

struct TerseFinding {
  std::string principle;
  std::vector<std::pair<std::string, std::string>> roles;
  explain::Level level = explain::Level::implicated;
  friend bool operator==(const TerseFinding&, const TerseFinding&) = default;
  friend auto operator<=>(const TerseFinding&, const TerseFinding&) = default;
};

/// One profile's findings, sorted.
struct TerseProfile {
  std::string profile;
  std::vector<TerseFinding> findings;
  friend bool operator==(const TerseProfile&, const TerseProfile&) = default;
};

using TerseFindings = std::vector<TerseProfile>;

/// A finding's line without its level: `principle role=value ...`, values quoted as in
/// the file.
std::string terse_key(const TerseFinding& finding);

/// The findings of each report (one per profile), in the reports' order.
TerseFindings terse_findings(const std::vector<explain::Report>& reports);

/// The canonical text: `[profile]` lines, each followed by its sorted finding lines.
std::string terse_to_text(const TerseFindings& findings);

/// Reads the terse format back. Blank lines and lines starting with `#` are skipped;
/// findings are sorted as terse_to_text sorts them. Malformed lines are reported (E409)
/// with their line and column, and nullopt is returned.
std::optional<TerseFindings> parse_terse(const base::SourceSet& sources, base::FileId file,
                                         base::Diagnostics& diagnostics);

/// What differs, one line each: `- [profile] line` expected but missing, `+ [profile] line`
/// found but not expected. Empty when equal.
std::vector<std::string> terse_diff(const TerseFindings& expected, const TerseFindings& actual);

}  // namespace cybernorms::render
