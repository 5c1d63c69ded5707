#include "serve/api.hpp"

#include "serve/request.hpp"

#include <cybernorms/exercise.hpp>

#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace cybernorms::serve {

namespace {

/// The document name scenarios from requests get in diagnostics.
constexpr std::string_view scenario_name = "scenario";

/// A string as a JSON string; bytes that are not UTF-8 are replaced, never thrown on.
std::string json_string(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return text;
}

Reply json_reply(const nlohmann::json& document) {
  return {200, document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

/// A 400 for diagnostics, with their text (as the command line prints them) as the words.
Reply diagnostics_reply(std::string_view what, const Diagnostics& diagnostics, const SourceSet& sources) {
  const std::string text = render_diagnostics(diagnostics, sources, {Format::text});
  const std::string json = render_diagnostics(diagnostics, sources, {Format::json});
  return error_reply(400, fmt::format("{}:\n{}", what, trimmed(text)), trimmed(json));
}

/// What an evaluation request asks for, read from its body.
struct ScenarioRequest {
  std::string scenario;
  EvaluateOptions options;
  RenderOptions render;
  SourceSet sources;  ///< the assumptions as typed, each named by its JSON pointer ("/assume/0")
  Diagnostics diagnostics;
};

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

/// Reads the keys shared by the evaluation endpoints ("scenario", "profile", "assume",
/// "explain", "language"): the problem as a reply when the request is not usable.
std::optional<Reply> read_scenario_request(const RuleBase& rule_base, const ApiOptions& api_options,
                                           RequestBody& body, ScenarioRequest& request) {
  request.scenario = body.document("scenario");
  request.options.profile = body.string("profile", default_profile);
  const std::string explain = body.choice("explain", {"brief", "full"}, "brief");
  request.options.language = body.string("language", default_language);
  const std::optional<std::vector<std::string>> assume = body.strings("assume");
  if (!body.ok()) return error_reply(400, body.error());
  if (!rule_base.has_profile(request.options.profile))
    return error_reply(400, fmt::format("/profile: no profile named '{}' (profiles: {})", request.options.profile,
                                        fmt::join(rule_base.profile_ids(), ", ")));
  const std::vector<std::string> languages = rule_base.languages();
  if (!has(languages, request.options.language))
    return error_reply(400, fmt::format("/language: no language named '{}' (languages: {})",
                                        request.options.language, fmt::join(languages, ", ")));
  if (assume) {
    for (std::size_t i = 0; i < assume->size(); ++i) {
      const FileId file = request.sources.add(fmt::format("/assume/{}", i), (*assume)[i]);
      const std::vector<AssumedFact> found = read_assumptions(request.sources, file, request.diagnostics);
      if (found.empty() && !request.diagnostics.has_errors())
        return error_reply(400, fmt::format("/assume/{}: holds no assumption: write \"knew_of(op1, arland)=true\"", i));
      request.options.assumptions.insert(request.options.assumptions.end(), found.begin(), found.end());
    }
    if (request.diagnostics.has_errors())
      return diagnostics_reply("the assumptions are not valid", request.diagnostics, request.sources);
  }
  request.options.proofs = explain == "full";
  request.options.max_input_bytes = api_options.max_input_bytes;
  request.render.detail = explain == "full" ? Detail::full : Detail::brief;
  request.render.words = rule_base.words(request.options.language);
  return std::nullopt;
}

std::string rendered(const Report& report, RenderOptions options, Format format) {
  options.format = format;
  return render_report(report, options);
}

}  // namespace

Reply error_reply(int status, std::string_view words, std::optional<std::string_view> diagnostics_json) {
  std::string body = "{\"error\":" + json_string(words) + ",\"diagnostics\":";
  body += diagnostics_json ? *diagnostics_json : "null";
  body += "}";
  return {status, std::move(body)};
}

Api::Api(RuleBase rule_base, Library library, ApiOptions options)
    : rule_base_(rule_base), library_(std::move(library)), options_(std::move(options)), pool_(rule_base) {
  info_ = json_reply({{"version", options_.version},
                      {"profiles", rule_base_.profile_ids()},
                      {"default_profile", std::string(default_profile)},
                      {"principles", rule_base_.principle_ids()},
                      {"languages", rule_base_.languages()}});
  RenderOptions json;
  json.format = Format::json;
  catalog_ = {200, std::string(trimmed(rule_base_.render_catalog(json)))};
  schema_ = {200, std::string(trimmed(rule_base_.scenario_schema()))};
  nlohmann::json list = nlohmann::json::array();
  for (const ScenarioFile& file : library_.scenarios) list.push_back({{"id", file.id}, {"title", file.title}});
  scenarios_ = json_reply({{"scenarios", std::move(list)}});
  nlohmann::json exercises = nlohmann::json::array();
  for (const ExerciseFile& file : library_.exercises)
    exercises.push_back(
        {{"id", file.exercise.id}, {"title", file.exercise.title}, {"difficulty", file.exercise.difficulty}});
  exercises_ = json_reply({{"exercises", std::move(exercises)}});
}

Reply Api::scenario(std::string_view id) const {
  const ScenarioFile* file = library_.scenario(id);
  if (file == nullptr) return error_reply(404, fmt::format("no scenario with the id '{}'", id));
  return {200, file->text};
}

Reply Api::exercise(std::string_view id) const {
  const ExerciseFile* file = library_.exercise(id);
  if (file == nullptr) return error_reply(404, fmt::format("no exercise with the id '{}'", id));
  const Exercise& exercise = file->exercise;
  // Not its points: they are what a good answer names.
  return json_reply({{"exercise",
                      {{"id", exercise.id},
                       {"title", exercise.title},
                       {"difficulty", exercise.difficulty},
                       {"profiles", exercise.profiles},
                       {"principles", exercise.principles},
                       {"question", exercise.question},
                       {"goals", exercise.goals}}},
                     {"scenario_id", file->scenario_id},
                     {"scenario", file->scenario_text}});
}

Reply Api::evaluate(std::string_view text) {
  RequestBody body(text, {"scenario", "profile", "assume", "explain", "language"});
  ScenarioRequest request;
  if (const auto problem = read_scenario_request(rule_base_, options_, body, request)) return *problem;
  Evaluation evaluation = [&] {
    EvaluatorPool::Lease evaluator = pool_.acquire();
    return evaluator->evaluate(request.scenario, std::string(scenario_name), request.options);
  }();
  if (!evaluation.ok()) return diagnostics_reply("the scenario is not valid", evaluation.diagnostics, request.sources);
  std::string out = "{\"report\":";
  out += trimmed(rendered(*evaluation.report, request.render, Format::json));
  out += ",\"html\":";
  out += json_string(rendered(*evaluation.report, request.render, Format::html));
  out += "}";
  return {200, std::move(out)};
}

Reply Api::compare(std::string_view text) {
  RequestBody body(text, {"scenario", "profiles", "assume", "explain", "language"});
  ScenarioRequest request;
  std::optional<std::vector<std::string>> profiles = body.strings("profiles");
  if (const auto problem = read_scenario_request(rule_base_, options_, body, request)) return *problem;
  if (!profiles) profiles = rule_base_.profile_ids();
  if (profiles->empty()) return error_reply(400, "/profiles: empty (name one profile or more, or leave it out for all)");
  for (std::size_t i = 0; i < profiles->size(); ++i) {
    if (!rule_base_.has_profile((*profiles)[i]))
      return error_reply(400, fmt::format("/profiles/{}: no profile named '{}' (profiles: {})", i, (*profiles)[i],
                                          fmt::join(rule_base_.profile_ids(), ", ")));
    // Each profile once: the list is then no longer than the rule base's, and a request
    // cannot ask for the same evaluation a hundred thousand times.
    const auto first = std::find(profiles->begin(), profiles->begin() + static_cast<std::ptrdiff_t>(i), (*profiles)[i]);
    if (first != profiles->begin() + static_cast<std::ptrdiff_t>(i))
      return error_reply(400, fmt::format("/profiles/{}: repeats '{}' (profile {})", i, (*profiles)[i],
                                          first - profiles->begin()));
  }
  std::vector<Evaluation> evaluations = [&] {
    EvaluatorPool::Lease evaluator = pool_.acquire();
    return evaluator->evaluate_profiles(request.scenario, std::string(scenario_name), *profiles, request.options);
  }();
  std::vector<Report> reports;
  for (Evaluation& evaluation : evaluations) {
    if (!evaluation.ok())
      return diagnostics_reply("the scenario is not valid", evaluation.diagnostics, request.sources);
    reports.push_back(std::move(*evaluation.report));
  }
  RenderOptions render = request.render;
  render.comparison_explanations = body.has("explain");
  render.format = Format::json;
  std::string out = "{\"comparison\":";
  out += trimmed(rule_base_.render_comparison(reports, render));
  render.format = Format::html;
  out += ",\"html\":";
  out += json_string(rule_base_.render_comparison(reports, render));
  out += "}";
  return {200, std::move(out)};
}

Reply Api::what_if(std::string_view text) {
  RequestBody body(text, {"scenario", "profile", "assume", "language"});
  ScenarioRequest request;
  if (const auto problem = read_scenario_request(rule_base_, options_, body, request)) return *problem;
  WhatIfEvaluation evaluation = [&] {
    EvaluatorPool::Lease evaluator = pool_.acquire();
    return evaluator->what_if(request.scenario, std::string(scenario_name), request.options);
  }();
  if (!evaluation.ok()) return diagnostics_reply("the scenario is not valid", evaluation.diagnostics, request.sources);
  RenderOptions render = request.render;
  render.format = Format::json;
  std::string out = "{\"whatif\":";
  out += trimmed(render_what_if(*evaluation.table, render));
  out += "}";
  return {200, std::move(out)};
}

Reply Api::grade(std::string_view text) {
  RequestBody body(text, {"exercise", "answer", "reveal"});
  const std::string id = body.required_string("exercise");
  const std::string answer = body.document("answer");
  GradeOptions options;
  options.reveal = body.boolean("reveal", false);
  options.max_input_bytes = options_.max_input_bytes;
  if (!body.ok()) return error_reply(400, body.error());
  const ExerciseFile* file = library_.exercise(id);
  if (file == nullptr) return error_reply(404, fmt::format("no exercise with the id '{}'", id));
  GradeEvaluation evaluation = [&] {
    EvaluatorPool::Lease evaluator = pool_.acquire();
    return evaluator->grade(file->exercise, file->scenario_text, file->scenario_id, answer, "answer", options);
  }();
  if (!evaluation.ok()) return diagnostics_reply("the answer cannot be graded", evaluation.diagnostics, evaluation.sources);
  RenderOptions render;
  render.format = Format::json;
  std::string out = "{\"grade\":";
  out += trimmed(render_grade(*evaluation.grade, render));
  out += "}";
  return {200, std::move(out)};
}

}  // namespace cybernorms::serve
