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

/// An unknown fact that names `value` at `position`, where its question leaves the answer:
/// a Signature before the value is left out. For one value, two are the same signature
/// exactly when they are the same fact and position, so they are compared without one.
struct Answering {
  infer::FactId fact = 0;
  std::size_t position = 0;
  friend bool operator==(const Answering&, const Answering&) = default;
};

/// The order of the signatures they become: relation, position, then the other values
/// (the value itself is the same in both).
bool answers_before(const infer::Session& session, const Answering& a, const Answering& b) {
  const auto ra = session.relation_of(a.fact);
  const auto rb = session.relation_of(b.fact);
  if (ra != rb) return ra < rb;
  if (a.position != b.position) return a.position < b.position;
  const auto x = session.args(a.fact);
  const auto y = session.args(b.fact);
  return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end());
}

/// Into `found`, in order: the literals of a set that need, true, an unknown fact
/// answered by `value`.
void answering(const infer::Session& session, std::span<const infer::HingeLiteral> set, base::SymbolId value,
               std::vector<Answering>& found) {
  const auto& rules = session.network().rules();
  found.clear();
  for (const infer::HingeLiteral& literal : set) {
    if (!literal.needs_true) continue;
    const compile::RelationId relation = session.relation_of(literal.fact);
    if (rules.relations[relation].kind == compile::RelationKind::parameter) continue;
    const auto args = session.args(literal.fact);
    for (std::size_t position = 0; position < args.size(); ++position)
      if (args[position] == value && answered_by(rules.relations[relation], position))
        found.push_back(Answering{literal.fact, position});
  }
  const auto before = [&](const Answering& a, const Answering& b) { return answers_before(session, a, b); };
  std::sort(found.begin(), found.end(), before);
  found.erase(std::unique(found.begin(), found.end()), found.end());
}

/// Storage common_signature reuses from call to call.
struct AnsweringScratch {
  std::vector<Answering> common;
  std::vector<Answering> here;
  std::vector<Answering> both;
};

/// The least signature every set of the finding has for the value at `role`, if any.
std::optional<Signature> common_signature(const infer::Session& session, const PoolCandidate& finding,
                                          std::size_t role, AnsweringScratch& scratch) {
  if (finding.sets.empty()) return std::nullopt;
  const base::SymbolId value = session.args(finding.fact)[role];
  const auto before = [&](const Answering& a, const Answering& b) { return answers_before(session, a, b); };
  auto& [common, here, both] = scratch;
  for (std::size_t k = 0; k < finding.sets.size(); ++k) {
    answering(session, finding.sets[k], value, k == 0 ? common : here);
    if (k > 0) {
      both.clear();
      std::set_intersection(common.begin(), common.end(), here.begin(), here.end(), std::back_inserter(both), before);
      std::swap(common, both);
    }
    if (common.empty()) return std::nullopt;
  }
  const Answering& least = common.front();
  const auto args = session.args(least.fact);
  Signature signature{session.relation_of(least.fact), least.position, {args.begin(), args.end()}};
  signature.args[least.position] = no_symbol;
  return signature;
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
  AnsweringScratch scratch;
  for (std::size_t f = 0; f < findings.size(); ++f) {
    const auto args = session.args(findings[f].fact);
    for (std::size_t role = 0; role < args.size(); ++role) {
      std::optional<Signature> signature = common_signature(session, findings[f], role, scratch);
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
  candidates.reserve(facts.size());
  fact_of.reserve(facts.size());
  for (std::size_t k = 0; k < facts.size(); ++k) {
    if (session.truth(facts[k]) == base::Truth::yes) continue;
    const infer::HingeResult& result = results[k];
    if (!result.complete() || result.found != result.sets.size()) continue;
    PoolCandidate candidate{facts[k], {}};
    candidate.sets.assign(result.sets.begin(), result.sets.end());
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
