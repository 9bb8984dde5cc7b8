#include "markdown/skeleton.h"

#include <cmark-gfm-extension_api.h>  // cmark_parser_get_syntax_extensions

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/text.h"
#include "markdown/code_block.h"
#include "markdown/document_impl.h"

namespace kb::markdown {
namespace {

// A hole is written into the tree as a marker, U+0002, a kind letter, the
// slot's index in decimal, U+0003; in a URL cmark writes the two control
// characters as %02 and %03.
enum Kind : char {
  kOpen = 'O',       // a raw-HTML link's opening HTML (inline)
  kClose = 'C',      // a wikilink's closing HTML (inline)
  kHref = 'U',       // a markdown link's or image's URL (in href="…", src="…")
  kTitle = 'T',      // a markdown link's or image's ` title="…"`, or nothing
  kTagOpen = 'G',    // an inline tag's opening HTML (inline)
  kTagClose = 'g',   // and its closing HTML
  kMath = 'M',       // a formula (inline, or a block when math_block_)
  kCodeStart = 'K',  // a code block's HTML as cmark writes it starts here (block)
  kCodeEnd = 'k',    // and ends here (block)
  kDemo = 'D',       // a demo's HTML (block)
  kH1End = 'H',      // the leading H1's HTML ends here (block)
};

std::string marker(char kind, size_t index) {
  return std::string("\x02") + kind + std::to_string(index) + "\x03";
}

bool inside_image(cmark_node* n) {
  for (cmark_node* p = cmark_node_parent(n); p; p = cmark_node_parent(p))
    if (cmark_node_get_type(p) == CMARK_NODE_IMAGE) return true;
  return false;
}

bool is_block_hole(char kind, size_t index, const std::vector<bool>& math_block) {
  return kind == kCodeStart || kind == kCodeEnd || kind == kDemo || kind == kH1End ||
         (kind == kMath && index < math_block.size() && math_block[index]);
}

// What cmark writes for a link's URL in href="…", and for text.
std::string cmark_href(const std::string& url) {
  NodePtr link = new_node(CMARK_NODE_LINK);
  cmark_node_set_url(link.get(), url.c_str());
  CmarkString html(cmark_render_html(link.get(), CMARK_OPT_UNSAFE, nullptr));  // <a href="…"></a>
  std::string_view s = html ? std::string_view(html.get()) : std::string_view();
  size_t a = s.find('"');
  size_t b = a == s.npos ? s.npos : s.find('"', a + 1);
  return b == s.npos ? std::string() : std::string(s.substr(a + 1, b - a - 1));
}

std::string cmark_text(const std::string& text) {
  NodePtr node = new_literal_node(CMARK_NODE_TEXT, text);
  CmarkString html(cmark_render_html(node.get(), CMARK_OPT_UNSAFE, nullptr));
  return html ? std::string(html.get()) : std::string();
}

// Whether GFM's tagfilter could change `html` written as a raw HTML node
// (a <title, <textarea, <style, <xmp, <iframe, <noembed, <noframes, <script
// or <plaintext tag, opening or closing, any case): an inline node is
// escaped whole when it starts with one, a block has each one escaped.
// Erring towards yes only costs a parse.
bool tagfilter_may_change(std::string_view html, bool block) {
  static constexpr const char* kTags[] = {"title", "textarea", "style", "xmp", "iframe",
                                          "noembed", "noframes", "script", "plaintext"};
  for (size_t at = html.find('<'); at != html.npos; at = block ? html.find('<', at + 1) : html.npos) {
    if (!block && at != 0) break;
    size_t k = at + 1;
    if (k < html.size() && html[k] == '/') ++k;
    for (const char* tag : kTags) {
      size_t n = std::strlen(tag);
      if (k + n > html.size()) continue;
      size_t c = 0;
      while (c < n && (html[k + c] | 0x20) == tag[c]) ++c;
      if (c == n) return true;
    }
  }
  return false;
}

// A block's HTML where a block hole was: what cmark writes for a custom
// block (a line break before, unless at a line start, and after).
void append_block(std::string& out, const std::string& html) {
  if (html.empty()) return;
  out += html;
  if (out.back() != '\n') out += '\n';
}

}  // namespace

std::optional<Skeleton> Skeleton::of(Document& doc) {
  if (!doc.impl_) return std::nullopt;
  Document::Impl& impl = *doc.impl_;
  Skeleton sk;
  sk.allow_html_ = impl.options.allow_html;
  sk.heading_ids_ = impl.options.heading_ids;
  sk.hard_breaks_ = impl.options.hard_breaks;
  sk.has_leading_h1_ = impl.has_leading_h1;
  if (impl.has_leading_h1 && !doc.headings_.empty() && !doc.headings_.front().id.empty())
    sk.h1_anchor_ = "<span id=\"" + text::html_escape(doc.headings_.front().id) + "\"></span>\n";

  // Every change to the tree is undone on the way out: link URLs and titles
  // restored, inserted markers taken out, swapped blocks put back.
  struct Restore {
    std::vector<std::pair<cmark_node*, std::pair<std::string, std::string>>> urls;  // node, (url, title)
    std::vector<cmark_node*> inserted;
    ~Restore() {
      for (auto& [node, written] : urls) {
        cmark_node_set_url(node, written.first.c_str());
        cmark_node_set_title(node, written.second.c_str());
      }
      for (cmark_node* n : inserted) cmark_node_free(n);  // frees unlink too
    }
  } restore;
  SwapBack swaps;
  auto insert_block_marker = [&](cmark_node* at, bool after, const std::string& text) {
    NodePtr block = new_node(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block.get(), text.c_str());
    if (!(after ? cmark_node_insert_after(at, block.get()) : cmark_node_insert_before(at, block.get()))) return false;
    restore.inserted.push_back(block.release());
    return true;
  };

  for (size_t i = 0; i < impl.link_nodes.size(); ++i) {
    const LinkSlot& slot = impl.link_nodes[i];
    LinkForm form;
    form.written_url = slot.written_url;
    if (inside_image(slot.open)) return std::nullopt;
    if (is_link_node(slot)) {
      form.node = true;
      const char* url = cmark_node_get_url(slot.open);
      const char* title = cmark_node_get_title(slot.open);
      form.written_url = url ? url : "";
      form.written_title = title ? title : "";
      restore.urls.push_back({slot.open, {form.written_url, form.written_title}});
      cmark_node_set_url(slot.open, marker(kHref, i).c_str());
      cmark_node_set_title(slot.open, marker(kTitle, i).c_str());
    } else {
      cmark_node_set_literal(slot.open, marker(kOpen, i).c_str());
      form.close = slot.close != nullptr;
      if (form.close) cmark_node_set_literal(slot.close, marker(kClose, i).c_str());
    }
    sk.links_.push_back(std::move(form));
  }
  for (size_t j = 0; j < impl.tag_slots.size(); ++j) {
    const TagSlot& tag = impl.tag_slots[j];
    if (inside_image(tag.open)) return std::nullopt;
    cmark_node_set_literal(tag.open, marker(kTagOpen, j).c_str());
    cmark_node_set_literal(tag.close, marker(kTagClose, j).c_str());
    sk.tags_.push_back(tag.name);
  }
  for (size_t k = 0; k < impl.math_slots.size(); ++k) {
    const MathSlot& slot = impl.math_slots[k];
    if (!slot.block && inside_image(slot.node)) return std::nullopt;
    cmark_node_set_literal(slot.node, marker(kMath, k).c_str());
    sk.math_block_.push_back(slot.block);
  }
  sk.code_blocks_ = impl.code_slots.size();
  for (size_t m = 0; m < impl.code_slots.size(); ++m)
    if (!insert_block_marker(impl.code_slots[m], false, marker(kCodeStart, m)) ||
        !insert_block_marker(impl.code_slots[m], true, marker(kCodeEnd, m)))
      return std::nullopt;
  for (cmark_node* block : impl.mermaid_slots) swaps.swap_html(block, mermaid_html(literal_of(block)));
  sk.demos_ = impl.demo_slots.size();
  for (size_t d = 0; d < impl.demo_slots.size(); ++d)
    cmark_node_set_on_enter(impl.demo_slots[d], marker(kDemo, d).c_str());
  cmark_node* root = impl.root.get();
  if (impl.has_leading_h1 && !insert_block_marker(cmark_node_first_child(root), true, marker(kH1End, 0)))
    return std::nullopt;

  const int options = render_options(impl.options);
  cmark_llist* extensions = cmark_parser_get_syntax_extensions(impl.parser.get());
  CmarkString rendered;
  {
    CalloutTitles titles(impl.callouts, options, extensions);  // their holes in their blocks' HTML
    rendered.reset(cmark_render_html(root, options, extensions));
  }
  const std::string_view html = rendered ? std::string_view(rendered.get()) : std::string_view();

  // The markers out, each hole where its marker was.
  auto expected = [&](char kind, size_t index) -> bool {  // a hole this tree has
    auto below = [index](size_t n) { return index < n; };
    switch (kind) {
      case kOpen: return below(sk.links_.size()) && !sk.links_[index].node;
      case kClose: return below(sk.links_.size()) && sk.links_[index].close;
      case kHref: case kTitle: return below(sk.links_.size()) && sk.links_[index].node;
      case kTagOpen: case kTagClose: return below(sk.tags_.size());
      case kMath: return below(sk.math_block_.size());
      case kCodeStart: case kCodeEnd: return below(sk.code_blocks_);
      case kDemo: return below(sk.demos_);
      case kH1End: return below(sk.has_leading_h1_ ? 1 : 0);
      default: return false;
    }
  };
  std::string& out = sk.text_;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    size_t p = html.find_first_of("\x02%", i);
    if (p == html.npos) break;
    out.append(html, i, p - i);
    const bool in_url = html[p] == '%';
    const std::string_view open = in_url ? "%02" : "\x02";
    const std::string_view close = in_url ? "%03" : "\x03";
    if (in_url && html.compare(p, open.size(), open) != 0) {  // a percent sign
      out += '%';
      i = p + 1;
      continue;
    }
    size_t k = p + open.size();
    char kind = k < html.size() ? html[k] : 0;
    size_t digits = k + 1;
    size_t index = 0;
    while (digits < html.size() && html[digits] >= '0' && html[digits] <= '9' && digits - k <= 9)
      index = index * 10 + static_cast<size_t>(html[digits++] - '0');
    bool well_formed = digits > k + 1 && html.compare(digits, close.size(), close) == 0 &&
                       (in_url == (kind == kHref)) && expected(kind, index);
    if (!well_formed) {
      if (!in_url) return std::nullopt;  // a U+0002 of the author's
      out.append(html, p, open.size());   // "%02" written in a URL
      i = p + open.size();
      continue;
    }
    i = digits + close.size();
    if (is_block_hole(kind, index, sk.math_block_)) {
      // A block prints on a line of its own: the line break after the
      // marker is the block's, and goes with it.
      if ((!out.empty() && out.back() != '\n') || i >= html.size() || html[i] != '\n') return std::nullopt;
      ++i;
    } else if (kind == kTitle) {
      static constexpr std::string_view kAttr = " title=\"";
      if (out.size() < kAttr.size() || out.compare(out.size() - kAttr.size(), kAttr.size(), kAttr) != 0 ||
          i >= html.size() || html[i] != '"')
        return std::nullopt;
      out.resize(out.size() - kAttr.size());
      ++i;
    }
    sk.holes_.push_back({static_cast<uint32_t>(out.size()), kind, static_cast<uint32_t>(index)});
  }
  if (i < html.size()) out.append(html, i);
  // Every hole exactly once (a marker cmark did not print, or printed twice,
  // leaves no skeleton), and each code block's two holes side by side.
  size_t holes = 0;
  for (const auto& link : sk.links_) holes += link.node || link.close ? 2 : 1;
  holes += 2 * sk.tags_.size() + sk.math_block_.size() + 2 * sk.code_blocks_ + sk.demos_ + (sk.has_leading_h1_ ? 1 : 0);
  if (sk.holes_.size() != holes) return std::nullopt;
  std::vector<uint64_t> names;
  names.reserve(holes);
  for (const Hole& h : sk.holes_) names.push_back(uint64_t(static_cast<unsigned char>(h.kind)) << 32 | h.index);
  std::sort(names.begin(), names.end());
  if (std::adjacent_find(names.begin(), names.end()) != names.end()) return std::nullopt;
  for (size_t h = 0; h < sk.holes_.size(); ++h)
    if (sk.holes_[h].kind == kCodeStart &&
        (h + 1 >= sk.holes_.size() || sk.holes_[h + 1].kind != kCodeEnd || sk.holes_[h + 1].index != sk.holes_[h].index))
      return std::nullopt;
  out.shrink_to_fit();
  return sk;
}

