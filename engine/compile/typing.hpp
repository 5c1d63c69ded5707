// Whether a constant written in a rule fits a type: shared by the checks of atoms,
// parameters, profiles and bindings.
#pragma once
#include "base/diagnostics.hpp"
#include "compile/program.hpp"

namespace cybernorms::compile {

/// E207 (or `code`) if `term` (a constant, integer or string; variables and parameters always fit
/// here) is not a value of `type`, with a "did you mean" note for near enumeration values.
void check_constant(const Program& program, const ast::Term& term, const TypeRef& type,
                    base::Diagnostics& diagnostics, std::string code = "E207");

/// The type a constant term certainly has on its own: int for integers, string for strings.
const TypeRef* literal_type(const Program& program, const ast::Term& term);

}  // namespace cybernorms::compile
