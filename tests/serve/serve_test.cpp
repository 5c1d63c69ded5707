// `cybernorms serve` as a user's browser meets it: the binary started on a free port,
// asked over HTTP with httplib's client, each endpoint's status and JSON checked.
#include "server_process.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <sys/socket.h>
#include <netinet/in.h>

using namespace cybernorms::serve_test;
using nlohmann::json;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::string scenario_text(const std::string& id) { return read_file(project + "/scenarios/" + id + ".json"); }

httplib::Client client(const ServerProcess& server) {
  httplib::Client http("127.0.0.1", server.port());
  http.set_read_timeout(60);
  return http;
}

/// POSTs a JSON body; the status and the parsed answer (a failed parse fails the test).
std::pair<int, json> post(httplib::Client& http, const std::string& path, const std::string& body) {
  const httplib::Result result = http.Post(path.c_str(), body, "application/json");
  REQUIRE(result);
  CHECK(result->get_header_value("Content-Type") == "application/json");
  return {result->status, json::parse(result->body)};
}

std::pair<int, json> get(httplib::Client& http, const std::string& path) {
  const httplib::Result result = http.Get(path.c_str());
  REQUIRE(result);
  CHECK(result->get_header_value("Content-Type") == "application/json");
  return {result->status, json::parse(result->body)};
}

/// An error answer's shape: words and diagnostics (null or a diagnostics object).
void check_error(const json& answer) {
  REQUIRE(answer.is_object());
  CHECK(answer.size() == 2);
  CHECK(answer["error"].is_string());
  CHECK(!answer["error"].get<std::string>().empty());
  CHECK((answer["diagnostics"].is_null() || answer["diagnostics"].contains("diagnostics")));
}

std::string run_output(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string printed;
  char buffer[4096];
  while (const std::size_t read = fread(buffer, 1, sizeof buffer, pipe)) printed.append(buffer, read);
  pclose(pipe);
  return printed;
}

}  // namespace

TEST_CASE("serve prints where it listens, on loopback, and answers the page and its assets") {
  ServerProcess server;
  REQUIRE(server.port() > 0);
  CHECK(server.line() == "cybernorms serve: listening on http://127.0.0.1:" + std::to_string(server.port()) + "/");
  httplib::Client http = client(server);
  for (const auto& [path, type] : {std::pair{"/", "text/html; charset=utf-8"},
                                   std::pair{"/index.html", "text/html; charset=utf-8"},
                                   std::pair{"/app.js", "text/javascript; charset=utf-8"},
                                   std::pair{"/style.css", "text/css; charset=utf-8"}}) {
    CAPTURE(path);
    const httplib::Result page = http.Get(path);
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == type);
    // The compiled-in files are the page's files, byte for byte.
    const std::string name = std::string(path) == "/" ? "index.html" : std::string(path).substr(1);
    CHECK(page->body == read_file(project + "/engine/serve/page/" + name));
  }
  CHECK(server.stop(SIGTERM, std::chrono::seconds(5)) == 0);
}

TEST_CASE("the GET endpoints answer the rule base and the bundled scenarios") {
  ServerProcess server;
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);

  const auto [info_status, info] = get(http, "/api/info");
  CHECK(info_status == 200);
  CHECK(info["version"] == CYBERNORMS_VERSION);
  CHECK(info["default_profile"] == "default");
  CHECK(info["profiles"][0] == "default");
  CHECK(info["profiles"].size() > 3);
  CHECK(info["principles"].size() > 5);
  CHECK(info["languages"][0] == "en");

  const auto [catalog_status, catalog] = get(http, "/api/catalog");
  CHECK(catalog_status == 200);
  CHECK(catalog.contains("principles"));

  const auto [schema_status, schema] = get(http, "/api/schema");
  CHECK(schema_status == 200);
  CHECK(schema.contains("$schema"));

  const auto [list_status, list] = get(http, "/api/scenarios");
  CHECK(list_status == 200);
  REQUIRE(list["scenarios"].is_array());
  bool estonia = false;
  for (const json& item : list["scenarios"]) {
    CHECK(item.size() == 2);
    if (item["id"] == "estonia_2007") {
      estonia = true;
      CHECK(item["title"].get<std::string>().starts_with("Estonia, April-May 2007"));
    }
  }
  CHECK(estonia);

  const httplib::Result scenario = http.Get("/api/scenarios/estonia_2007");
  REQUIRE(scenario);
  CHECK(scenario->status == 200);
  CHECK(scenario->body == scenario_text("estonia_2007"));

  const auto [exercises_status, exercises] = get(http, "/api/exercises");
  CHECK(exercises_status == 200);
  CHECK(exercises["exercises"].is_array());
}

