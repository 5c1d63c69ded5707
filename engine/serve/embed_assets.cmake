# Writes a C++ source holding the page's files as byte arrays, so the server serves them
# from memory and opens no file for them. Run at build time (engine/CMakeLists.txt):
#   cmake -DOUTPUT=assets_data.cpp -DFILES="a|b|..." -P embed_assets.cmake
# Each file is served at /NAME (index.html at / too), with a type from its extension.
# Only CMake is needed: no xxd, no network.
if(NOT OUTPUT OR NOT FILES)
  message(FATAL_ERROR "embed_assets.cmake: set OUTPUT and FILES")
endif()
string(REPLACE "|" ";" FILES "${FILES}")
set(arrays "")
set(rows "")
set(index 0)
foreach(file IN LISTS FILES)
  get_filename_component(name ${file} NAME)
  file(READ ${file} bytes HEX)
  file(SIZE ${file} size)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${bytes}")
  # A trailing zero keeps an empty file a valid array; the size leaves it out.
  string(APPEND arrays "const unsigned char asset_${index}[] = {${bytes}0x00};\n")
  string(APPEND rows "    Asset{\"${name}\", std::string_view(reinterpret_cast<const char*>(asset_${index}), ${size})},\n")
  math(EXPR index "${index} + 1")
endforeach()
set(text "// Written by engine/serve/embed_assets.cmake from engine/serve/page/: do not edit.
#include \"serve/assets.hpp\"

#include <array>

namespace cybernorms::serve {

namespace {

${arrays}
const std::array<Asset, ${index}> table{{
${rows}}};

}  // namespace

std::span<const Asset> assets() { return table; }

}  // namespace cybernorms::serve
")
# Rewrite only when the text changes, so that an unchanged page recompiles nothing.
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
  if(old STREQUAL text)
    return()
  endif()
endif()
file(WRITE ${OUTPUT} "${text}")
