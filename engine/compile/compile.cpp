#include "compile/compile.hpp"

#include "compile/checks.hpp"
#include "compile/languages.hpp"
#include "compile/load.hpp"
#include "compile/lower.hpp"
#include "compile/program.hpp"
#include "compile/verify_sources.hpp"

namespace cybernorms::compile {

std::optional<RuleSet> compile(const std::vector<dsl::ast::RuleFile>& files, const base::SourceSet& sources,
                               base::Diagnostics& diagnostics, const std::vector<std::string>& languages) {
  const Program program = collect_declarations(files, sources, diagnostics);
  check_signatures(program, diagnostics);
  check_enumeration_values(program, diagnostics);
  check_bindings(program, diagnostics);
  check_atoms(program, diagnostics);
  check_profiles(program, diagnostics);
  check_citations(program, diagnostics);
  check_principles_cited(program, diagnostics);
  check_layers(program, diagnostics);
  check_because(program, diagnostics);
  check_relation_docs(program, diagnostics);
  check_languages(program, languages, diagnostics);
  check_alternative_count(program, diagnostics);
  check_safety(program, diagnostics);
  check_stratification(program, diagnostics);
  warn_unused_relations(program, diagnostics);
  warn_unconcluded_principles(program, diagnostics);
  warn_relations_never_holding(program, diagnostics);
  warn_uncited_rules(program, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return lower(program);
}

CheckResult check_paths(const std::vector<std::filesystem::path>& paths, const CheckOptions& options,
                        base::SourceSet& sources, base::Diagnostics& diagnostics) {
  CheckResult result;
  result.files = load_rule_files(paths, sources, diagnostics);
  verify_sources(result.files, sources, options.sources_dir, diagnostics);
  result.rules = compile(result.files, sources, diagnostics, options.languages);
  diagnostics.sort();
  return result;
}

}  // namespace cybernorms::compile
