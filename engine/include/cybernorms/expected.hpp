// A scenario against its expected findings: the file rule authors keep beside it
// (`NAME.expected.txt`, the terse format: `[profile]` lines, then one line per finding,
// `principle role=value ... level`). `cybernorms test` and the project's own scenario
// test check the bundled scenarios this way. Part of the public API; includes no
// internal header.
#pragma once
#include <cybernorms/diagnostics.hpp>
#include <cybernorms/report.hpp>

#include <optional>
#include <string>
#include <vector>

namespace cybernorms {

/// One finding that is not as expected: under `profile`, the finding `finding`
/// (`principle role=value ...`, without its level) was expected at one level and found
/// at another, or expected and not found, or found and not expected.
struct ExpectedDifference {
  std::string profile;
  std::string finding;
  std::optional<Level> expected;  ///< none: not expected
  std::optional<Level> found;     ///< none: not found
  friend bool operator==(const ExpectedDifference&, const ExpectedDifference&) = default;
};

/// The difference in words: `expected possible, found implicated`, `expected possible,
/// not found`, `found implicated, not expected`.
std::string describe(const ExpectedDifference& difference);

/// A scenario checked against its expected findings. `checked` is set when the scenario
/// and the expected file were both valid and every evaluation ran: then `differences`
/// lists what is not as expected (empty: it passed) and `actual` is what the expected
/// file would say if it were written now, under the same profiles, in their order.
/// Otherwise `diagnostics` say why (E409 for a malformed expected file, with its
/// line and column in `sources`; the scenario's own for an invalid scenario).
struct ExpectedCheck {
  Diagnostics diagnostics;
  SourceSet sources;  ///< the expected file, for the diagnostics that point into it
  std::vector<std::string> profiles;  ///< the profiles the expected file lists, in order
  std::vector<ExpectedDifference> differences;
  std::string actual;
  bool checked = false;
  bool ok() const { return checked; }
  bool passed() const { return checked && differences.empty(); }
};

}  // namespace cybernorms
