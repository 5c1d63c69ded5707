#include "serve/server.hpp"

#include "serve/assets.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

namespace cybernorms::serve {

namespace {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

constexpr std::string_view json_type = "application/json";

void answer(Response& response, const Reply& reply) {
  response.status = reply.status;
  response.set_content(reply.body, std::string(json_type));
}

/// The endpoints that take a body, each answered by a member of Api.
struct PostEndpoint {
  std::string_view path;
  Reply (Api::*answer)(std::string_view body);
};
constexpr std::array post_endpoints{
    PostEndpoint{"/api/evaluate", &Api::evaluate},
    PostEndpoint{"/api/compare", &Api::compare},
    PostEndpoint{"/api/whatif", &Api::what_if},
    PostEndpoint{"/api/grade", &Api::grade},
};

constexpr std::array get_paths{"/api/info", "/api/catalog", "/api/schema", "/api/scenarios", "/api/exercises"};
constexpr std::string_view scenario_prefix = "/api/scenarios/";
constexpr std::string_view exercise_prefix = "/api/exercises/";

bool is_post_path(std::string_view path) {
  for (const PostEndpoint& endpoint : post_endpoints)
    if (endpoint.path == path) return true;
  return false;
}

const Asset* asset_at(std::string_view path) {
  if (path == "/") path = "/index.html";
  if (!path.starts_with('/')) return nullptr;
  path.remove_prefix(1);
  for (const Asset& asset : assets())
    if (asset.name == path) return &asset;
  return nullptr;
}

/// Whether a GET of `path` has an answer (the page, an endpoint, an id's endpoint).
bool is_get_path(std::string_view path) {
  if (asset_at(path) != nullptr || path.starts_with(scenario_prefix) || path.starts_with(exercise_prefix)) return true;
  for (const std::string_view known : get_paths)
    if (known == path) return true;
  return false;
}

/// The id a path names after `prefix`: looked up among the ids listed at start, never
/// made into a path ("../rules/x", which "..%2Frules%2Fx" decodes to, matches none).
std::string_view id_in(std::string_view path, std::string_view prefix) {
  path.remove_prefix(prefix.size());
  return path;
}

}  // namespace

struct Server::Impl {
  Api& api;
  ServerOptions options;
  httplib::Server http;
  /// Set by the stop() that stopped it: httplib's own stop() may be called only once
  /// while it runs.
  std::atomic<bool> stopped = false;

  Impl(Api& api_, ServerOptions options_) : api(api_), options(std::move(options_)) {}

  void get(const Request& request, Response& response) const {
    const std::string_view path = request.path;
    if (const Asset* asset = asset_at(path)) {
      response.status = 200;
      response.set_content(std::string(asset->body), std::string(content_type_of(asset->name)));
      return;
    }
    if (path == "/api/info") return answer(response, api.info());
    if (path == "/api/catalog") return answer(response, api.catalog());
    if (path == "/api/schema") return answer(response, api.schema());
    if (path == "/api/scenarios") return answer(response, api.scenarios());
    if (path == "/api/exercises") return answer(response, api.exercises());
    if (path.starts_with(scenario_prefix)) return answer(response, api.scenario(id_in(path, scenario_prefix)));
    if (path.starts_with(exercise_prefix)) return answer(response, api.exercise(id_in(path, exercise_prefix)));
    answer(response, error_reply(404, fmt::format("nothing at {}", path)));
  }

  /// GET and HEAD are answered here, before httplib's routing by regular expressions, and
  /// so is every request to a path or with a method nothing answers, before its body is
  /// read: only the POST endpoints are left to the handlers that read bodies.
  HandlerResponse route(const Request& request, Response& response) const {
    if (request.method == "GET" || request.method == "HEAD") {
      if (is_post_path(request.path)) {
        answer(response, error_reply(405, fmt::format("{} takes POST, not {}", request.path, request.method)));
        response.set_header("Allow", "POST");
      } else {
        get(request, response);
      }
      return HandlerResponse::Handled;
    }
    if (request.method == "POST" && is_post_path(request.path)) return HandlerResponse::Unhandled;
    if (is_post_path(request.path) || is_get_path(request.path)) {
      answer(response, error_reply(405, fmt::format("{} does not take {}", request.path, request.method)));
      response.set_header("Allow", is_post_path(request.path) ? "POST" : "GET, HEAD");
    } else {
      answer(response, error_reply(404, fmt::format("nothing at {}", request.path)));
    }
    // Its body, if any, is not read: the connection cannot carry another request.
    response.set_header("Connection", "close");
    return HandlerResponse::Handled;
  }

