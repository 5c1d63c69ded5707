// Evaluators for the server's threads. An Evaluator reuses its buffers and is not
// thread-safe, so each request checks one out for its duration and gives it back; the
// pool never holds more than the most requests that ran at once (the server's threads).
#pragma once
#include <cybernorms/cybernorms.hpp>

#include <memory>
#include <mutex>
#include <vector>

namespace cybernorms::serve {

class EvaluatorPool {
 public:
  explicit EvaluatorPool(RuleBase rule_base) : rule_base_(std::move(rule_base)) {}

  /// An evaluator for one request, returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(EvaluatorPool& pool, std::unique_ptr<Evaluator> evaluator)
        : pool_(pool), evaluator_(std::move(evaluator)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(evaluator_)); }
    Evaluator& operator*() { return *evaluator_; }
    Evaluator* operator->() { return evaluator_.get(); }

   private:
    EvaluatorPool& pool_;
    std::unique_ptr<Evaluator> evaluator_;
  };

  Lease acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<Evaluator> evaluator = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(evaluator));
      }
    }
    return Lease(*this, std::make_unique<Evaluator>(rule_base_));
  }

  /// Evaluators made so far and not in use.
  std::size_t idle() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
  }

 private:
  void give_back(std::unique_ptr<Evaluator> evaluator) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(evaluator));
  }

  RuleBase rule_base_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Evaluator>> idle_;
};

}  // namespace cybernorms::serve