TEST_CASE("an unknown id, path or method is a JSON error, and no request names a path") {
  ServerProcess server;
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  for (const char* path : {"/api/scenarios/no_such_scenario", "/api/scenarios/..%2Frules%2Fall.cnr",
                           "/api/scenarios/..%2F..%2Fetc%2Fpasswd", "/api/scenarios/%2Fetc%2Fpasswd",
                           "/api/scenarios/../../rules/all.cnr", "/api/scenarios/estonia_2007.json",
                           "/api/exercises/no_such_exercise", "/api/nothing", "/rules/all.cnr", "/../README.md"}) {
    CAPTURE(path);
    const auto [status, answer] = get(http, path);
    CHECK(status == 404);
    check_error(answer);
  }
  const auto [get_post, get_answer] = get(http, "/api/evaluate");
  CHECK(get_post == 405);
  check_error(get_answer);
  const httplib::Result put = http.Put("/api/info", "{}", "application/json");
  REQUIRE(put);
  CHECK(put->status == 405);
  check_error(json::parse(put->body));
  const auto [post_unknown, unknown_answer] = post(http, "/api/nothing", "{}");
  CHECK(post_unknown == 404);
  check_error(unknown_answer);
}

TEST_CASE("POST /api/evaluate answers the report as eval does, in JSON and HTML") {
  ServerProcess server;
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  const json request{{"scenario", scenario_text("attribution_unknown")}, {"profile", "default"}};
  const auto [status, answer] = post(http, "/api/evaluate", request.dump());
  CHECK(status == 200);
  REQUIRE(answer.contains("report"));
  CHECK(answer.size() == 2);
  CHECK(answer["report"]["scenario"] == "attribution_unknown");
  CHECK(answer["report"]["profile"] == "default");
  CHECK(answer["report"]["findings"].is_array());
  CHECK(answer["html"].get<std::string>().find("<html") != std::string::npos);

  // The same report as `eval --format json`, key for key.
  const std::string command = binary + " eval " + project + "/scenarios/attribution_unknown.json --format json --compact";
  json from_eval = json::parse(run_output(command));
  // eval names the document by its path; the server by "scenario": only in diagnostics.
  CHECK(answer["report"] == from_eval);

  // An object is taken as well as JSON text; explain full adds proofs; a profile and an assumption.
  const json full{{"scenario", json::parse(scenario_text("attribution_unknown"))},
                  {"profile", "russia"},
                  {"explain", "full"},
                  {"assume", {"directed_by(shadow_group, borania)=true"}}};
  const auto [full_status, full_answer] = post(http, "/api/evaluate", full.dump());
  CHECK(full_status == 200);
  CHECK(full_answer["report"]["profile"] == "russia");
  REQUIRE(full_answer["report"]["findings"].size() > 0);
  CHECK(full_answer["report"]["findings"][0]["level"] == "implicated");
  CHECK(full_answer["report"]["findings"][0].contains("proof"));
}

TEST_CASE("an invalid scenario is 400 with the CLI's diagnostics: JSON pointers into it") {
  ServerProcess server;
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  json scenario = json::parse(scenario_text("estonia_2007"));
  scenario["operations"][0]["effects"] = 7;
  for (const char* path : {"/api/evaluate", "/api/compare", "/api/whatif"}) {
    CAPTURE(path);
    const auto [status, answer] = post(http, path, json{{"scenario", scenario.dump()}}.dump());
    CHECK(status == 400);
    check_error(answer);
    REQUIRE(answer["diagnostics"].is_object());
    const json& first = answer["diagnostics"]["diagnostics"][0];
    CHECK(first["severity"] == "error");
    CHECK(first["file"] == "scenario");
    CHECK(first["pointer"] == "/operations/0/effects");
    CHECK(first["code"].get<std::string>().starts_with("E4"));
    CHECK(answer["error"].get<std::string>().find("scenario:/operations/0/effects: error[E4") != std::string::npos);
  }
  // Not JSON at all: located by line and column.
  const auto [text_status, text_answer] = post(http, "/api/evaluate", json{{"scenario", "{\n  \"id\": ,"}}.dump());
  CHECK(text_status == 400);
  CHECK(text_answer["diagnostics"]["diagnostics"][0]["file"] == "scenario");

  // A malformed assumption: E42x pointing into the assumption, named by its JSON pointer.
  const json assume{{"scenario", scenario_text("attribution_unknown")}, {"assume", {"knew_of(op1, arland)"}}};
  const auto [assume_status, assume_answer] = post(http, "/api/evaluate", assume.dump());
  CHECK(assume_status == 400);
  CHECK(assume_answer["diagnostics"]["diagnostics"][0]["code"] == "E420");
  CHECK(assume_answer["diagnostics"]["diagnostics"][0]["file"] == "/assume/0");
}