std::optional<std::string> Skeleton::fill(const Listed& listed, const Options& options, const LinkResolver& resolver,
                                          const MathTypesetter& math, const BlockRenderer& demos,
                                          const CodeRenderer& code) const {
  if (listed.links.size() != links_.size() || listed.formulas.size() != math_block_.size() ||
      listed.blocks.size() != demos_ || listed.code_blocks.size() != code_blocks_ ||
      options.allow_html != allow_html_ || options.heading_ids != heading_ids_ || options.hard_breaks != hard_breaks_)
    return std::nullopt;
  // What each hole holds, asked in render_html()'s order.
  std::vector<LinkHtml> link(links_.size());
  for (size_t i = 0; i < links_.size(); ++i) {
    const LinkRef& ref = listed.links[i];
    ResolvedLink r;
    if (resolver) r = resolver(ref);
    else r.found = false;
    if (r.as_text && (ref.kind == LinkKind::kMarkdown || ref.kind == LinkKind::kImage)) return std::nullopt;
    if (!r.transclusion.empty() && ref.alone) return std::nullopt;
    const LinkForm& form = links_[i];
    if (form.node) {
      const std::string& title = r.found && !r.title.empty() ? r.title : form.written_title;
      link[i].open = cmark_href(r.found ? r.href : form.written_url);
      link[i].close = title.empty() ? std::string() : " title=\"" + cmark_text(title) + "\"";
    } else {
      link[i] = link_html(ref, r, form.written_url);
      if (tagfilter_may_change(link[i].open, false) || tagfilter_may_change(link[i].close, false))
        return std::nullopt;
    }
  }
  std::vector<LinkHtml> tag(tags_.size());
  for (size_t j = 0; j < tags_.size(); ++j) {
    std::string href = options.tag_href ? options.tag_href(tags_[j]) : std::string();
    tag[j] = {tag_open_html(href), tag_close_html(href)};
    if (tagfilter_may_change(tag[j].open, false) || tagfilter_may_change(tag[j].close, false)) return std::nullopt;
  }
  std::vector<std::string> formula(math_block_.size());
  for (size_t k = 0; k < formula.size(); ++k) {
    formula[k] = math_html(listed.formulas[k], math_block_[k], math ? math(listed.formulas[k], k) : std::string());
    if (tagfilter_may_change(formula[k], math_block_[k])) return std::nullopt;
  }
  std::vector<std::string> highlighted(code_blocks_);  // "": as cmark writes it
  for (size_t m = 0; code && m < code_blocks_; ++m) {
    std::string tokens = code(listed.code_blocks[m], m);
    if (!tokens.empty()) highlighted[m] = code_block_html(listed.code_blocks[m].language, tokens);
  }
  std::vector<std::string> demo(demos_);
  for (size_t d = 0; d < demos_; ++d) {
    demo[d] = demos ? demos(listed.blocks[d], d) : std::string();
    if (demo[d].empty()) demo[d] = demo_code_html(listed.blocks[d]);
  }

  std::string out;
  size_t pos = 0;
  size_t h = 0;
  if (options.drop_leading_h1 && has_leading_h1_) {
    // Its HTML is all before the H1 hole; what it holds was still asked for.
    while (h < holes_.size() && holes_[h].kind != kH1End) ++h;
    if (h == holes_.size()) return std::nullopt;
    out = h1_anchor_;
    pos = holes_[h].at;
  }
  out.reserve(text_.size() + 64 * holes_.size());
  for (; h < holes_.size(); ++h) {
    const Hole& hole = holes_[h];
    out.append(text_, pos, hole.at - pos);
    pos = hole.at;
    switch (hole.kind) {
      case kOpen: case kHref: out += link[hole.index].open; break;
      case kClose: case kTitle: out += link[hole.index].close; break;
      case kTagOpen: out += tag[hole.index].open; break;
      case kTagClose: out += tag[hole.index].close; break;
      case kMath:
        if (math_block_[hole.index]) append_block(out, formula[hole.index]);
        else out += formula[hole.index];
        break;
      case kCodeStart:
        if (!highlighted[hole.index].empty()) {  // in place of cmark's block, up to its end hole
          append_block(out, highlighted[hole.index]);
          pos = holes_[++h].at;
        }
        break;
      case kDemo: append_block(out, demo[hole.index]); break;
      default: break;  // kCodeEnd, kH1End
    }
  }
  out.append(text_, pos);
  return out;
}

size_t Skeleton::bytes() const {
  size_t n = sizeof(Skeleton) + text_.capacity() + holes_.capacity() * sizeof(Hole) +
             links_.capacity() * sizeof(LinkForm) + math_block_.capacity() / 8 + h1_anchor_.capacity();
  for (const auto& l : links_) n += l.written_url.capacity() + l.written_title.capacity();
  for (const auto& t : tags_) n += sizeof(std::string) + t.capacity();
  return n;
}

}  // namespace kb::markdown
