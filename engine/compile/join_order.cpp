// Evaluation order, chosen once at compile time: the order of each rule's body and the
// strata of the rule base.
//
// The body order is chosen here rather than beside the plans in infer/network.cpp, which
// could only order the plans (compile does not call infer): outputs read the order from
// the compiled rule itself. A derivation's premises are in Rule::body order, explain lists
// a proof's absent facts and names why-not's failed condition from Rule::body, and rule
// sets built by hand (tests, benchmarks) are matched as written. Ordering only the plans
// would change those outputs, so the plans follow Rule::body as it is.
#include "compile/graph.hpp"
#include "compile/lower.hpp"

#include <algorithm>
#include <tuple>

namespace cybernorms::compile {

namespace {

/// Variables a literal needs bound before it can run.
std::vector<std::uint32_t> needed_variables(const Literal& literal) {
  std::vector<std::uint32_t> needed;
  const auto add = [&](const Term& term) {
    if (term.is_variable()) needed.push_back(term.value);
  };
  std::visit(Overloaded{[&](const AtomLiteral& atom) { std::for_each(atom.args.begin(), atom.args.end(), add); },
                        [&](const CompareLiteral& compare) {
                          add(compare.left);
                          add(compare.right);
                        }},
             literal);
  return needed;
}

bool is_positive_atom(const Literal& literal) {
  const auto* atom = std::get_if<AtomLiteral>(&literal);
  return atom != nullptr && !atom->negated;
}

/// Greedy join ordering over one body; `bound_` holds what earlier literals bind.
class BodyOrder {
 public:
  BodyOrder(std::vector<Literal> body, const std::vector<std::string>& names, const std::vector<Relation>& relations)
      : pending_(std::move(body)), names_(names), relations_(relations), bound_(names.size(), false) {}

  std::vector<Literal> run();

 private:
  void place(std::size_t index);
  void place_ready_filters();
  std::optional<std::size_t> best_atom() const;
  std::tuple<bool, std::size_t, std::size_t> score(const AtomLiteral& atom) const;

  std::vector<Literal> pending_;
  const std::vector<std::string>& names_;
  const std::vector<Relation>& relations_;
  std::vector<bool> bound_;
  std::vector<Literal> ordered_;
};

void BodyOrder::place(std::size_t index) {
  if (const auto* atom = std::get_if<AtomLiteral>(&pending_[index]); atom != nullptr && !atom->negated) {
    for (const Term& term : atom->args) {
      if (term.is_variable()) bound_[term.value] = true;
    }
  }
  ordered_.push_back(std::move(pending_[index]));
  pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(index));
}

void BodyOrder::place_ready_filters() {
  for (std::size_t i = 0; i < pending_.size();) {
    const auto needed = needed_variables(pending_[i]);
    const bool ready = std::all_of(needed.begin(), needed.end(), [&](std::uint32_t v) { return bound_[v]; });
    if (!is_positive_atom(pending_[i]) && ready) {
      place(i);
    } else {
      ++i;
    }
  }
}

/// Higher is better: a parameter atom (one fact), then bound arguments, then fewer free variables.
std::tuple<bool, std::size_t, std::size_t> BodyOrder::score(const AtomLiteral& atom) const {
  std::size_t bound = 0;
  std::vector<std::uint32_t> free;
  for (const Term& term : atom.args) {
    if (!term.is_variable() || bound_[term.value]) {
      ++bound;
    } else if (std::find(free.begin(), free.end(), term.value) == free.end()) {
      free.push_back(term.value);
    }
  }
  const bool is_parameter = relations_[atom.relation].kind == RelationKind::parameter;
  return {is_parameter, bound, names_.size() - free.size()};
}

std::optional<std::size_t> BodyOrder::best_atom() const {
  std::optional<std::size_t> best;
  std::tuple<bool, std::size_t, std::size_t> best_score;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    if (!is_positive_atom(pending_[i])) continue;
    const auto candidate = score(std::get<AtomLiteral>(pending_[i]));
    if (!best || candidate > best_score) {
      best = i;
      best_score = candidate;
    }
  }
  return best;
}

std::vector<Literal> BodyOrder::run() {
  place_ready_filters();
  while (const auto next = best_atom()) {
    place(*next);
    place_ready_filters();
  }
  for (Literal& rest : pending_) ordered_.push_back(std::move(rest));  // unsafe leftovers; checks prevent these
  return std::move(ordered_);
}

}  // namespace

std::vector<Literal> order_body(std::vector<Literal> body, const std::vector<std::string>& variable_names,
                                const std::vector<Relation>& relations) {
  return BodyOrder(std::move(body), variable_names, relations).run();
}

void stratify(RuleSet& out) {
  Graph graph;
  graph.out.resize(out.relations.size());
  for (const Rule& rule : out.rules) {
    for (const Literal& literal : rule.body) {
      if (const auto* atom = std::get_if<AtomLiteral>(&literal)) {
        graph.out[rule.head].push_back(Edge{atom->relation, atom->negated, atom->span});
      }
    }
  }
  const std::vector<std::uint32_t> stratum = strata(graph, strongly_connected_components(graph));
  out.stratum_count = 0;
  for (Rule& rule : out.rules) {
    rule.stratum = stratum[rule.head];
    out.stratum_count = std::max(out.stratum_count, rule.stratum + 1);
  }
  std::stable_sort(out.rules.begin(), out.rules.end(), [](const Rule& a, const Rule& b) {
    return std::tie(a.stratum, a.span.file, a.span.offset, a.alternative) <
           std::tie(b.stratum, b.span.file, b.span.offset, b.alternative);
  });
}

}  // namespace cybernorms::compile