TEST_CASE("a malformed request is 400 with a located error") {
  ServerProcess server;
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  const std::string scenario = json(scenario_text("estonia_2007")).dump();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{\"scenario\": ", "the request body is not JSON: parse error at line 1, column 14"},
      {"[1, 2]", "the request body must be a JSON object, not an array"},
      {"{}", "/scenario: missing"},
      {"{\"scenario\": 5}", "/scenario: expected the document as JSON text in a string, or as an object, got a number"},
      {"{\"scenario\": " + scenario + ", \"profile\": 3}", "/profile: expected a string, got a number"},
      {"{\"scenario\": " + scenario + ", \"profile\": \"nobody\"}", "/profile: no profile named 'nobody' (profiles: default,"},
      {"{\"scenario\": " + scenario + ", \"explain\": \"most\"}", "/explain: expected one of brief, full, got \"most\""},
      {"{\"scenario\": " + scenario + ", \"assume\": [\"a\", 2]}", "/assume/1: expected a string, got a number"},
      {"{\"scenario\": " + scenario + ", \"language\": \"xx\"}", "/language: no language named 'xx' (languages: en"},
      {"{\"scenario\": " + scenario + ", \"profiel\": \"default\"}", "/profiel: unknown key (keys: scenario, profile, assume, explain, language)"},
      {std::string(300, '['), "the request body nests arrays and objects more than 256 deep (at byte 257)"},
  };
  for (const auto& [body, error] : cases) {
    CAPTURE(body.substr(0, 80));
    const auto [status, answer] = post(http, "/api/evaluate", body);
    CHECK(status == 400);
    check_error(answer);
    CHECK(answer["error"].get<std::string>().starts_with(error));
  }
  const auto [profiles_status, profiles_answer] =
      post(http, "/api/compare", "{\"scenario\": " + scenario + ", \"profiles\": [\"default\", \"nobody\"]}");
  CHECK(profiles_status == 400);
  CHECK(profiles_answer["error"].get<std::string>().starts_with("/profiles/1: no profile named 'nobody'"));
  // Each profile once, so one request cannot ask for the same evaluation many times over.
  const auto [repeat_status, repeat_answer] =
      post(http, "/api/compare", "{\"scenario\": " + scenario + ", \"profiles\": [\"default\", \"settled\", \"default\"]}");
  CHECK(repeat_status == 400);
  CHECK(repeat_answer["error"].get<std::string>() == "/profiles/2: repeats 'default' (profile 0)");
}

