// Dependency graphs between relations: strongly connected components and strata.
#pragma once
#include "base/span.hpp"

#include <cstdint>
#include <vector>

namespace cybernorms::compile {

/// `from` depends on `to`: a rule concluding `from` reads `to` (through `not` if negative).
struct Edge {
  std::uint32_t to = 0;
  bool negative = false;
  base::Span span;  ///< the condition that creates the dependency
};

struct Graph {
  std::vector<std::vector<Edge>> out;  ///< edges by node, in the order added
  std::uint32_t size() const { return static_cast<std::uint32_t>(out.size()); }
};

/// Components numbered so that everything a component depends on has a smaller number.
struct Components {
  std::vector<std::uint32_t> of;  ///< component of each node
  std::uint32_t count = 0;
};

/// Tarjan's algorithm without recursion, so no graph can exhaust the stack.
Components strongly_connected_components(const Graph& graph);

/// The stratum of each node: at least that of each dependency, and strictly above that
/// of each dependency through `not`. Negative edges inside a component are ignored
/// (check_stratification reports them).
std::vector<std::uint32_t> strata(const Graph& graph, const Components& components);

/// The nodes on a shortest path from `from` to `to` staying inside their component,
/// both ends included; empty if there is none.
std::vector<std::uint32_t> path_within(const Graph& graph, const Components& components, std::uint32_t from,
                                       std::uint32_t to);

}  // namespace cybernorms::compile
