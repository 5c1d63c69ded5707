// Stratification: a relation may not depend on itself through `not`, or no fixpoint
// would say whether its facts hold.
#include "compile/checks.hpp"
#include "compile/graph.hpp"
#include "compile/text.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace cybernorms::compile {

namespace {

/// Relations and principles are nodes 0..n-1 in signature order; exceptions follow.
struct NamedGraph {
  Graph graph;
  std::vector<std::string> names;
};

void add_body_edges(const Program& program, NamedGraph& named, std::uint32_t from, const ast::Conjunction& body) {
  const auto add = [&](const ast::Atom& atom, bool negative) {
    const auto found = program.signature_index.find(atom.relation);
    if (found == program.signature_index.end()) return;
    named.graph.out[from].push_back(Edge{static_cast<std::uint32_t>(found->second), negative, atom.span});
  };
  for_each_condition(body, Overloaded{[&](const ast::Atom* atom) { add(*atom, false); },
                                      [&](const ast::Negation* negation) { add(negation->atom, true); },
                                      [](const ast::Comparison*) {}});
}

NamedGraph dependency_graph(const Program& program) {
  NamedGraph named;
  for (const Signature& signature : program.signatures) named.names.emplace_back(signature.name);
  for (const ast::ExceptionDecl* exception : program.exceptions.in_order) {
    named.names.push_back(fmt::format("exception:{}", exception->id));
  }
  named.graph.out.resize(named.names.size());
  for (const ast::RuleDecl* rule : program.rules.in_order) {
    const auto head = program.signature_index.find(rule->head.relation);
    if (head != program.signature_index.end() && rule->body) {
      add_body_edges(program, named, static_cast<std::uint32_t>(head->second), *rule->body);
    }
  }
  auto node = static_cast<std::uint32_t>(program.signatures.size());
  for (const ast::ExceptionDecl* exception : program.exceptions.in_order) {
    add_body_edges(program, named, node, exception->body);
    const auto target = program.signature_index.find(exception->target.relation);
    if (target != program.signature_index.end()) {
      named.graph.out[target->second].push_back(Edge{node, true, exception->target.span});
    }
    ++node;
  }
  return named;
}

/// Where the cycle's step from `from` to `to` is written (a negation if there is one), as a note.
std::string step_note(const Program& program, const NamedGraph& named, std::uint32_t from, std::uint32_t to) {
  const auto& edges = named.graph.out[from];
  auto edge = std::find_if(edges.begin(), edges.end(), [&](const Edge& e) { return e.to == to && e.negative; });
  if (edge == edges.end()) edge = std::find_if(edges.begin(), edges.end(), [&](const Edge& e) { return e.to == to; });
  if (edge == edges.end()) return {};
  const std::string where = place(*program.sources, edge->span);
  if (to >= program.signatures.size()) {
    return fmt::format("'{}' is subject to '{}' ({})", named.names[from], named.names[to], where);
  }
  return fmt::format("'{}' reads {}'{}' ({})", named.names[from], edge->negative ? "not " : "", named.names[to], where);
}

std::string cycle_text(const NamedGraph& named, std::uint32_t from, const std::vector<std::uint32_t>& path) {
  std::string text = named.names[from];
  for (const std::uint32_t node : path) text += " -> " + named.names[node];
  return text;
}

/// E303 at the negative edge `from` -> `edge.to`, naming the cycle it closes, a note per step.
void report_cycle(const Program& program, const NamedGraph& named, const Components& components, std::uint32_t from,
                  const Edge& edge, base::Diagnostics& diagnostics) {
  const auto path = path_within(named.graph, components, edge.to, from);
  // The edge's span is the atom written: `not x(...)`'s atom, or an exception's target.
  const bool is_exception = edge.to >= program.signatures.size();
  const std::string& written = named.names[is_exception ? from : edge.to];
  auto& added = diagnostics.error("E303", token_span(*program.sources, edge.span, written),
                                  "'{}' depends on itself through 'not': {}", named.names[from],
                                  cycle_text(named, from, path));
  std::uint32_t step = from;
  for (const std::uint32_t next : path) {
    added.notes.push_back(step_note(program, named, step, next));
    step = next;
  }
}

}  // namespace

void check_stratification(const Program& program, base::Diagnostics& diagnostics) {
  const NamedGraph named = dependency_graph(program);
  const Components components = strongly_connected_components(named.graph);
  std::vector<bool> reported(components.count, false);
  for (std::uint32_t node = 0; node < named.graph.size(); ++node) {
    for (const Edge& edge : named.graph.out[node]) {
      const std::uint32_t component = components.of[node];
      if (!edge.negative || components.of[edge.to] != component || reported[component]) continue;
      reported[component] = true;
      report_cycle(program, named, components, node, edge, diagnostics);
    }
  }
}

}  // namespace cybernorms::compile
