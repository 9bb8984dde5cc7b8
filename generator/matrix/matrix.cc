#include "matrix/matrix.h"

#include <algorithm>
#include <set>

#include "content/loader.h"
#include "core/text.h"

namespace kb::matrix {
namespace {


// A row's id: the note's file name as a slug (an index.md goes by its folder).
std::string row_slug(const Page& page) {
  std::string name = page.stem;
  if (page.is_index && !page.folder.empty()) name = page.folder.substr(page.folder.rfind('/') + 1);
  return text::url_slug(name);
}

}  // namespace

const std::vector<RowRef>& MatrixSet::rows_of(size_t page) const {
  static const std::vector<RowRef> kNone;
  auto it = by_page.find(page);
  return it == by_page.end() ? kNone : it->second;
}

MatrixSet assemble(std::vector<Schema> schemas, std::vector<Block> blocks, const Corpus& corpus) {
  MatrixSet set;
  const auto& pages = corpus.pages;
  for (auto& s : schemas) {
    Matrix m;
    m.url = "matrices/" + text::url_slug(s.id) + ".html";
    m.schema = std::move(s);
    set.matrices.push_back(std::move(m));
  }
  for (auto& b : blocks) {
    if (b.schema >= set.matrices.size() || b.page >= pages.size()) continue;
    Row r;
    r.page = b.page;
    r.cells = std::move(b.cells);
    set.matrices[b.schema].rows.push_back(std::move(r));
  }
  for (size_t mi = 0; mi < set.matrices.size(); ++mi) {
    auto& rows = set.matrices[mi].rows;
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      const Page& pa = pages[a.page];
      const Page& pb = pages[b.page];
      if (pa.title != pb.title) return text::title_less(pa.title, pb.title);
      return pa.source < pb.source;
    });
    // Ids must be unique in a matrix (two folders may hold "athena.md").
    std::set<std::string> taken;
    for (size_t ri = 0; ri < rows.size(); ++ri) {
      std::string slug = row_slug(pages[rows[ri].page]);
      std::string id = slug;
      for (int n = 2; !taken.insert(id).second; ++n) id = slug + "-" + std::to_string(n);
      rows[ri].id = id;
      set.by_page[rows[ri].page].push_back({mi, ri});
    }
  }
  return set;
}

MatrixSet build(const std::filesystem::path& notes_dir, const Corpus& corpus, const NoteFinder& find_note,
                Diagnostics& diags) {
  auto schemas = load_schemas(notes_dir / "data" / "matrices", diags);
  if (schemas.empty()) return {};
  auto blocks = validate(schemas, corpus, find_note, diags);
  MatrixSet set = assemble(std::move(schemas), std::move(blocks), corpus);
  // A note page at a generated page's URL would be overwritten by it.
  std::set<std::string> urls = {kIndexUrl};
  for (const auto& m : set.matrices) urls.insert(m.url);
  for (const auto& p : corpus.pages)
    if (urls.count(p.url))
      diags.error(content::display_path(p.file), 0, 0,
                  "this note's page " + p.url + " is where kb writes a comparison matrix page; rename the note or its folder");
  return set;
}

}  // namespace kb::matrix
