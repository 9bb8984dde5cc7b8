#include "site/page_render.h"

#include <algorithm>
#include <memory>

#include "core/text.h"
#include "site/quizzes.h"

namespace kb::site {

markdown::LinkResolver PageRenderer::resolver(size_t page, Walk& walk, const std::vector<size_t>& chain) const {
  // render_html() asks once per link, in Page::links order.
  auto next = std::make_shared<size_t>(0);
  const size_t shown_on = walk.shown_on;
  return [this, page, &walk, shown_on, chain, next](const markdown::LinkRef& ref) {
    const Page& from = corpus_.pages[page];
    const Page& base = corpus_.pages[shown_on];
    markdown::ResolvedLink out;
    if (*next >= from.links.size()) {
      out.found = false;
      return out;
    }
    const size_t link = (*next)++;
    const Resolution& r = graph_.resolution(page, link);
    std::string frag = r.fragment.empty() ? "" : "#" + r.fragment;
    auto from_base = [&](const std::string& url) { return text::relative_url(base.url, text::url_encode_path(url)); };
    switch (r.status) {
      case Resolution::Status::kPage:
        out.href = from_base(corpus_.pages[r.index].url) + frag;
        out.title = corpus_.pages[r.index].title;
        out.note = true;
        if (ref.kind == markdown::LinkKind::kEmbed && ref.alone)
          out.transclusion = transclusion(r, walk, chain);
        break;
      case Resolution::Status::kSamePage:
        // The embedded note's own heading lives on that note's page.
        out.href = page == shown_on ? (frag.empty() ? "#" : frag) : from_base(from.url) + frag;
        out.note = true;
        break;
      case Resolution::Status::kFile:
        out.href = from_base(corpus_.files[r.index].url);
        break;
      case Resolution::Status::kBroken:
        out.found = false;
        break;
      case Resolution::Status::kUnpublished:  // a draft: its label, as text
        out.as_text = true;
        break;
    }
    return out;
  };
}

namespace {

std::string cut(const std::string& href, const std::string& label, const std::string& why) {
  return "<div class=\"transclusion transclusion-cut\">\n<p class=\"transclusion-source\"><a class=\"wikilink\" href=\"" +
         text::html_escape(href) + "\">" + text::html_escape(label) + "</a></p>\n<p class=\"transclusion-note\">" +
         text::html_escape(why) + "</p>\n</div>\n";
}

}  // namespace

std::string PageRenderer::transclusion(const Resolution& r, Walk& walk, const std::vector<size_t>& chain) const {
  const size_t shown_on = walk.shown_on;
  const Page& to = corpus_.pages[r.index];
  const Page& base = corpus_.pages[shown_on];
  std::string href = text::relative_url(base.url, text::url_encode_path(to.url)) +
                     (r.fragment.empty() ? "" : "#" + r.fragment);
  markdown::Part part;
  std::string label = to.title;
  if (!r.fragment.empty() && r.fragment[0] == '^') {
    auto b = std::find_if(to.block_ids.begin(), to.block_ids.end(),
                          [&](const markdown::BlockId& id) { return !id.duplicate && "^" + id.id == r.fragment; });
    if (b == to.block_ids.end()) return "";  // reported as a broken link; shown as one
    part = {markdown::Part::Kind::kBlock, static_cast<size_t>(b - to.block_ids.begin())};
  } else if (!r.fragment.empty()) {
    auto h = std::find_if(to.headings.begin(), to.headings.end(),
                          [&](const markdown::Heading& x) { return x.id == r.fragment; });
    if (h == to.headings.end()) return "";
    part = {markdown::Part::Kind::kSection, static_cast<size_t>(h - to.headings.begin())};
    label += " \u203A " + h->text;
  }
  if (std::find(chain.begin(), chain.end(), r.index) != chain.end())
    return cut(href, label, "Not embedded again: \u201C" + to.title +
                                "\u201D is already shown around this point (the notes embed each other).");
  if (chain.size() > static_cast<size_t>(kMaxEmbedDepth))
    return cut(href, label, "Embedded notes nest more than " + std::to_string(kMaxEmbedDepth) +
                                " deep here; open the note to read it.");
  if (chain.size() > 1 && walk.nested++ >= kMaxNestedEmbeds)
    return cut(href, label, "This page already shows " + std::to_string(kMaxNestedEmbeds) +
                                " notes embedded in embedded notes; open the note to read it.");
  markdown::Options opts = options_on(walk.shown_on);
  opts.heading_ids = false;  // the page's own ids stay unique
  opts.drop_leading_h1 = part.kind == markdown::Part::Kind::kWhole && to.drop_leading_h1;
  opts.flashcards = to.card_note;
  auto doc = markdown::Document::parse(to.body, opts);
  std::vector<size_t> nested = chain;
  nested.push_back(r.index);
  std::string body =
      doc.render_html(resolver(r.index, walk, nested), math_.typesetter(r.index), blocks(r.index, shown_on), part,
                      code_.renderer(r.index))
          .html;
  if (body.empty() && part.kind != markdown::Part::Kind::kWhole) return "";
  return "<div class=\"transclusion\" role=\"group\" aria-label=\"" +
         text::html_escape("Embedded from \u201C" + label + "\u201D") +
         "\">\n<p class=\"transclusion-source\"><a class=\"wikilink\" href=\"" + text::html_escape(href) + "\">" +
         text::html_escape(label) + "</a></p>\n<div class=\"transclusion-body\">\n" + body + "</div>\n</div>\n";
}

markdown::BlockRenderer PageRenderer::blocks(size_t page, size_t shown_on) const {
  return [this, page, shown_on, demos = demos_.renderer(page)](const markdown::FencedBlock& b,
                                                               size_t index) -> std::string {
    if (b.kind == markdown::FencedBlock::Kind::kDemo) return demos(b, index);
    const auto& quizzes = corpus_.pages[page].quizzes;
    for (size_t k = 0; k < quizzes.size(); ++k)
      if (quizzes[k].block == index)
        return quiz_html(page, quizzes[k], k + 1, corpus_.pages[shown_on].url, corpus_, graph_, math_);
    return "";  // not a valid question (warned about): shown as code
  };
}

markdown::Options PageRenderer::options_on(size_t shown_on) const {
  markdown::Options opts = options_;
  if (!tag_urls_) return opts;
  opts.tag_href = [this, from = corpus_.pages[shown_on].url](const std::string& tag) {
    auto t = tag_urls_->find(tag);
    return t == tag_urls_->end() ? std::string() : text::relative_url(from, text::url_encode_path(t->second));
  };
  return opts;
}

bool PageRenderer::transcludes(size_t page) const {
  const auto& links = corpus_.pages[page].links;
  for (size_t i = 0; i < links.size(); ++i)
    if (links[i].kind == markdown::LinkKind::kEmbed && links[i].alone &&
        graph_.resolution(page, i).status == Resolution::Status::kPage)
      return true;
  return false;
}

RenderedBody PageRenderer::render(size_t page) const {
  const Page& p = corpus_.pages[page];
  markdown::Options opts = options_on(page);
  opts.flashcards = p.card_note;
  opts.drop_leading_h1 = p.drop_leading_h1;
  // The render the load kept, its holes filled; a page that shows another
  // note in place of an embed (or whose answers the skeleton cannot hold) is
  // parsed and rendered here.
  if (p.prerendered && !transcludes(page)) {
    Walk walk{page, 0};
    auto html = p.prerendered->html.fill({p.links, p.formulas, p.blocks, p.code_blocks}, opts,
                                         resolver(page, walk, {page}), math_.typesetter(page),
                                         blocks(page, page), code_.renderer(page));
    if (html) return {std::move(*html), p.prerendered->plain};
  }
  auto doc = markdown::Document::parse(p.body, opts);
  RenderedBody out;
  Walk walk{page, 0};
  out.html = doc.render_html(resolver(page, walk, {page}), math_.typesetter(page), blocks(page, page), {},
                             code_.renderer(page))
                 .html;
  out.plain = doc.plain_text();
  return out;
}

}  // namespace kb::site
