// Reports built from a session's provenance: findings with proof trees and hinges, and
// why-not for principles with no finding. Data only; renderers live in render/.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/report.hpp"
#include "explain/why_not.hpp"
#include "infer/hinges.hpp"
#include "infer/session.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace cybernorms::explain {

/// Steps one proof tree shows at most (ProofLimits::max_steps by default).
inline constexpr std::size_t default_proof_steps = 4096;

/// How much of a proof tree is unfolded; the steps where it stops are folded (ProofStep::folded).
struct ProofLimits {
  std::size_t max_depth = default_proof_depth;  ///< steps from the root down, the root being 1
  std::size_t max_steps = default_proof_steps;  ///< steps in the whole tree
};

struct ReportOptions {
  std::string scenario;            ///< copied into Report::scenario
  std::string profile{default_profile};  ///< copied into Report::profile
  bool proofs = true;              ///< build proof trees (levels, roles and hinges do not need them)
  std::size_t max_hinge_sets = 1;  ///< minimal hinge sets per possible finding
  /// Merges of two sets the hinge search may make for the whole report; findings it
  /// leaves unfinished say so (Finding::hinge_limit).
  std::size_t hinge_budget = infer::default_hinge_budget;
  /// Proofs per finding: the first derivation, and up to this many in all (Finding::other_proofs).
  /// Only the derivations the session kept can be shown (infer::Options::lower_derivations).
  std::size_t max_derivations = 1;
  ProofLimits proof_limits{};
  /// The language of titles, fact texts, `because` texts and why-not (null: English);
  /// citations of sources written in it come first.
  const compile::Language* language = nullptr;
};

/// One Finding per fact of each principle relation (implicated: lower model; possible: upper
/// only), sorted by principle order, then role values; a WhyNot for each principle without any.
Report build_report(const compile::RuleSet& rules, const infer::Session& session, const ReportOptions& options = {});

/// A hinge search's result as a report gives it: its sets with their facts, how many
/// were found, and the first limit that cut it short.
struct ReportedHinges {
  std::vector<std::vector<Hinge>> sets;
  std::size_t found = 0;
  HingeLimit limit = HingeLimit::none;
};
ReportedHinges reported_hinges(const infer::Session& session, const infer::HingeResult& result,
                               const compile::Language* language = nullptr);

/// The proof tree of one fact, by its `derivation`-th kept derivation (0: the first).
ProofStep build_proof(const infer::Session& session, infer::FactId fact, std::size_t derivation = 0,
                      const ProofLimits& limits = {}, const compile::Language* language = nullptr);

/// Citations with those of sources written in `language` first, each group in written
/// order (null or English: as written), so a reader meets the source's text in their
/// own language first.
std::vector<Citation> citations_for(const compile::RuleSet& rules, std::vector<Citation> citations,
                                    const compile::Language* language);

}  // namespace cybernorms::explain
