// `cybernorms serve`: the API (serve/api.hpp) and the page (serve/assets.hpp) over HTTP,
// with cpp-httplib. Bodies are read no further than their limit, every answer is JSON
// but the page's files, and nothing is read from disk after start.
#pragma once
#include "serve/api.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace cybernorms::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0: any free port
  /// Largest request body read, in bytes; a larger one is answered 413 and not kept.
  std::size_t max_body_bytes = std::size_t{1} << 20;
  std::size_t threads = 8;  ///< requests served at once
};

class Server {
 public:
  Server(Api& api, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the listening socket: the port bound (the one asked for, or a free one for
  /// port 0), or nullopt with `problem` in words.
  std::optional<int> bind(std::string& problem);
  /// Serves until stop(): true when stopped, false when serving failed. After bind().
  bool run();
  /// Stops accepting, lets the requests in flight finish, and makes run() return. Any
  /// thread may call it, once or more; before run() has started listening it does
  /// nothing, so a caller that must stop the server calls it until run() returns.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cybernorms::serve
