#include "infer/session.hpp"

#include <algorithm>
#include <charconv>

namespace cybernorms::infer {

namespace {

std::optional<std::int64_t> integer_value(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc{} || stop != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

Session::Session(const Network& network) : network_(&network) { store_.reset(network); }

SymbolId Session::intern(std::string_view text) {
  const std::size_t hash = symbol_hash(text);  // once, for the rule base's table and the session's
  if (const auto found = find_symbol(text, hash)) return *found;
  const auto id = static_cast<SymbolId>(network_->rules().symbols.size() + local_names_.size());
  local_names_.emplace_back(text);
  local_keys_.push_back(integer_value(text));
  if (local_names_.size() * 2 > local_slots_.size()) rehash_local();
  else place_local(local_names_.size() - 1);
  return id;
}

std::optional<SymbolId> Session::find_symbol(std::string_view text) const { return find_symbol(text, symbol_hash(text)); }

std::optional<SymbolId> Session::find_symbol(std::string_view text, std::size_t hash) const {
  if (const auto shared = network_->find_symbol(text, hash)) return shared;
  if (local_slots_.empty()) return std::nullopt;
  const auto mask = local_slots_.size() - 1;
  for (auto slot = hash & mask; local_slots_[slot] != 0; slot = (slot + 1) & mask)
    if (local_names_[local_slots_[slot] - 1] == text)
      return static_cast<SymbolId>(network_->rules().symbols.size() + local_slots_[slot] - 1);
  return std::nullopt;
}

void Session::place_local(std::size_t index) {
  const auto mask = local_slots_.size() - 1;
  auto slot = symbol_hash(local_names_[index]) & mask;
  while (local_slots_[slot] != 0) slot = (slot + 1) & mask;
  local_slots_[slot] = static_cast<std::uint32_t>(index + 1);
}

void Session::rehash_local() {
  local_slots_.assign(std::max<std::size_t>(32, local_slots_.size() * 2), 0);
  for (std::size_t index = 0; index < local_names_.size(); ++index) place_local(index);
}

const std::string& Session::symbol_name(SymbolId symbol) const {
  const auto& shared = network_->rules().symbols;
  if (symbol < shared.size()) return shared.name(symbol);
  return local_names_.at(symbol - shared.size());
}

const std::string& Session::label(SymbolId symbol) const {
  if (const auto found = labels_.find(symbol); found != labels_.end()) return found->second;
  return symbol_name(symbol);
}

void Session::set_label(SymbolId symbol, std::string label) { labels_[symbol] = std::move(label); }

bool Session::compare(compile::CompareOp op, SymbolId left, SymbolId right) const {
  if (op == compile::CompareOp::eq) return left == right;
  if (op == compile::CompareOp::ne) return left != right;
  const auto left_key = order_key(left);
  const auto right_key = order_key(right);
  if (!left_key || !right_key) return false;
  switch (op) {
    case compile::CompareOp::lt: return *left_key < *right_key;
    case compile::CompareOp::le: return *left_key <= *right_key;
    case compile::CompareOp::gt: return *left_key > *right_key;
    case compile::CompareOp::ge: return *left_key >= *right_key;
    default: return false;
  }
}

std::optional<std::int64_t> Session::order_key(SymbolId symbol) const {
  const auto& shared = network_->rules().symbols;
  if (symbol < shared.size()) return shared.order_key(symbol);
  const auto local = symbol - shared.size();
  if (local >= local_keys_.size()) return std::nullopt;
  return local_keys_[local];
}

std::optional<FactId> Session::add_fact(RelationId relation, std::span<const SymbolId> args, base::Truth truth) {
  const auto& relations = network_->rules().relations;
  if (truth == base::Truth::no || relation >= relations.size() || args.size() != relations[relation].arity() ||
      args.size() > UINT16_MAX)
    return std::nullopt;
  const auto [fact, is_new] = store_.insert(relation, args, truth);
  if (truth == base::Truth::yes) store_.establish(fact);  // a fact given unknown before, now known
  if (is_new || truth == base::Truth::yes) store_.record(fact).base_truth = truth;
  return fact;
}

void Session::add_exclusive_group(std::span<const FactId> facts) {
  ++exclusive_groups_;
  for (const auto fact : facts) {
    if (fact >= store_.size()) continue;
    if (exclusive_group_.size() <= fact) exclusive_group_.resize(fact + 1, 0);
    exclusive_group_[fact] = exclusive_groups_;
  }
}

bool Session::use_profile(std::uint32_t index, std::span<const ParameterAnswer> answers) {
  const auto& rules = network_->rules();
  if (index >= rules.profiles.size()) return false;
  const compile::Profile& profile = rules.profiles[index];
  std::vector<SymbolId> values;
  std::vector<FactId> open;
  for (std::size_t param = 0; param < rules.params.size() && param < profile.values.size(); ++param) {
    const compile::Param& declared = rules.params[param];
    const bool held_open = param < profile.held_open.size() && profile.held_open[param];
    if (held_open) values = rules.types[declared.type].values;
    else values.assign(1, profile.values[param]);
    bool settled = !held_open;
    for (const ParameterAnswer& answer : answers) {
      if (answer.relation != declared.relation) continue;
      if (answer.holds) {
        values.assign(1, answer.value);
        settled = true;
      } else {
        values.erase(std::remove(values.begin(), values.end(), answer.value), values.end());
      }
    }
    // The law unsettled: the parameter has one of its values, not known which.
    const bool unknown = !settled && values.size() > 1;
    open.clear();
    for (const SymbolId value : values) {
      const auto fact = add_fact(declared.relation, std::span(&value, 1), unknown ? base::Truth::unknown : base::Truth::yes);
      if (fact && unknown) open.push_back(*fact);
    }
    if (unknown) add_exclusive_group(open);
  }
  return true;
}

void Session::clear() {
  store_.reset(*network_);
  derivations_.clear();
  derivation_data_.clear();
  local_names_.clear();
  local_keys_.clear();
  labels_.clear();
  exclusive_group_.clear();
  exclusive_groups_ = 0;
  std::fill(local_slots_.begin(), local_slots_.end(), 0);
  evaluated_ = false;
}

std::optional<FactId> Session::find_fact(RelationId relation, std::span<const SymbolId> args) const {
  if (relation >= network_->relation_count()) return std::nullopt;
  const auto fact = store_.find(relation, args);
  if (fact == no_fact) return std::nullopt;
  return fact;
}

base::Truth Session::truth_of(RelationId relation, std::span<const SymbolId> args) const {
  const auto fact = find_fact(relation, args);
  return fact ? truth(*fact) : base::Truth::no;
}

void Session::record_derivation(FactId fact, std::uint32_t plan, std::span<const FactId> premises,
                                std::span<const SymbolId> bindings, std::span<const FactId> negated,
                                bool in_upper_model, std::uint32_t keep, std::size_t max_kept) {
  auto& record = store_.record(fact);
  ++record.derivations_seen;
  if (record.derivations_stored >= keep) return;
  if (record.derivations_stored > 0 && derivations_.size() >= max_kept) return;
  DerivationRecord derivation;
  derivation.plan = plan;
  derivation.data = static_cast<std::uint32_t>(derivation_data_.size());
  derivation.in_upper_model = in_upper_model;
  derivation_data_.insert(derivation_data_.end(), premises.begin(), premises.end());
  derivation_data_.insert(derivation_data_.end(), bindings.begin(), bindings.end());
  derivation_data_.insert(derivation_data_.end(), negated.begin(), negated.end());
  const auto id = static_cast<std::uint32_t>(derivations_.size());
  derivations_.push_back(derivation);
  if (record.first_derivation == no_fact) record.first_derivation = id;
  else derivations_[record.last_derivation].next = id;
  record.last_derivation = id;
  ++record.derivations_stored;
}

Derivation Session::view(std::uint32_t id) const {
  const auto& record = derivations_[id];
  const auto& plan = network_->plans()[record.plan];
  const auto* data = derivation_data_.data() + record.data;
  const auto* const negated = data + plan.premise_count + plan.variable_count;
  return {plan.rule, record.plan, record.in_upper_model, std::span<const FactId>(data, plan.premise_count),
          std::span<const SymbolId>(data + plan.premise_count, plan.variable_count),
          std::span<const FactId>(negated, plan.negation_count)};
}

std::vector<Derivation> Session::derivations(FactId fact) const {
  std::vector<Derivation> found;
  for (auto id = store_.record(fact).first_derivation; id != no_fact; id = derivations_[id].next) found.push_back(view(id));
  return found;
}

Derivation Session::derivation(FactId fact, std::uint32_t k) const {
  auto id = store_.record(fact).first_derivation;
  for (; k > 0 && id != no_fact; --k) id = derivations_[id].next;
  if (id == no_fact) return {};
  return view(id);
}

std::size_t Session::memory_bytes() const {
  std::size_t bytes = store_.memory_bytes() + derivations_.capacity() * sizeof(DerivationRecord) +
                      derivation_data_.capacity() * sizeof(std::uint32_t);
  for (const auto& name : local_names_)
    if (name.capacity() > 15) bytes += name.capacity() + 1;  // beyond the short-string buffer
  const auto& s = scratch_;
  bytes += (s.prev_end.capacity() + s.cur_end.capacity() + s.premises.capacity() + s.negated.capacity()) * 4 +
           (s.relation_growth.capacity() + s.rule_growth.capacity()) * sizeof(std::size_t) +
           (s.bindings.capacity() + s.key.capacity() + s.head.capacity()) * sizeof(SymbolId);
  return bytes + local_names_.capacity() * sizeof(std::string) + local_keys_.capacity() * sizeof(local_keys_[0]) +
         (local_slots_.capacity() + exclusive_group_.capacity()) * sizeof(std::uint32_t);
}

}  // namespace cybernorms::infer
