// Fuzz target: site.toml (config/config.h). config::parse() of any bytes
// never throws; on success it gives a Config, else errors with places.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/config.h"
#include "core/diagnostic.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  kb::Diagnostics diags;
  auto config = kb::config::parse(text, "/kb-fuzz/site/site.toml", diags);
  KB_FUZZ_CHECK(config.has_value() != diags.has_errors());
  (void)diags.report();
  if (config) {
    (void)config->primary_exam();
    for (const auto& e : config->exams) (void)config->exam(e.id);
  }
  return 0;
}