  /// Reads the body up to the limit, whatever its encoding (a length, chunks, gzip):
  /// false when it is larger, with the rest left unread and the answer 413.
  bool read_body(const httplib::ContentReader& reader, Response& response, std::string& body) const {
    bool too_large = false;
    const bool read = reader([&](const char* data, std::size_t size) {
      if (size > options.max_body_bytes - body.size()) {
        too_large = true;
        return false;
      }
      body.append(data, size);
      return true;
    });
    if (read && !too_large) return true;
    if (too_large || response.status == 413) {
      answer(response, error_reply(413, fmt::format("the request body is larger than {} bytes (--max-body-bytes)",
                                                    options.max_body_bytes)));
    } else {
      answer(response, error_reply(400, "the request body could not be read to its end"));
    }
    response.set_header("Connection", "close");
    return false;
  }

  void setup() {
    const std::size_t threads = options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options.max_body_bytes);
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server
    // on a port in use would bind too and take a share of its connections.
    http.set_socket_options([](socket_t socket) {
      const int yes = 1;
      setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Short enough that stopping does not wait long for an idle connection.
    http.set_keep_alive_timeout(2);
    http.set_pre_routing_handler([this](const Request& request, Response& response) { return route(request, response); });
    for (const PostEndpoint& endpoint : post_endpoints) {
      http.Post(std::string(endpoint.path),
                [this, endpoint](const Request&, Response& response, const httplib::ContentReader& reader) {
                  std::string body;
                  if (!read_body(reader, response, body)) return;
                  answer(response, (api.*endpoint.answer)(body));
                });
    }
    // A body announced larger than the limit is refused before the client sends it.
    http.set_expect_100_continue_handler([this](const Request& request, Response& response) {
      if (request.has_header("Content-Length") &&
          request.get_header_value<std::uint64_t>("Content-Length") > options.max_body_bytes) {
        answer(response, error_reply(413, fmt::format("the request body is larger than {} bytes (--max-body-bytes)",
                                                      options.max_body_bytes)));
        response.set_header("Connection", "close");
        return 413;
      }
      return 100;
    });
    // Answers httplib makes itself (a request it cannot parse, a body past the limit on a
    // path it read) are JSON like the others.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const Request& request, Response& response) {
      if (!response.body.empty()) return HandlerResponse::Unhandled;
      std::string words = fmt::format("HTTP status {} for {} {}", response.status, request.method, request.path);
      if (response.status == 413) words = "the request body is larger than the limit (--max-body-bytes)";
      if (response.status == 400) words = fmt::format("malformed HTTP request ({} {})", request.method, request.path);
      if (response.status == 404) words = fmt::format("nothing at {}", request.path);
      answer(response, error_reply(response.status, words));
      return HandlerResponse::Handled;
    }));
    http.set_exception_handler([](const Request&, Response& response, std::exception_ptr error) {
      std::string words = "internal error";
      try {
        if (error) std::rethrow_exception(error);
      } catch (const std::exception& exception) {
        words += std::string(": ") + exception.what();
      } catch (...) {
      }
      answer(response, error_reply(500, words));
    });
  }
};

Server::Server(Api& api, ServerOptions options) : impl_(std::make_unique<Impl>(api, std::move(options))) {
  impl_->setup();
}

Server::~Server() = default;

std::optional<int> Server::bind(std::string& problem) {
  const ServerOptions& options = impl_->options;
  const int port = options.port == 0 ? impl_->http.bind_to_any_port(options.host)
                                     : (impl_->http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port <= 0) {
    problem = fmt::format("cannot listen on {}:{} (the port is in use, or the host is not an address of this machine)",
                          options.host, options.port);
    return std::nullopt;
  }
  return port;
}

bool Server::run() { return impl_->http.listen_after_bind(); }

void Server::stop() {
  // Before run() has started listening there is nothing to stop yet (the caller tries
  // again); once it runs, only the first call stops it.
  if (impl_->http.is_running() && !impl_->stopped.exchange(true)) impl_->http.stop();
}

}  // namespace cybernorms::serve
