// What an evaluation found, as plain data. The types are the public ones
// (cybernorms/report.hpp), named here for the engine; renderers live in render/.
#pragma once
#include <cybernorms/report.hpp>

namespace cybernorms::explain {

using cybernorms::Answer;
using cybernorms::DerivedFact;
using cybernorms::FactRef;
using cybernorms::FactsReport;
using cybernorms::Finding;
using cybernorms::GoalAnswer;
using cybernorms::Hinge;
using cybernorms::Level;
using cybernorms::default_proof_depth;
using cybernorms::max_proof_depth;
using cybernorms::ProofFold;
using cybernorms::ProofStep;
using cybernorms::Question;
using cybernorms::Report;
using cybernorms::Route;
using cybernorms::StepSource;
using cybernorms::RuleElement;
using cybernorms::WhyNot;

}  // namespace cybernorms::explain
