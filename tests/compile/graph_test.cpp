// Dependency graphs: components, strata and cycle paths, on graphs too deep for recursion.
#include "compile/graph.hpp"

#include <doctest/doctest.h>

using namespace cybernorms::compile;

namespace {

struct Link {
  std::uint32_t from;
  std::uint32_t to;
  bool negative;
};

Graph graph_of(std::uint32_t nodes, const std::vector<Link>& links) {
  Graph graph;
  graph.out.resize(nodes);
  for (const Link& link : links) graph.out[link.from].push_back(Edge{link.to, link.negative, {}});
  return graph;
}

}  // namespace

TEST_CASE("dependencies get lower component numbers and strata rise only through negation") {
  // 0 reads 1 positively and 2 through not; 1 and 3 read each other.
  const Graph graph = graph_of(4, {{0, 1, false}, {0, 2, true}, {1, 3, false}, {3, 1, false}});
  const Components components = strongly_connected_components(graph);
  CHECK(components.count == 3);
  CHECK(components.of[1] == components.of[3]);
  CHECK(components.of[1] < components.of[0]);
  CHECK(components.of[2] < components.of[0]);
  CHECK(strata(graph, components) == std::vector<std::uint32_t>{1, 0, 0, 0});
}

TEST_CASE("a path inside a component is found, and none leaves it") {
  const Graph graph = graph_of(4, {{0, 1, true}, {1, 2, false}, {2, 0, false}, {2, 3, false}});
  const Components components = strongly_connected_components(graph);
  CHECK(path_within(graph, components, 1, 0) == std::vector<std::uint32_t>{1, 2, 0});
  CHECK(path_within(graph, components, 0, 3).empty());
}

TEST_CASE("a chain of 200,000 relations is ordered without exhausting the stack") {
  const std::uint32_t count = 200000;
  Graph graph;
  graph.out.resize(count);
  for (std::uint32_t node = 0; node + 1 < count; ++node) graph.out[node].push_back(Edge{node + 1, node % 2 == 0, {}});
  const Components components = strongly_connected_components(graph);
  CHECK(components.count == count);
  const auto stratum = strata(graph, components);
  CHECK(stratum.back() == 0);
  CHECK(stratum.front() == count / 2);
}
