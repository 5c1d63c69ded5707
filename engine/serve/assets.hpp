// The page's files (engine/serve/page/), compiled into the program as byte arrays by
// engine/serve/embed_assets.cmake: serving them opens no file.
#pragma once
#include <span>
#include <string_view>

namespace cybernorms::serve {

struct Asset {
  std::string_view name;  ///< the file's name: "index.html", "app.js", "style.css"
  std::string_view body;
};

/// Every file of the page, in the order of their names.
std::span<const Asset> assets();

/// The Content-Type of a file by its extension (UTF-8 for text).
std::string_view content_type_of(std::string_view name);

}  // namespace cybernorms::serve
