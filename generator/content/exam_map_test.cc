#include "content/exam_map.h"

#include <catch2/catch.hpp>

#include "content/loader.h"
#include "content/test_notes.h"

using namespace kb;

namespace {

Config two_exams(Config c) {
  Exam mla{"mla-c01", "Engineer", false, "", {{"data-preparation", "Data", 28}, {"model-development", "Models", 72}}};
  Exam mls{"mls-c01", "Specialty", true, "2026-03-31", {{"modeling", "Modeling", 50}, {"data-engineering", "DE", 50}}};
  c.exams = {mla, mls};
  c.domains = mla.domains;
  return c;
}

const Page& page(const Corpus& corpus, const std::string& source) {
  for (const auto& p : corpus.pages)
    if (p.source == source) return p;
  FAIL("no page " << source);
  return corpus.pages.front();
}

// A warning at `file`:line:col whose message starts with `start`.
bool warned(const Diagnostics& diags, const std::string& file, int line, int column, const std::string& start) {
  for (const auto& d : diags.sorted())
    if (d.severity == Severity::kWarning && d.path.size() >= file.size() &&
        d.path.compare(d.path.size() - file.size(), file.size(), file) == 0 && d.line == line && d.column == column &&
        d.message.rfind(start, 0) == 0)
      return true;
  return false;
}

}  // namespace

TEST_CASE("exam map: exams and domain front matter give a note's domain in each exam") {
  kb::testing::TempNotes t("kb-exam-map-ok");
  t.write("a.md", "---\ntitle: A\nexams: { mls-c01: modeling, mla-c01: model-development }\n---\nx\n");
  t.write("b.md", "---\ntitle: B\ndomain: data-engineering\nexams:\n  mla-c01: data-preparation\n---\nx\n");
  t.write("c.md", "---\ntitle: C\n---\nNo exam: a general page.\n");
  Diagnostics diags;
  Corpus corpus = content::load(two_exams(t.config()), diags);
  CHECK(diags.report().empty());
  const Page& a = page(corpus, "a.md");
  CHECK(a.exams == std::map<std::string, std::string>{{"mla-c01", "model-development"}, {"mls-c01", "modeling"}});
  CHECK(a.domain == "model-development");  // the primary exam: the first active one
  const Page& b = page(corpus, "b.md");
  CHECK(b.exams == std::map<std::string, std::string>{{"mla-c01", "data-preparation"}, {"mls-c01", "data-engineering"}});
  CHECK(b.domain == "data-preparation");
  CHECK(page(corpus, "c.md").exams.empty());
}

TEST_CASE("exam map: a wrong id is a warning at its place, and the rest of the note still maps") {
  kb::testing::TempNotes t("kb-exam-map-bad");
  t.write("a.md", "---\ntitle: A\nexams: { mla-c01: modelling, mls-c01: modeling }\n---\nx\n");
  t.write("b.md", "---\ntitle: B\nexams: { saa-c03: compute, mla-c01: data-preparation }\n---\nx\n");
  t.write("c.md", "---\ntitle: C\ndomain: nowhere\nexams: { mla-c01: data-preparation }\n---\nx\n");
  t.write("d.md", "---\ntitle: D\nexams: { mls-c01: modeling }\n---\nOnly the retired exam.\n");
  t.write("e.md", "---\ntitle: E\ndomain: modeling\nexams: { mls-c01: data-engineering, mla-c01: data-preparation }\n---\nx\n");
  Diagnostics diags;
  Corpus corpus = content::load(two_exams(t.config()), diags);
  const std::string report = diags.report();
  INFO(report);
  CHECK_FALSE(diags.has_errors());  // one note's slip does not stop the build
  CHECK(warned(diags, "/a.md", 3, 19, "exam 'mla-c01' has no domain 'modelling'; its domains: data-preparation, model-development"));
  CHECK(page(corpus, "a.md").exams == std::map<std::string, std::string>{{"mls-c01", "modeling"}});
  CHECK(warned(diags, "/b.md", 3, 10, "unknown exam 'saa-c03' in 'exams'; site.toml declares: mla-c01, mls-c01"));
  CHECK(page(corpus, "b.md").domain == "data-preparation");
  CHECK(warned(diags, "/c.md", 3, 9, "unknown domain 'nowhere'"));
  CHECK(warned(diags, "/d.md", 3, 1, "the note is in no domain of an active exam (mla-c01)"));
  CHECK(warned(diags, "/e.md", 3, 9, "domain 'modeling' contradicts exams: { mls-c01: data-engineering }"));
}

TEST_CASE("exam map: one exam of [[domains]] takes domain as before, and a site with none keeps it unchecked") {
  kb::testing::TempNotes t("kb-exam-map-single");
  t.write("a.md", "---\ntitle: A\ndomain: modeling\n---\nx\n");
  t.write("b.md", "---\ntitle: B\ndomain: elsewhere\n---\nx\n");
  Config c = t.config();
  Diagnostics plain;
  Corpus none = content::load(c, plain);
  CHECK(plain.report().empty());
  CHECK(page(none, "b.md").domain == "elsewhere");
  c.exams = {Exam{"", "", false, "", {{"modeling", "Modeling", 0}}}};
  c.domains = c.exams[0].domains;
  Diagnostics diags;
  Corpus one = content::load(c, diags);
  CHECK(page(one, "a.md").domain == "modeling");
  CHECK(page(one, "a.md").exams == std::map<std::string, std::string>{{"", "modeling"}});
  CHECK(warned(diags, "/b.md", 3, 9, "unknown domain 'elsewhere'; site.toml declares: modeling"));
}

TEST_CASE("exam map: a question takes its note's domains, overridden by its own domain and exams") {
  kb::testing::TempNotes t("kb-exam-map-quiz");
  const std::string rest = "question = \"Q\"\noptions = [\"a\", \"b\"]\nanswer = \"A\"\n```\n";
  t.write("a.md", "---\ntitle: A\nexams: { mla-c01: data-preparation, mls-c01: data-engineering }\n---\n"  // 1-4
                  "```quiz\n" + rest +                                                                 // 5-9
                  "```quiz\ndomain = \"model-development\"\n" + rest +                                  // 10-15
                  "```quiz\nexams = { mls-c01 = \"nowhere\" }\n" + rest +                               // 16-21
                  "```quiz\ndomain = \"elsewhere\"\n" + rest);                                         // 22-27
  Diagnostics diags;
  Corpus corpus = content::load(two_exams(t.config()), diags);
  INFO(diags.report());
  const auto& qs = page(corpus, "a.md").quizzes;
  REQUIRE(qs.size() == 4);
  using Map = std::map<std::string, std::string>;
  CHECK(qs[0].exams == Map{{"mla-c01", "data-preparation"}, {"mls-c01", "data-engineering"}});
  CHECK(qs[1].exams == Map{{"mla-c01", "model-development"}, {"mls-c01", "data-engineering"}});
  CHECK(qs[2].exams == Map{{"mla-c01", "data-preparation"}, {"mls-c01", "data-engineering"}});
  CHECK(warned(diags, "/a.md", 17, 21, "quiz: exam 'mls-c01' has no domain 'nowhere'"));
  CHECK(warned(diags, "/a.md", 23, 10, "quiz: unknown domain 'elsewhere'"));
  CHECK(diags.warning_count() == 2);
}
