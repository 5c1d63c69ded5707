#include "base/text_layout.hpp"

#include <algorithm>
#include <fmt/format.h>

#include <cstdint>

namespace cybernorms::base {

namespace {

struct Decoded {
  char32_t code = 0;
  std::size_t length = 1;
};

/// Decodes one UTF-8 character; a byte that does not start a valid one counts alone.
Decoded decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length <= 1 || i + length > text.size()) return Decoded{lead, 1};
  char32_t code = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return Decoded{lead, 1};
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  return Decoded{code, length};
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) || (c >= 0xFE00 && c <= 0xFE0F);
}

std::size_t char_width(char32_t c) { return is_combining(c) ? 0 : is_wide(c) ? 2 : 1; }

/// Bytes of the longest prefix of `word` that fits in `width` columns (one character at least).
std::size_t fitting_prefix(std::string_view word, std::size_t width) {
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < word.size()) {
    const Decoded d = decode(word, i);
    const std::size_t w = char_width(d.code);
    if (used + w > width && i > 0) break;
    used += w;
    i += d.length;
  }
  return i;
}

/// Splits a word wider than `width` into pieces that each fit, after the last `_`, `-`,
/// `.` or `/` of a piece where it has one (identifiers split at their parts).
std::vector<std::string> split_word(std::string_view word, std::size_t width) {
  std::vector<std::string> pieces;
  while (!word.empty()) {
    std::size_t cut = fitting_prefix(word, width);
    if (cut < word.size()) {
      const std::size_t soft = word.substr(0, cut).find_last_of("_-./");
      if (soft != std::string_view::npos) cut = soft + 1;
    }
    pieces.emplace_back(word.substr(0, cut));
    word.remove_prefix(cut);
  }
  return pieces;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '\t') ++end;
    if (end > i) words.push_back(text.substr(i, end - i));
    i = end;
  }
  return words;
}

/// Punctuation a line may not start with, and punctuation it may not end with; a straight
/// quote may open or close, so no break is made beside one.
bool no_break_before(char32_t c) {
  return c == U'\uFF0C' || c == U'\u3002' || c == U'\u3001' || c == U'\uFF1B' || c == U'\uFF1A' || c == U'\uFF1F' ||
         c == U'\uFF01' || c == U'\uFF09' || c == U'\u300D' || c == U'\u300F' || c == U'\u300B' || c == U'\u3011' ||
         c == ')' || c == ']' || c == ',' || c == '.' || c == ';' || c == ':' || c == '?' || c == '!' || c == '"' || c == '\'';
}
bool no_break_after(char32_t c) {
  return c == U'\uFF08' || c == U'\u300C' || c == U'\u300E' || c == U'\u300A' || c == U'\u3010' || c == '(' || c == '[' || c == '"' || c == '\'';
}

/// The longest prefix of `word` (in bytes, 0 if none) that fits in `columns` and ends
/// where Chinese, Japanese or Korean text may break without a space: beside a wide
/// character, never before closing punctuation nor after opening punctuation.
std::size_t wide_break(std::string_view word, std::size_t columns) {
  std::size_t best = 0;
  std::size_t used = 0;
  std::size_t i = 0;
  char32_t before = 0;
  while (i < word.size()) {
    const Decoded d = decode(word, i);
    if (i > 0 && (is_wide(before) || is_wide(d.code)) && !no_break_before(d.code) && !no_break_after(before))
      best = i;
    used += char_width(d.code);
    if (used > columns) break;
    before = d.code;
    i += d.length;
  }
  return i >= word.size() ? word.size() : best;
}

/// Adds `word` to the lines being built: after a space on the current line when it fits,
/// else broken where wide text may break, else on new lines (split when wider than one).
void place_word(std::string_view word, std::size_t width, std::vector<std::string>& lines, std::size_t& used) {
  while (!word.empty()) {
    const std::size_t w = display_width(word);
    if (used > 0 && used + 1 + w <= width) {
      lines.back() += ' ';
      lines.back().append(word);
      used += 1 + w;
      return;
    }
    if (used == 0 && w <= width) {
      lines.back() = std::string(word);
      used = w;
      return;
    }
    const std::size_t room = used == 0 ? width : used + 1 < width ? width - used - 1 : 0;
    if (const std::size_t cut = room > 0 ? wide_break(word, room) : 0; cut > 0) {
      if (used > 0) lines.back() += ' ';
      lines.back().append(word.substr(0, cut));
      lines.emplace_back();
      used = 0;
      word.remove_prefix(cut);
      continue;
    }
    if (used > 0) {
      lines.emplace_back();
      used = 0;
      continue;
    }
    const auto pieces = split_word(word, width);
    for (std::size_t k = 0; k + 1 < pieces.size(); ++k) {
      lines.back() = pieces[k];
      lines.emplace_back();
    }
    lines.back() = pieces.back();
    used = display_width(pieces.back());
    return;
  }
}

