// Synonyms: groups of equivalent words and phrases for search, read from
// notes/data/synonyms.toml:
//
//   auc = ["area under the curve", "area under the ROC curve"]
//   rcf = ["random cut forest"]
//   recall = ["sensitivity", "true positive rate", "TPR"]
//
// Each key with its list is one group: a query for any of its phrases also
// finds pages that use any other. Keys may be quoted ("true positive rate" =
// [...]); a value may be a single string; tables nest ([metrics] auc = [...])
// to organise the file, their names are not part of any phrase.
//
// Contract: load_synonyms() never throws. A missing file is no synonyms (not
// an error). A malformed file, or a value that is not a string or a list of
// strings, is an error at its line and column in `diags`, and nullopt.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace kb::search {

struct SynonymGroup {
  std::string id;                    // term-safe id of the key ("auc", "random_cut_forest")
  std::vector<std::string> phrases;  // the key first, then its list, as written
  bool operator==(const SynonymGroup& o) const { return id == o.id && phrases == o.phrases; }
};

struct Synonyms {
  std::vector<SynonymGroup> groups;  // sorted by key (toml++ tables are); ids unique
};

std::optional<Synonyms> load_synonyms(const std::filesystem::path& file, Diagnostics& diags);

// Parse TOML text as if read from `file` (tests, and load_synonyms()).
std::optional<Synonyms> parse_synonyms(std::string_view text, const std::string& file,
                                       Diagnostics& diags);

}  // namespace kb::search
