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
#include <functional>
#include <optional>
#include <queue>
#include <tuple>

namespace cybernorms::compile {

namespace {

/// Variables a literal needs bound before it can run, each once.
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
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  return needed;
}

bool is_positive_atom(const Literal& literal) {
  const auto* atom = std::get_if<AtomLiteral>(&literal);
  return atom != nullptr && !atom->negated;
}

/// Greedy join ordering over one body: the positive atom that scores best next, each
/// filter (negation, comparison) as soon as the variables it needs are bound. Near-linear
/// in the body's size: filters wait on a count of their unbound variables, and atoms sit
/// in a heap rescored only when one of their own variables becomes bound, so a body of
/// tens of thousands of atoms orders in milliseconds.
class BodyOrder {
 public:
  BodyOrder(std::vector<Literal> body, const std::vector<std::string>& names, const std::vector<Relation>& relations);

  std::vector<Literal> run();

 private:
  /// Higher is better: a parameter atom (one fact), then bound arguments, then fewer free variables.
  using Score = std::tuple<bool, std::size_t, std::size_t>;
  /// A heap entry; stale once the atom is placed or rescored (`version` behind).
  struct Candidate {
    Score score;
    std::size_t index = 0;
    std::uint32_t version = 0;
  };
  /// Best score on top; among equals the atom written first, as a scan in body order would pick.
  struct Worse {
    bool operator()(const Candidate& a, const Candidate& b) const {
      return a.score != b.score ? a.score < b.score : a.index > b.index;
    }
  };

  Score score(const AtomLiteral& atom) const;
  void push_candidate(std::size_t index);
  std::optional<std::size_t> best_atom();
  void place(std::size_t index);
  void bind(std::uint32_t variable);
  void place_ready_filters();

  std::vector<Literal> body_;
  const std::vector<std::string>& names_;
  const std::vector<Relation>& relations_;
  std::vector<bool> bound_;
  std::vector<bool> placed_;
  std::vector<std::size_t> unbound_needed_;                   ///< filters: variables still unbound
  std::vector<std::vector<std::size_t>> filters_waiting_on_;  ///< by variable
  std::vector<std::vector<std::size_t>> atoms_using_;         ///< by variable: positive atoms holding it
  std::vector<std::uint32_t> versions_;
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready_filters_;
  std::priority_queue<Candidate, std::vector<Candidate>, Worse> atoms_;
  std::vector<Literal> ordered_;
};

BodyOrder::BodyOrder(std::vector<Literal> body, const std::vector<std::string>& names,
                     const std::vector<Relation>& relations)
    : body_(std::move(body)),
      names_(names),
      relations_(relations),
      bound_(names.size(), false),
      placed_(body_.size(), false),
      unbound_needed_(body_.size(), 0),
      filters_waiting_on_(names.size()),
      atoms_using_(names.size()),
      versions_(body_.size(), 0) {
  for (std::size_t i = 0; i < body_.size(); ++i) {
    const auto needed = needed_variables(body_[i]);
    if (is_positive_atom(body_[i])) {
      for (const std::uint32_t variable : needed) atoms_using_[variable].push_back(i);
      push_candidate(i);
      continue;
    }
    unbound_needed_[i] = needed.size();
    for (const std::uint32_t variable : needed) filters_waiting_on_[variable].push_back(i);
    if (needed.empty()) ready_filters_.push(i);
  }
}

BodyOrder::Score BodyOrder::score(const AtomLiteral& atom) const {
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

void BodyOrder::push_candidate(std::size_t index) {
  atoms_.push({score(std::get<AtomLiteral>(body_[index])), index, ++versions_[index]});
}

std::optional<std::size_t> BodyOrder::best_atom() {
  while (!atoms_.empty()) {
    const Candidate top = atoms_.top();
    atoms_.pop();
    if (!placed_[top.index] && top.version == versions_[top.index]) return top.index;
  }
  return std::nullopt;
}

void BodyOrder::place(std::size_t index) {
  placed_[index] = true;
  if (is_positive_atom(body_[index])) {
    for (const Term& term : std::get<AtomLiteral>(body_[index]).args)
      if (term.is_variable() && !bound_[term.value]) bind(term.value);
  }
  ordered_.push_back(std::move(body_[index]));
}

void BodyOrder::bind(std::uint32_t variable) {
  bound_[variable] = true;
  for (const std::size_t filter : filters_waiting_on_[variable])
    if (--unbound_needed_[filter] == 0) ready_filters_.push(filter);
  for (const std::size_t atom : atoms_using_[variable])
    if (!placed_[atom]) push_candidate(atom);
}

/// Every filter whose variables are bound, in body order (placing a filter binds nothing,
/// so the ready set does not change meanwhile).
void BodyOrder::place_ready_filters() {
  while (!ready_filters_.empty()) {
    const std::size_t filter = ready_filters_.top();
    ready_filters_.pop();
    place(filter);
  }
}

std::vector<Literal> BodyOrder::run() {
  place_ready_filters();
  while (const auto next = best_atom()) {
    place(*next);
    place_ready_filters();
  }
  for (std::size_t i = 0; i < body_.size(); ++i)  // unsafe leftovers, in body order; checks prevent these
    if (!placed_[i]) ordered_.push_back(std::move(body_[i]));
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