std::string padded(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

}  // namespace

std::string truncated(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Back up over UTF-8 continuation bytes (10xxxxxx) to a character start.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

std::string printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    const bool not_utf8 = d.length == 1 && d.code >= 0x80;
    const bool control = d.code < 0x20 || (d.code >= 0x7f && d.code < 0xa0);  // C0, DEL and C1
    if (not_utf8 || control) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[i]));
      ++i;
    } else {
      out.append(text.substr(i, d.length));
      i += d.length;
    }
  }
  return out;
}

std::string brief(std::string_view text) { return truncated(printable(text), 40); }

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    width += char_width(d.code);
    i += d.length;
  }
  return width;
}

std::vector<std::string> wrap_lines(std::string_view text, std::size_t width) {
  width = std::max<std::size_t>(width, 1);
  std::vector<std::string> lines(1);
  std::size_t used = 0;
  for (const std::string_view word : words_of(text)) place_word(word, width, lines, used);
  return lines;
}

std::string wrap(std::string_view text, std::string_view first_prefix, std::string_view next_prefix,
                 std::size_t width) {
  const std::size_t prefix_width = std::max(display_width(first_prefix), display_width(next_prefix));
  // A prefix as wide as the line still leaves one column, so the text always shows.
  const std::size_t room = width > prefix_width ? width - prefix_width : 1;
  std::string out;
  const auto lines = wrap_lines(text, room);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = std::string(i == 0 ? first_prefix : next_prefix) + lines[i];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

namespace {

constexpr std::size_t column_gap = 2;

std::vector<std::size_t> column_widths(const TextTable& table, std::size_t label_cap, std::size_t value_cap) {
  std::vector<std::size_t> widths(table.header.size(), 1);
  // A column is as wide as its widest line once its cells are wrapped at the cap.
  const auto widen = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      for (const auto& line : wrap_lines(row[c], c == 0 ? label_cap : value_cap)) {
        widths[c] = std::max(widths[c], display_width(line));
      }
    }
  };
  widen(table.header);
  for (const auto& row : table.rows) widen(row);
  return widths;
}

/// Splits columns 1.. into blocks that fit next to the label column.
std::vector<std::vector<std::size_t>> column_blocks(const std::vector<std::size_t>& widths, std::size_t width) {
  std::vector<std::vector<std::size_t>> blocks;
  std::size_t used = width;  // forces a first block
  for (std::size_t c = 1; c < widths.size(); ++c) {
    if (used + column_gap + widths[c] > width) {
      blocks.emplace_back();
      used = widths[0];
    }
    blocks.back().push_back(c);
    used += column_gap + widths[c];
  }
  if (blocks.empty()) blocks.emplace_back();
  return blocks;
}

std::string render_row(const std::vector<std::string>& row, const std::vector<std::size_t>& columns,
                       const std::vector<std::size_t>& widths) {
  std::vector<std::vector<std::string>> cells;
  std::size_t height = 1;
  for (const std::size_t c : columns) {
    cells.push_back(wrap_lines(c < row.size() ? row[c] : std::string{}, widths[c]));
    height = std::max(height, cells.back().size());
  }
  std::string out;
  for (std::size_t line = 0; line < height; ++line) {
    std::string text;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::string& cell = line < cells[k].size() ? cells[k][line] : std::string{};
      text += (k == 0 ? "" : std::string(column_gap, ' ')) + padded(cell, widths[columns[k]]);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + '\n';
  }
  return out;
}

std::string rule_line(const std::vector<std::size_t>& columns, const std::vector<std::size_t>& widths) {
  std::string text;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    text += (k == 0 ? "" : std::string(column_gap, ' ')) + std::string(widths[columns[k]], '-');
  }
  return text + '\n';
}

}  // namespace

std::string table_to_text(const TextTable& table, std::size_t width) {
  if (table.header.empty()) return {};
  width = std::max<std::size_t>(width, 20);
  // Labels take at most 3/8 of the width and values at most half, so a label and one
  // column always fit, and a label leaves room for several columns beside it.
  const std::size_t half = (width - column_gap) / 2;
  const std::size_t value_cap = table.max_value_width > 0 ? std::min(half, table.max_value_width) : half;
  const auto widths = column_widths(table, width * 3 / 8, value_cap);
  std::string out;
  for (const auto& block : column_blocks(widths, width)) {
    std::vector<std::size_t> columns{0};
    columns.insert(columns.end(), block.begin(), block.end());
    if (!out.empty()) out += '\n';
    out += render_row(table.header, columns, widths) + rule_line(columns, widths);
    for (const auto& row : table.rows) out += render_row(row, columns, widths);
  }
  return out;
}

}  // namespace cybernorms::base
