#include "explain/pooling.hpp"

#include "explain/questions.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

namespace cybernorms::explain {

namespace {

/// An unknown fact with the value a finding's role holds left out: the relation, where
/// the value stands, and the other arguments (the value's place holds `no_symbol`).
struct Signature {
  compile::RelationId relation = 0;
  std::size_t position = 0;
  std::vector<base::SymbolId> args;
  friend auto operator<=>(const Signature&, const Signature&) = default;
  friend bool operator==(const Signature&, const Signature&) = default;
};

constexpr base::SymbolId no_symbol = static_cast<base::SymbolId>(-1);

/// The signatures of a set's literals that need, true, an unknown fact answered by `value`.
std::vector<Signature> signatures(const infer::Session& session, std::span<const infer::HingeLiteral> set,
                                  base::SymbolId value) {
  const auto& rules = session.network().rules();
  std::vector<Signature> found;
  for (const infer::HingeLiteral& literal : set) {
    if (!literal.needs_true) continue;
    const compile::RelationId relation = session.relation_of(literal.fact);
    if (rules.relations[relation].kind == compile::RelationKind::parameter) continue;
    const auto args = session.args(literal.fact);
    for (std::size_t position = 0; position < args.size(); ++position) {
      if (args[position] != value || !answered_by(rules.relations[relation], position)) continue;
      Signature signature{relation, position, {args.begin(), args.end()}};
      signature.args[position] = no_symbol;
      found.push_back(std::move(signature));
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

/// The least signature every set of the finding has for the value at `role`, if any.
std::optional<Signature> common_signature(const infer::Session& session, const PoolCandidate& finding,
                                          std::size_t role) {
  if (finding.sets.empty()) return std::nullopt;
  const base::SymbolId value = session.args(finding.fact)[role];
  std::optional<std::vector<Signature>> common;
  for (const auto& set : finding.sets) {
    std::vector<Signature> here = signatures(session, set, value);
    if (common) {
      std::vector<Signature> both;
      std::set_intersection(common->begin(), common->end(), here.begin(), here.end(), std::back_inserter(both));
      here = std::move(both);
    }
    if (here.empty()) return std::nullopt;
    common = std::move(here);
  }
  return common->front();
}

/// The unknown fact of `set` that `signature` describes for `value`.
infer::FactId asked_fact(const infer::Session& session, std::span<const infer::HingeLiteral> set,
                         const Signature& signature, base::SymbolId value) {
  for (const infer::HingeLiteral& literal : set) {
    if (session.relation_of(literal.fact) != signature.relation) continue;
    const auto args = session.args(literal.fact);
    bool same = args.size() == signature.args.size();
    for (std::size_t i = 0; same && i < args.size(); ++i)
      same = i == signature.position ? args[i] == value : args[i] == signature.args[i];
    if (same) return literal.fact;
  }
  return set.front().fact;
}

/// What findings must share to be pooled: the role, the signature, the other values.
struct PoolKey {
  std::size_t role = 0;
  Signature signature;
  std::vector<base::SymbolId> others;
  friend auto operator<=>(const PoolKey&, const PoolKey&) = default;
};

}  // namespace

std::vector<Pool> unstated_role_pools(const infer::Session& session, std::span<const PoolCandidate> findings) {
  std::map<PoolKey, std::vector<std::size_t>> groups;
  for (std::size_t f = 0; f < findings.size(); ++f) {
    const auto args = session.args(findings[f].fact);
    for (std::size_t role = 0; role < args.size(); ++role) {
      std::optional<Signature> signature = common_signature(session, findings[f], role);
      if (!signature) continue;
      PoolKey key{role, std::move(*signature), {args.begin(), args.end()}};
      key.others[role] = no_symbol;
      groups[std::move(key)].push_back(f);
    }
  }
  // Groups by their first member, then role: a finding joins the first pool it can.
  std::vector<std::pair<const PoolKey*, const std::vector<std::size_t>*>> ordered;
  for (const auto& [key, members] : groups)
    if (members.size() >= 2) ordered.emplace_back(&key, &members);
  std::sort(ordered.begin(), ordered.end(), [](const auto& left, const auto& right) {
    return std::tie(left.second->front(), left.first->role) < std::tie(right.second->front(), right.first->role);
  });
  std::vector<bool> taken(findings.size(), false);
  std::vector<Pool> pools;
  for (const auto& [key, members] : ordered) {
    Pool pool{key->role, {}, {}, key->signature.position};
    for (const std::size_t f : *members)
      if (!taken[f]) pool.members.push_back(f);
    if (pool.members.size() < 2) continue;
    for (const std::size_t f : pool.members) {
      taken[f] = true;
      const base::SymbolId value = session.args(findings[f].fact)[key->role];
      pool.asked.push_back(asked_fact(session, findings[f].sets.front(), key->signature, value));
    }
    pools.push_back(std::move(pool));
  }
  std::sort(pools.begin(), pools.end(),
            [](const Pool& left, const Pool& right) { return left.members.front() < right.members.front(); });
  return pools;
}

std::string pooled_token(const infer::Session& session, infer::FactId asked, std::size_t position,
                         const std::vector<std::string>& candidates) {
  const auto& rules = session.network().rules();
  std::string token = "?" + rules.relations[session.relation_of(asked)].name + "(";
  const auto args = session.args(asked);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) token += ',';
    token += i == position ? std::string("_") : session.symbol_name(args[i]);
  }
  token += "):";
  for (std::size_t c = 0; c < candidates.size(); ++c) token += (c > 0 ? "|" : "") + candidates[c];
  return token;
}

PooledFindings pool_findings(const infer::Session& session, std::span<const infer::FactId> facts,
                             std::span<const infer::HingeResult> results) {
  std::vector<PoolCandidate> candidates;
  std::vector<std::size_t> fact_of;  // candidate -> index into facts
  for (std::size_t k = 0; k < facts.size(); ++k) {
    if (session.truth(facts[k]) == base::Truth::yes) continue;
    const infer::HingeResult& result = results[k];
    if (!result.complete() || result.found != result.sets.size()) continue;
    PoolCandidate candidate{facts[k], {}};
    for (const infer::HingeSet& set : result.sets) candidate.sets.emplace_back(set);
    candidates.push_back(std::move(candidate));
    fact_of.push_back(k);
  }
  PooledFindings pooled;
  pooled.pool_of.assign(facts.size(), PooledFindings::no_pool);
  if (candidates.size() < 2) return pooled;
  pooled.pools = unstated_role_pools(session, candidates);
  for (std::size_t p = 0; p < pooled.pools.size(); ++p)
    for (std::size_t& member : pooled.pools[p].members) {
      member = fact_of[member];
      pooled.pool_of[member] = p;
    }
  return pooled;
}

}  // namespace cybernorms::explain
