#include "site/previews.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "core/text.h"

namespace kb::site {
namespace {

bool is_void(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area", "base", "br",   "col",   "embed", "hr",  "img",
                                               "input", "link", "meta", "param", "source", "track", "wbr"};
  return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One tag at html[at] == '<': its name (lowercase), whether it closes or
// closes itself, and where it ends (past '>'); npos when it never ends.
struct Tag {
  std::string name;
  bool closing = false, self_closing = false, comment = false;
  size_t end = std::string_view::npos;
};

Tag read_tag(std::string_view html, size_t at) {
  Tag t;
  if (html.compare(at, 4, "<!--") == 0) {
    size_t close = html.find("-->", at + 4);
    t.comment = true;
    t.end = close == std::string_view::npos ? close : close + 3;
    return t;
  }
  size_t i = at + 1;
  if (i < html.size() && html[i] == '/') t.closing = true, ++i;
  size_t name = i;
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-' || html[i] == ':')) ++i;
  t.name = lower(html.substr(name, i - name));
  char quote = 0;
  for (; i < html.size(); ++i) {
    char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      t.self_closing = i > 0 && html[i - 1] == '/';
      t.end = i + 1;
      return t;
    }
  }
  return t;
}

// The end of the element that starts at html[at] == '<' (past its close
// tag); npos when it does not balance. With `enclosing`, the position of the
// close tag that ends the element around `at` instead.
size_t element_end(std::string_view html, size_t at, bool enclosing = false) {
  int depth = enclosing ? 1 : 0;
  size_t i = at;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) return std::string_view::npos;
    Tag t = read_tag(html, lt);
    if (t.end == std::string_view::npos) return t.end;
    if (t.comment || t.name.empty()) {
      i = t.end;
    } else if (t.closing) {
      if (--depth == 0) return enclosing ? lt : t.end;
      if (depth < 0) return std::string_view::npos;
      i = t.end;
    } else if (t.self_closing || is_void(t.name)) {
      i = t.end;
      if (depth == 0) return i;
    } else if (t.name == "script" || t.name == "style") {  // raw text: skip to its end tag
      size_t close = html.find("</" + t.name, t.end);
      if (close == std::string_view::npos) return close;
      Tag c = read_tag(html, close);
      i = c.end;
      if (i == std::string_view::npos) return i;
      if (depth == 0) return i;
    } else {
      ++depth;
      i = t.end;
    }
  }
  return std::string_view::npos;
}

struct Block {
  size_t begin, end;
  int heading = 0;   // 1-6 for <h1>..<h6>
  std::string id;    // a heading's id
};

// The body's top-level blocks, in order; stops where the HTML stops balancing.
std::vector<Block> blocks_of(std::string_view html) {
  std::vector<Block> out;
  size_t i = 0;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    Tag t = read_tag(html, lt);
    if (t.comment) {
      if (t.end == std::string_view::npos) break;
      i = t.end;
      continue;
    }
    if (t.closing || t.name.empty()) break;
    size_t end = element_end(html, lt);
    if (end == std::string_view::npos) break;
    Block b;
    b.begin = lt, b.end = end;
    if (t.name.size() == 2 && t.name[0] == 'h' && t.name[1] >= '1' && t.name[1] <= '6') {
      b.heading = t.name[1] - '0';
      std::string_view open = html.substr(lt, t.end - lt);
      size_t id = open.find(" id=\"");
      if (id != std::string_view::npos) {
        size_t close = open.find('"', id + 5);
        if (close != std::string_view::npos) b.id = std::string(open.substr(id + 5, close - id - 5));
      }
    }
    out.push_back(std::move(b));
    i = end;
  }
  return out;
}

bool showable(std::string_view block) {
  for (std::string_view bad : {"<script", "<form", "<input", "<button", "<iframe", "<canvas", "class=\"demo"})
    if (block.find(bad) != std::string_view::npos) return false;
  return true;
}

// Whole blocks from `from` until a heading of level <= `level` (0: any
// heading), within the budget.
std::string section(std::string_view html, const std::vector<Block>& blocks, size_t from, int level,
                    const PreviewBudget& budget) {
  std::string out;
  size_t taken = 0;
  for (size_t k = from; k < blocks.size(); ++k) {
    const Block& b = blocks[k];
    if (b.heading && (level == 0 || b.heading <= level)) break;
    if (b.heading) continue;  // a subheading's own title: the section's text goes on
    std::string_view text = html.substr(b.begin, b.end - b.begin);
    if (!showable(text)) continue;
    if (taken > 0 && (out.size() + text.size() > budget.bytes || taken >= budget.blocks)) break;
    out.append(text);
    out += '\n';
    ++taken;
  }
  return out;
}

