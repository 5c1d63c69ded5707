// The checks of a rule base: each one pass, reporting every problem it finds with a
// stable code (docs/diagnostics.md), each appending to the diagnostics it is given.
#pragma once
#include "base/diagnostics.hpp"
#include "compile/program.hpp"

namespace cybernorms::compile {

/// E202: every type named in a relation, principle or parameter signature is declared.
/// E207: a parameter's default is a value of its type.
void check_signatures(const Program& program, base::Diagnostics& diagnostics);

/// E218: a value shared by two enumerations, one of which rules compare by order, sits
/// at the same position in both, since a value has one order key (its position).
void check_enumeration_values(const Program& program, base::Diagnostics& diagnostics);

/// E201 unknown relation, E204 unknown parameter, E206 wrong number of arguments,
/// E207 constant of the wrong type, E209 a variable or comparison mixing two types,
/// E214 `<`-style comparison on a type without order. Heads, bodies and exception targets.
void check_atoms(const Program& program, base::Diagnostics& diagnostics);

/// E205 a profile sets an unknown parameter, E207 to a value not of its type.
void check_profiles(const Program& program, base::Diagnostics& diagnostics);

/// E210 collection of no entity, E211 first argument not that entity, E212 argument
/// count, E213 default not of the attribute's type: how base relations read scenarios.
void check_bindings(const Program& program, base::Diagnostics& diagnostics);

/// E203 citation of an undeclared source, E215 section not among its headings.
void check_citations(const Program& program, base::Diagnostics& diagnostics);

/// E304: every principle cites at least one source.
void check_principles_cited(const Program& program, base::Diagnostics& diagnostics);

/// E217: principle layers are physical, logical, application or social.
void check_layers(const Program& program, base::Diagnostics& diagnostics);

/// E216: each `{Name}` in a `because` template names a variable of its rule.
void check_because(const Program& program, base::Diagnostics& diagnostics);

/// E219: each `{name}` in a relation's or principle's doc names one of its arguments,
/// since explanations read a fact by its relation's doc.
void check_relation_docs(const Program& program, base::Diagnostics& diagnostics);

/// E305: a rule expands into at most max_alternatives alternatives.
void check_alternative_count(const Program& program, base::Diagnostics& diagnostics);

/// E301: every variable of a head, a negated atom, a comparison or an exception target
/// is bound by a positive atom of the same alternative; `_` is never bound, so it may
/// stand only in positive atoms and exception targets. E302: `_` in a rule's head.
void check_safety(const Program& program, base::Diagnostics& diagnostics);

/// E303: no relation depends on itself through `not` (directly or through exceptions).
void check_stratification(const Program& program, base::Diagnostics& diagnostics);

/// W001 a relation declared and never used, W002 a derived relation whose conclusions
/// nothing reads or reports.
void warn_unused_relations(const Program& program, base::Diagnostics& diagnostics);

/// W004: a principle no rule concludes, which can never be reported.
void warn_unconcluded_principles(const Program& program, base::Diagnostics& diagnostics);

/// W005: a relation with no `from` that no rule concludes, which never holds.
void warn_relations_never_holding(const Program& program, base::Diagnostics& diagnostics);

/// W003: a rule or exception with no citation.
void warn_uncited_rules(const Program& program, base::Diagnostics& diagnostics);

}  // namespace cybernorms::compile
