// Rule text -> parse -> print -> parse -> check -> compile -> evaluate. Properties: a file
// that parses cleanly prints to text that parses to the same tree; a rule set that
// compiles evaluates (an empty scenario and one with every base relation's facts unknown)
// within its limits or stops with a limit error, never otherwise.
#include "fuzz_target.hpp"
#include "rule_text.hpp"

#include "compile/compile.hpp"
#include "dsl/parse.hpp"
#include "dsl/print.hpp"
#include "infer/network.hpp"
#include "infer/session.hpp"

using namespace cybernorms;

namespace {

/// A few facts of each base relation, every one unknown, over a handful of values.
void add_unknown_facts(const compile::RuleSet& rules, infer::Session& session) {
  std::vector<base::SymbolId> args;
  for (compile::RelationId relation = 0; relation < rules.relations.size(); ++relation) {
    if (rules.relations[relation].kind != compile::RelationKind::base) continue;
    for (const char* value : {"a", "b"}) {
      args.assign(rules.relations[relation].arity(), session.intern(value));
      session.add_fact(relation, args, base::Truth::unknown);
    }
  }
}

void evaluate(const compile::RuleSet& rules) {
  const infer::Network network(rules);
  infer::Session session(network);
  infer::Options limits;
  limits.max_facts = 100'000;
  limits.max_join_steps = 1'000'000;
  if (session.evaluate(limits)) return;
  session.clear();
  add_unknown_facts(rules, session);
  if (session.evaluate(limits)) return;
  for (infer::FactId fact = 0; fact < session.fact_count(); ++fact) session.hinges(fact, 2);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  SourceSet sources;
  Diagnostics diagnostics;
  const FileId file = sources.add("input.cnr", std::string(fuzz::as_text(data, size)));
  const dsl::ast::RuleFile parsed = dsl::parse(sources, file, diagnostics);
  render_text(diagnostics, sources);
  if (diagnostics.has_errors()) return 0;
  fuzz::check_round_trip(parsed);
  const auto rules = compile::compile({parsed}, sources, diagnostics);
  render_text(diagnostics, sources);
  if (rules) evaluate(*rules);
  return 0;
}