std::string strip_tags(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> linked_fragments(const Corpus& corpus, const LinkGraph& graph) {
  std::vector<std::vector<std::string>> out(corpus.pages.size());
  for (size_t i = 0; i < corpus.pages.size(); ++i)
    for (size_t l = 0; l < corpus.pages[i].links.size(); ++l) {
      const Resolution& r = graph.resolution(i, l);
      if (r.status == Resolution::Status::kPage && r.index < out.size() && !r.fragment.empty())
        out[r.index].push_back(r.fragment);
    }
  for (auto& f : out) {
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
  }
  return out;
}

std::string preview_json(const Page& page, std::string_view body, const std::vector<std::string>& fragments,
                         const PreviewBudget& budget) {
  auto linked = [&](std::string_view id) { return std::binary_search(fragments.begin(), fragments.end(), id); };
  using text::append_json_string;
  const std::vector<Block> blocks = blocks_of(body);
  std::string out = "{\"t\":";
  append_json_string(out, page.title);
  out += ",\"s\":";
  append_json_string(out, page.summary);
  // The opening: before the first heading; a note that starts with one
  // opens with its first section.
  size_t first = 0;
  while (first < blocks.size() && blocks[first].heading == 1) ++first;  // a leading title
  std::string opening = section(body, blocks, first, 0, budget);
  if (opening.empty())
    for (size_t k = first; k < blocks.size(); ++k)
      if (blocks[k].heading) {
        opening = section(body, blocks, k + 1, blocks[k].heading, budget);
        break;
      }
  out += ",\"b\":";
  append_json_string(out, opening);
  out += ",\"h\":{";
  std::set<std::string_view> ids;  // the first heading of an id wins
  size_t count = 0;
  for (size_t k = 0; k < blocks.size() && count < budget.sections; ++k) {
    const Block& b = blocks[k];
    if (!b.heading || b.id.empty() || !linked(b.id) || !ids.insert(b.id).second) continue;
    if (count++) out += ',';
    append_json_string(out, b.id);
    out += ":[";
    // The heading's text as the note's parse read it (entities decoded), else its HTML without tags.
    auto h = std::find_if(page.headings.begin(), page.headings.end(), [&](const auto& x) { return x.id == b.id; });
    append_json_string(out, h != page.headings.end() ? h->text : strip_tags(body.substr(b.begin, b.end - b.begin)));
    out += ',';
    append_json_string(out, section(body, blocks, k + 1, b.heading, budget));
    out += ']';
  }
  out += "},\"k\":{";
  // Block ids (markdown/block_ref.h): a wrapped block, or a list item's text
  // after its marker span.
  std::set<std::string> refs;
  for (size_t at = body.find(" id=\"^"); at != std::string_view::npos && count < budget.sections;
       at = body.find(" id=\"^", at + 1)) {
    size_t close = body.find('"', at + 5);
    size_t lt = body.rfind('<', at);
    if (close == std::string_view::npos || lt == std::string_view::npos) break;
    std::string id(body.substr(at + 5, close - at - 5));
    if (refs.count(id) || !linked(id)) continue;
    Tag t = read_tag(body, lt);
    if (t.end == std::string_view::npos) break;
    std::string_view html;
    if (t.name == "span") {  // a list item's: the rest of the item
      size_t span_end = element_end(body, lt);
      size_t item_end = span_end == std::string_view::npos ? span_end : element_end(body, span_end, true);
      if (item_end != std::string_view::npos) html = body.substr(span_end, item_end - span_end);
    } else {
      size_t end = element_end(body, lt);
      if (end != std::string_view::npos) html = body.substr(lt, end - lt);
    }
    if (html.empty() || !showable(html)) continue;
    if (html.size() > 4 * budget.bytes) continue;  // a huge block: the note's opening will do
    if (!refs.empty()) out += ',';
    refs.insert(id);
    append_json_string(out, id);
    out += ':';
    append_json_string(out, html);
    ++count;
  }
  out += "}}";
  return out;
}

}  // namespace kb::site
