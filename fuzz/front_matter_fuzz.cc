// Fuzz target: a note's front matter (content/front_matter.h). Splits any
// bytes into block and body, parses the block (YAML or TOML), and checks the
// fast YAML reader (content/yaml_lite.h) against yaml-cpp on every block it
// takes: it must give exactly what yaml-cpp gives.
#include <cstddef>
#include <cstdint>
#include <string>

#include "content/front_matter.h"
#include "content/yaml_lite.h"
#include "core/diagnostic.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  kb::Diagnostics diags;
  // A note left out says so in a warning (kb::kLeftOut); nothing here is an
  // error (one note never stops a vault).
  auto left_out = [&] { return kb::fuzz::says_left_out(diags); };
  auto split = kb::front_matter::split(text, "fuzz.md", diags);
  if (!split) {
    KB_FUZZ_CHECK(left_out() && !diags.has_errors());
    return 0;
  }
  // The block and body are views into the text.
  KB_FUZZ_CHECK(split->body.empty() || (split->body.data() >= text.data() &&
                                        split->body.data() + split->body.size() <= text.data() + text.size()));
  auto fm = kb::front_matter::parse(*split, text, "fuzz.md", diags);
  KB_FUZZ_CHECK(fm.has_value() != left_out());
  KB_FUZZ_CHECK(!diags.has_errors());
  (void)diags.report();
  if (split->format == kb::front_matter::Split::Format::kYaml) {
    auto lite = kb::front_matter::read_simple_yaml(split->block, split->block_line);
    if (lite) {
      auto full = kb::front_matter::read_yaml_with_yaml_cpp(split->block, split->block_line);
      KB_FUZZ_CHECK(full.has_value());
      const std::string a = kb::front_matter::describe(*lite), b = kb::front_matter::describe(*full);
      if (a != b) {
        std::fprintf(stderr, "yaml lite:\n%s\nyaml-cpp:\n%s\n", a.c_str(), b.c_str());
        KB_FUZZ_CHECK(!"read_simple_yaml() differs from yaml-cpp");
      }
    }
  }
  for (size_t i = 0; i < 3 && i < text.size(); ++i) (void)kb::front_matter::pointer_segment(text.substr(i, 8));
  return 0;
}
