// Why-not in plain language: the nearest rule that could conclude a goal, its elements
// that held (worded by their relations' docs, with the facts that satisfied them) and
// the element that failed, including a profile parameter that failed, named with the
// profile and the parameter's value. Data only; renderers live in render/.
#pragma once
#include "compile/rule_set.hpp"
#include "explain/report.hpp"
#include "infer/session.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace cybernorms::explain {

/// Why a goal does not hold in the upper model of a session evaluated under `profile`:
/// the nearest rule concluding `relation` (infer::Session::why_not), its elements that
/// held and the one that failed, as written and in words, the bindings reached, and the
/// paragraph that says it all (WhyNot::text). A goal value left nullopt matches anything
/// (a principle's why-not leaves them all open).
WhyNot why_not(const compile::RuleSet& rules, const infer::Session& session, compile::RelationId relation,
               std::span<const std::optional<base::SymbolId>> goal, std::string_view profile = default_profile,
               const compile::Language* language = nullptr);

/// The one paragraph a WhyNot's `text` holds, from its structured fields: the nearest
/// rule with its doc, what failed (every failed parameter with the profile), what held.
/// For callers that change the fields and want the paragraph again, in `words`' language.
std::string why_not_paragraph(const WhyNot& why, const Words& words = Words());

}  // namespace cybernorms::explain
