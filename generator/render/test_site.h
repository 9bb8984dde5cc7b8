// A small hand-made site for the render tests (not part of the library).
//
//   index.md                      "Study guide" (root index)
//   intro.md                      "Intro <b>&</b> basics"  tags basics, domain modeling
//   data/kinesis.md               "Kinesis"                 (folder without index.md)
//   modeling/index.md             "Modeling"
//   modeling/xgboost.md           "XGBoost"                 links [[F1 score]]
//   modeling/metrics/f1 score.md  "F1 score"                links [[Precision]], tags metrics
//   modeling/metrics/precision.md "Precision"  order 1      links [[F1 score]], tags metrics
//
// Reading order: intro, kinesis, xgboost, precision, f1.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "content/page.h"
#include "core/diagnostic.h"
#include "links/link_graph.h"
#include "render/site_model.h"

namespace kb::render::testing {

inline Page make_page(std::string source, std::string title, std::string url) {
  Page p;
  p.source = source;
  size_t slash = source.rfind('/');
  p.folder = slash == std::string::npos ? "" : source.substr(0, slash);
  std::string file = slash == std::string::npos ? source : source.substr(slash + 1);
  p.stem = file.substr(0, file.size() - 3);
  p.is_index = p.stem == "index";
  p.url = std::move(url);
  p.title = std::move(title);
  return p;
}

inline markdown::LinkRef wikilink(std::string target, int line = 3) {
  markdown::LinkRef l;
  l.kind = markdown::LinkKind::kWiki;
  l.target = target;
  l.label = target;
  l.line = line;
  l.column = 1;
  return l;
}

struct TestSite {
  Config config;
  Corpus corpus;
  Diagnostics diags;
  LinkGraph graph;
  SiteModel model;

  size_t page(const std::string& source) const {
    for (size_t i = 0; i < corpus.pages.size(); ++i)
      if (corpus.pages[i].source == source) return i;
    throw std::runtime_error("no page " + source);
  }
};

inline std::unique_ptr<TestSite> make_test_site() {
  auto s = std::make_unique<TestSite>();
  s->config.title = "Study <Guide>";
  s->config.description = "Notes & more";
  s->config.domains = {{"modeling", "Modeling", 36}, {"data-engineering", "Data Engineering", 20}};
  s->config.exams = {Exam{"", "", false, "", s->config.domains}};  // [[domains]]: one exam
  auto& pages = s->corpus.pages;

  pages.push_back(make_page("data/kinesis.md", "Kinesis", "data/kinesis.html"));
  pages.back().summary = "Streaming ingestion.";
  pages.back().domain = "data-engineering";
  pages.back().exams[""] = "data-engineering";

  pages.push_back(make_page("index.md", "Study guide", "index.html"));

  pages.push_back(make_page("intro.md", "Intro <b>&</b> basics", "intro.html"));
  pages.back().meta.tags = {"basics"};
  pages.back().domain = "modeling";
  pages.back().exams[""] = "modeling";
  pages.back().summary = "Where to start <here>.";

  pages.push_back(make_page("modeling/index.md", "Modeling", "modeling/index.html"));
  pages.back().summary = "Training models.";

  pages.push_back(make_page("modeling/metrics/f1 score.md", "F1 score", "modeling/metrics/f1-score.html"));
  {
    Page& p = pages.back();
    p.meta.tags = {"metrics", "classification"};
    p.domain = "modeling";
    p.exams[""] = "modeling";
    p.summary = "Harmonic mean of precision and recall.";
    p.headings = {{1, "F1 score", "f1-score", 1},
                  {2, "Definition", "definition", 3},
                  {3, "Worked <example>", "worked-example", 5},
                  {4, "Too deep", "too-deep", 7},
                  {2, "Pitfalls", "pitfalls", 9}};
    p.links = {wikilink("Precision")};
  }

  pages.push_back(make_page("modeling/metrics/precision.md", "Precision", "modeling/metrics/precision.html"));
  pages.back().meta.tags = {"metrics"};
  pages.back().meta.order = 1;
  pages.back().summary = "Of the predicted positives, how many are.";
  pages.back().links = {wikilink("F1 score")};

  pages.push_back(make_page("modeling/xgboost.md", "XGBoost", "modeling/xgboost.html"));
  pages.back().links = {wikilink("F1 score")};

  s->graph = LinkGraph::build(s->corpus, s->diags);
  s->model = build_site_model(s->config, s->corpus, s->graph);
  return s;
}

}  // namespace kb::render::testing
