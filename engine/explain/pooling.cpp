#include "explain/pooling.hpp"

#include "explain/questions.hpp"

#include <algorithm>
#include <string_view>

namespace cybernorms::explain {

namespace {

using detail::Answering;
using detail::PoolKey;
using detail::Signature;

constexpr base::SymbolId no_symbol = static_cast<base::SymbolId>(-1);

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

/// Into `signature`, the least signature every set of the finding has for the value at
/// `role`; false if there is none.
bool common_signature(const infer::Session& session, const PoolCandidate& finding, std::size_t role,
                      PoolingScratch& scratch, Signature& signature) {
  if (finding.sets.empty()) return false;
  const base::SymbolId value = session.args(finding.fact)[role];
  const auto before = [&](const Answering& a, const Answering& b) { return answers_before(session, a, b); };
  auto& common = scratch.common;
  auto& here = scratch.here;
  auto& both = scratch.both;
  for (std::size_t k = 0; k < finding.sets.size(); ++k) {
    answering(session, finding.sets[k], value, k == 0 ? common : here);
    if (k > 0) {
      both.clear();
      std::set_intersection(common.begin(), common.end(), here.begin(), here.end(), std::back_inserter(both), before);
      std::swap(common, both);
    }
    if (common.empty()) return false;
  }
  const Answering& least = common.front();
  const auto args = session.args(least.fact);
  signature.relation = session.relation_of(least.fact);
  signature.position = least.position;
  signature.args.assign(args.begin(), args.end());
  signature.args[least.position] = no_symbol;
  return true;
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

}  // namespace

// Findings are grouped by key (in the order of keys, each group's members in the order
// of the findings), as a map from key to members would group them, without a node and
// two vectors to allocate per finding and role.
void unstated_role_pools(const infer::Session& session, std::span<const PoolCandidate> findings,
                         PoolingScratch& scratch, std::vector<Pool>& pools) {
  pools.clear();
  scratch.entry_count = 0;
  for (std::size_t f = 0; f < findings.size(); ++f) {
    const auto args = session.args(findings[f].fact);
    for (std::size_t role = 0; role < args.size(); ++role) {
      if (!common_signature(session, findings[f], role, scratch, scratch.signature)) continue;
      if (scratch.entry_count == scratch.entries.size()) scratch.entries.emplace_back();
      detail::PoolEntry& entry = scratch.entries[scratch.entry_count++];
      entry.key.role = role;
      entry.key.signature.relation = scratch.signature.relation;
      entry.key.signature.position = scratch.signature.position;
      entry.key.signature.args.assign(scratch.signature.args.begin(), scratch.signature.args.end());
      entry.key.others.assign(args.begin(), args.end());
      entry.key.others[role] = no_symbol;
      entry.finding = f;
    }
  }
  auto& order = scratch.order;
  order.resize(scratch.entry_count);
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto by_key = scratch.entries[a].key <=> scratch.entries[b].key;
    return by_key != 0 ? by_key < 0 : a < b;  // entries come in the order of their findings
  });
  scratch.groups.clear();
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && scratch.entries[order[end]].key == scratch.entries[order[start]].key) ++end;
    if (end - start >= 2) scratch.groups.emplace_back(start, end - start);
    start = end;
  }
  const auto first_member = [&](std::size_t group) { return scratch.entries[order[scratch.groups[group].first]].finding; };
  const auto role_of = [&](std::size_t group) { return scratch.entries[order[scratch.groups[group].first]].key.role; };
  // Groups by their first member, then role: a finding joins the first pool it can.
  auto& ordered = scratch.ordered;
  ordered.resize(scratch.groups.size());
  for (std::size_t g = 0; g < ordered.size(); ++g) ordered[g] = g;
  std::sort(ordered.begin(), ordered.end(), [&](std::size_t left, std::size_t right) {
    return std::pair(first_member(left), role_of(left)) < std::pair(first_member(right), role_of(right));
  });
  scratch.taken.assign(findings.size(), 0);
  for (const std::size_t group : ordered) {
    const auto [start, length] = scratch.groups[group];
    const PoolKey& key = scratch.entries[order[start]].key;
    Pool pool{key.role, {}, {}, key.signature.position};
    for (std::size_t i = start; i < start + length; ++i)
      if (!scratch.taken[scratch.entries[order[i]].finding]) pool.members.push_back(scratch.entries[order[i]].finding);
    if (pool.members.size() < 2) continue;
    for (const std::size_t f : pool.members) {
      scratch.taken[f] = 1;
      const base::SymbolId value = session.args(findings[f].fact)[key.role];
      pool.asked.push_back(asked_fact(session, findings[f].sets.front(), key.signature, value));
    }
    pools.push_back(std::move(pool));
  }
  std::sort(pools.begin(), pools.end(),
            [](const Pool& left, const Pool& right) { return left.members.front() < right.members.front(); });
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
  PoolingScratch scratch;
  PooledFindings pooled;
  pool_findings(session, facts, results, scratch, pooled);
  return pooled;
}

void pool_findings(const infer::Session& session, std::span<const infer::FactId> facts,
                   std::span<const infer::HingeResult> results, PoolingScratch& scratch, PooledFindings& pooled) {
  scratch.candidate_count = 0;
  scratch.fact_of.clear();
  for (std::size_t k = 0; k < facts.size(); ++k) {
    if (session.truth(facts[k]) == base::Truth::yes) continue;
    const infer::HingeResult& result = results[k];
    if (!result.complete() || result.found != result.sets.size()) continue;
    if (scratch.candidate_count == scratch.candidates.size()) scratch.candidates.emplace_back();
    PoolCandidate& candidate = scratch.candidates[scratch.candidate_count++];
    candidate.fact = facts[k];
    candidate.sets.assign(result.sets.begin(), result.sets.end());
    scratch.fact_of.push_back(k);
  }
  pooled.pool_of.assign(facts.size(), PooledFindings::no_pool);
  pooled.pools.clear();
  if (scratch.candidate_count < 2) return;
  unstated_role_pools(session, std::span<const PoolCandidate>(scratch.candidates.data(), scratch.candidate_count),
                      scratch, pooled.pools);
  for (std::size_t p = 0; p < pooled.pools.size(); ++p)
    for (std::size_t& member : pooled.pools[p].members) {
      member = scratch.fact_of[member];
      pooled.pool_of[member] = p;
    }
}

}  // namespace cybernorms::explain
