#include "compile/graph.hpp"

#include <algorithm>
#include <deque>
#include <limits>

namespace cybernorms::compile {

namespace {

constexpr std::uint32_t unvisited = std::numeric_limits<std::uint32_t>::max();

struct Frame {
  std::uint32_t node;
  std::size_t next_edge;
};

class Tarjan {
 public:
  explicit Tarjan(const Graph& graph)
      : graph_(graph), index_(graph.size(), unvisited), low_(graph.size()), on_stack_(graph.size(), false) {
    result_.of.assign(graph.size(), 0);
  }

  Components run() {
    for (std::uint32_t root = 0; root < graph_.size(); ++root) {
      if (index_[root] == unvisited) visit_from(root);
    }
    return std::move(result_);
  }

 private:
  void enter(std::uint32_t node) {
    index_[node] = low_[node] = counter_++;
    stack_.push_back(node);
    on_stack_[node] = true;
    frames_.push_back(Frame{node, 0});
  }

  void visit_from(std::uint32_t root) {
    enter(root);
    while (!frames_.empty()) {
      const std::uint32_t node = frames_.back().node;
      const std::size_t edge = frames_.back().next_edge++;
      if (edge < graph_.out[node].size()) {
        const std::uint32_t next = graph_.out[node][edge].to;
        if (index_[next] == unvisited) {
          enter(next);
        } else if (on_stack_[next]) {
          low_[node] = std::min(low_[node], index_[next]);
        }
        continue;
      }
      leave(node);
    }
  }

  void leave(std::uint32_t node) {
    if (low_[node] == index_[node]) {
      std::uint32_t member = 0;
      do {
        member = stack_.back();
        stack_.pop_back();
        on_stack_[member] = false;
        result_.of[member] = result_.count;
      } while (member != node);
      ++result_.count;
    }
    frames_.pop_back();
    if (!frames_.empty()) low_[frames_.back().node] = std::min(low_[frames_.back().node], low_[node]);
  }

  const Graph& graph_;
  std::vector<std::uint32_t> index_;
  std::vector<std::uint32_t> low_;
  std::vector<bool> on_stack_;
  std::vector<std::uint32_t> stack_;
  std::vector<Frame> frames_;
  std::uint32_t counter_ = 0;
  Components result_;
};

}  // namespace

Components strongly_connected_components(const Graph& graph) { return Tarjan(graph).run(); }

std::vector<std::uint32_t> strata(const Graph& graph, const Components& components) {
  std::vector<std::vector<std::uint32_t>> members(components.count);
  for (std::uint32_t node = 0; node < graph.size(); ++node) members[components.of[node]].push_back(node);
  std::vector<std::uint32_t> component_stratum(components.count, 0);
  for (std::uint32_t component = 0; component < components.count; ++component) {
    std::uint32_t stratum = 0;
    for (const std::uint32_t node : members[component]) {
      for (const Edge& edge : graph.out[node]) {
        const std::uint32_t other = components.of[edge.to];
        if (other == component) continue;
        stratum = std::max(stratum, component_stratum[other] + (edge.negative ? 1u : 0u));
      }
    }
    component_stratum[component] = stratum;
  }
  std::vector<std::uint32_t> out(graph.size());
  for (std::uint32_t node = 0; node < graph.size(); ++node) out[node] = component_stratum[components.of[node]];
  return out;
}

std::vector<std::uint32_t> path_within(const Graph& graph, const Components& components, std::uint32_t from,
                                       std::uint32_t to) {
  std::vector<std::uint32_t> parent(graph.size(), unvisited);
  std::deque<std::uint32_t> queue{from};
  parent[from] = from;
  while (!queue.empty() && parent[to] == unvisited) {
    const std::uint32_t node = queue.front();
    queue.pop_front();
    for (const Edge& edge : graph.out[node]) {
      if (parent[edge.to] != unvisited || components.of[edge.to] != components.of[from]) continue;
      parent[edge.to] = node;
      queue.push_back(edge.to);
    }
  }
  if (parent[to] == unvisited) return {};
  std::vector<std::uint32_t> path{to};
  while (path.back() != from) path.push_back(parent[path.back()]);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace cybernorms::compile