TEST_CASE("a body larger than --max-body-bytes is 413, whether its length is given or it comes in chunks") {
  ServerProcess server({"--max-body-bytes", "10000"});
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  const std::string big(20'000, ' ');
  const auto [status, answer] = post(http, "/api/evaluate", big);
  CHECK(status == 413);
  check_error(answer);
  CHECK(answer["error"] == "the request body is larger than 10000 bytes (--max-body-bytes)");

  // Chunked: no length announced, the limit applies as the chunks arrive.
  std::size_t sent = 0;
  const httplib::Result chunked = http.Post(
      "/api/evaluate",
      [&](std::size_t, httplib::DataSink& sink) {
        if (sent >= 1'000'000) {
          sink.done();
          return true;
        }
        sent += 1000;
        return sink.write(big.data(), 1000);
      },
      "application/json");
  if (chunked) {  // the server may close before the client has sent everything
    CHECK(chunked->status == 413);
    check_error(json::parse(chunked->body));
  }
  // Compressed: counted as it is decompressed, so a small gzip body cannot grow past the limit.
  httplib::Client compressed = client(server);
  compressed.set_compress(true);
  const httplib::Result bomb = compressed.Post("/api/evaluate", std::string(5'000'000, ' '), "application/json");
  REQUIRE(bomb);
  CHECK(bomb->status == 413);
  check_error(json::parse(bomb->body));
  // Within the limit, the same server evaluates.
  const json small{{"scenario", scenario_text("attribution_unknown")}};
  REQUIRE(small.dump().size() < 10'000);
  httplib::Client again = client(server);
  CHECK(post(again, "/api/evaluate", small.dump()).first == 200);
}

TEST_CASE("POST /api/compare and /api/whatif answer as eval --compare-profiles and whatif do") {
  ServerProcess server;
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  const std::string scenario = scenario_text("attribution_unknown");
  const auto [status, answer] = post(http, "/api/compare", json{{"scenario", scenario}}.dump());
  CHECK(status == 200);
  CHECK(answer["comparison"]["scenario"] == "attribution_unknown");
  CHECK(answer["comparison"]["profiles"].size() > 3);
  CHECK(answer["comparison"]["rows"].is_array());
  CHECK(answer["html"].get<std::string>().find("<html") != std::string::npos);
  const auto [two_status, two] =
      post(http, "/api/compare", json{{"scenario", scenario}, {"profiles", {"default", "russia"}}}.dump());
  CHECK(two_status == 200);
  CHECK(two["comparison"]["profiles"].size() == 2);

  const auto [what_status, what] = post(http, "/api/whatif", json{{"scenario", scenario}, {"profile", "default"}}.dump());
  CHECK(what_status == 200);
  CHECK(what["whatif"]["scenario"] == "attribution_unknown");
  REQUIRE(what["whatif"]["questions"].is_array());
  CHECK(!what["whatif"]["questions"].empty());
}

TEST_CASE("SIGINT and SIGTERM stop the server cleanly: exit 0 at once") {
  for (const int signal : {SIGINT, SIGTERM}) {
    CAPTURE(signal);
    ServerProcess server;
    REQUIRE(server.port() > 0);
    httplib::Client http = client(server);
    CHECK(get(http, "/api/info").first == 200);  // a kept-alive connection, idle
    const auto start = std::chrono::steady_clock::now();
    CHECK(server.stop(signal, std::chrono::seconds(5)) == 0);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  }
}

TEST_CASE("a port in use is an error, exit 1") {
  ServerProcess first;
  REQUIRE(first.port() > 0);
  // Bounded: a server that did bind would otherwise run until the test is killed.
  const std::string command = "timeout 20 " + binary + " serve --port " + std::to_string(first.port()) + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string printed;
  char buffer[512];
  while (const std::size_t read = fread(buffer, 1, sizeof buffer, pipe)) printed.append(buffer, read);
  const int status = pclose(pipe);
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(printed.find("error: cannot listen on 127.0.0.1:" + std::to_string(first.port())) != std::string::npos);
}

TEST_CASE("the exercises are listed, given without their points, and answers graded") {
  ServerProcess server;
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  const std::string id = "01-espionage-foreign-ministry";
  const auto [list_status, list] = get(http, "/api/exercises");
  CHECK(list_status == 200);
  REQUIRE(list["exercises"].size() >= 14);
  CHECK(list["exercises"][0] == json{{"id", id}, {"title", "Reading a foreign ministry's e-mail"}, {"difficulty", "easy"}});

  const auto [status, answer] = get(http, "/api/exercises/" + id);
  CHECK(status == 200);
  CHECK(answer["exercise"]["id"] == id);
  CHECK(answer["exercise"]["profiles"] == json{"default"});
  CHECK(answer["exercise"]["principles"] == json{"non_infringement"});
  CHECK(answer["exercise"]["question"].is_string());
  CHECK(answer["exercise"]["goals"].is_array());
  CHECK(!answer["exercise"].contains("points"));
  CHECK(answer["scenario_id"] == "remote_espionage_foreign_ministry");
  CHECK(answer["scenario"] == scenario_text("remote_espionage_foreign_ministry"));

  // The teacher's key scores full marks, sent as text or as an object.
  const std::string key =
      run_output(binary + " grade " + project + "/exercises/" + id + ".json --model-answer 2>/dev/null");
  REQUIRE(!key.empty());
  for (const json& sent : {json(key), json::parse(key)}) {
    const auto [grade_status, graded] = post(http, "/api/grade", json{{"exercise", id}, {"answer", sent}}.dump());
    CHECK(grade_status == 200);
    CHECK(graded["grade"]["exercise"] == id);
    CHECK(graded["grade"]["max_score"].get<double>() > 0);
    CHECK(graded["grade"]["score"] == graded["grade"]["max_score"]);
    CHECK(graded["grade"]["items"].is_array());
  }
  // A wrong level: graded, below full marks, with feedback that does not give the level away.
  json wrong = json::parse(key);
  wrong["findings"][0]["level"] = "not_implicated";
  const auto [wrong_status, wrong_grade] = post(http, "/api/grade", json{{"exercise", id}, {"answer", wrong}}.dump());
  CHECK(wrong_status == 200);
  CHECK(wrong_grade["grade"]["score"].get<double>() < wrong_grade["grade"]["max_score"].get<double>());
  const std::string feedback = wrong_grade["grade"]["items"][0]["feedback"];
  CHECK(feedback.find("implicated") == std::string::npos);
  const auto [revealed_status, revealed] =
      post(http, "/api/grade", json{{"exercise", id}, {"answer", wrong}, {"reveal", true}}.dump());
  CHECK(revealed_status == 200);
  CHECK(revealed["grade"]["items"][0].contains("expected"));

  // A malformed answer: 400 pointing into it.
  json malformed = json::parse(key);
  malformed["findings"][0]["level"] = "probably";
  const auto [bad_status, bad] = post(http, "/api/grade", json{{"exercise", id}, {"answer", malformed}}.dump());
  CHECK(bad_status == 400);
  check_error(bad);
  CHECK(bad["diagnostics"]["diagnostics"][0]["file"] == "answer");
  CHECK(bad["diagnostics"]["diagnostics"][0]["pointer"] == "/findings/0/level");
  // An unknown exercise, and a request without one.
  CHECK(post(http, "/api/grade", json{{"exercise", "99-none"}, {"answer", key}}.dump()).first == 404);
  const auto [missing_status, missing] = post(http, "/api/grade", json{{"answer", key}}.dump());
  CHECK(missing_status == 400);
  CHECK(missing["error"].get<std::string>().starts_with("/exercise: missing"));
}

TEST_CASE("an exercise whose scenario lies outside the folders given is left out") {
  const std::filesystem::path root = std::filesystem::temp_directory_path() / "cybernorms_serve_test_folders";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "exercises");
  std::filesystem::create_directories(root / "scenarios");
  json inside = json::parse(read_file(project + "/exercises/01-espionage-foreign-ministry.json"));
  inside["scenario"] = "../scenarios/remote_espionage_foreign_ministry.json";
  std::filesystem::copy_file(project + "/scenarios/remote_espionage_foreign_ministry.json",
                             root / "scenarios" / "remote_espionage_foreign_ministry.json");
  json outside = inside;
  outside["id"] = "02-outside";
  outside["scenario"] = "../../../" + (std::filesystem::path(project) / "scenarios/estonia_2007.json").relative_path().string();
  json absolute = inside;
  absolute["id"] = "03-absolute";
  absolute["scenario"] = project + "/scenarios/estonia_2007.json";
  std::ofstream(root / "exercises" / "01-espionage-foreign-ministry.json") << inside.dump();
  std::ofstream(root / "exercises" / "02-outside.json") << outside.dump();
  std::ofstream(root / "exercises" / "03-absolute.json") << absolute.dump();

  ServerProcess server({"--scenarios", (root / "scenarios").string(), "--exercises", (root / "exercises").string()});
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  const auto [status, list] = get(http, "/api/exercises");
  CHECK(status == 200);
  CHECK(list["exercises"].size() == 1);
  CHECK(list["exercises"][0]["id"] == "01-espionage-foreign-ministry");
  CHECK(get(http, "/api/exercises/02-outside").first == 404);
  const auto [scenarios_status, scenarios] = get(http, "/api/scenarios");
  CHECK(scenarios["scenarios"].size() == 1);
  std::filesystem::remove_all(root);
}

TEST_CASE("without an exercises folder the list is empty") {
  const std::filesystem::path root = std::filesystem::temp_directory_path() / "cybernorms_serve_test_empty";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  ServerProcess server({"--exercises", root.string()});
  REQUIRE(server.port() > 0);
  httplib::Client http = client(server);
  CHECK(get(http, "/api/exercises").second == json{{"exercises", json::array()}});
  std::filesystem::remove_all(root);
}
