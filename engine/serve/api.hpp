// The JSON API of `cybernorms serve` (docs/serve.md), apart from HTTP: each endpoint is a
// member that takes the request's body or id and gives the status and JSON to answer.
// Thread-safe: any number of requests at once, each with an evaluator of its own.
#pragma once
#include "serve/evaluator_pool.hpp"
#include "serve/library.hpp"

#include <cybernorms/cybernorms.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cybernorms::serve {

/// What an endpoint answers: a status and a JSON document.
struct Reply {
  int status = 200;
  std::string body;
};

/// `{"error": words, "diagnostics": diagnostics_json or null}`.
Reply error_reply(int status, std::string_view words, std::optional<std::string_view> diagnostics_json = {});

struct ApiOptions {
  std::string version;  ///< the program's, for /api/info
  /// Largest scenario evaluated, in bytes (E407 past it), as `eval --max-input-bytes`.
  std::size_t max_input_bytes = cybernorms::max_input_bytes;
};

class Api {
 public:
  Api(RuleBase rule_base, Library library, ApiOptions options);

  // GET: answers computed once at start.
  const Reply& info() const { return info_; }
  const Reply& catalog() const { return catalog_; }
  const Reply& schema() const { return schema_; }
  const Reply& scenarios() const { return scenarios_; }
  /// The scenario's JSON text as on disk; 404 for an id not in the library.
  Reply scenario(std::string_view id) const;
  const Reply& exercises() const { return exercises_; }
  Reply exercise(std::string_view id) const;

  // POST: bodies as docs/serve.md describes them; 400 with a located error otherwise.
  Reply evaluate(std::string_view body);
  Reply compare(std::string_view body);
  Reply what_if(std::string_view body);
  Reply grade(std::string_view body);

 private:
  RuleBase rule_base_;
  Library library_;
  ApiOptions options_;
  EvaluatorPool pool_;
  Reply info_, catalog_, schema_, scenarios_, exercises_;
};

}  // namespace cybernorms::serve
