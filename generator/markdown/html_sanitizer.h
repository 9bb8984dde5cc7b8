// HTML sanitizer: the raw HTML of a note, filtered through an allow-list.
//
// Notes carry HTML that readers expect to see rendered (`<span class=...>`,
// `<br>` in a table cell, `<kbd>`, `<details>`), and sometimes HTML that
// must never reach a published page (`<script>`, `onerror=`, `javascript:`
// URLs, `<iframe srcdoc>`). cmark-gfm hands raw HTML over as fragments: an
// inline HTML node is usually one tag, an HTML block a chunk of tags and
// text. sanitize_html() rewrites one fragment:
// - Text between tags passes as written (entities included); a `<` that does
//   not start a well-formed tag becomes `&lt;`.
// - An allowed element (allowed_element()) is re-emitted in lower case with
//   only its allowed attributes, each value re-quoted and escaped. Any `on*`
//   handler, and any attribute not on the list, is dropped.
// - URL attributes (href, src, srcset, cite, poster) keep only http:,
//   https:, mailto:, tel: and relative URLs, checked after decoding
//   character references and removing white space and control characters;
//   `data:` passes only as an `<img>`/`<source>` source of a raster image
//   (png, gif, jpeg, webp: no SVG, which can script).
// - `style` passes only when it holds no `expression`, `url(`, `javascript`,
//   `vbscript`, `@import`, `behavior`, `-moz-binding`, backslash, `<` or
//   character reference.
// - Elements that run or embed code or forms (script, style, iframe, frame,
//   object, embed, applet, template, svg, math, noscript, textarea, select,
//   title, xmp, noembed, noframes, plaintext, form controls) never pass; for
//   those with content (script, style, iframe, object, template, svg, math,
//   noscript, textarea, select, title, xmp, noembed, noframes, plaintext)
//   the content is dropped too, up to the matching end tag, even when it
//   lies in a later fragment: SanitizeState carries that across fragments.
// - Other unknown or disallowed tags (html, body, meta, link, base, form,
//   input, button, custom elements) are dropped, their content kept as text.
// - Comments, `<!DOCTYPE>`, `<?…?>` and CDATA are dropped.
// Pure functions; thread-safe. Never throws; any byte string is accepted.
#pragma once

#include <string>
#include <string_view>

namespace kb::markdown {

// What one fragment leaves open for the next one of the same container.
struct SanitizeState {
  std::string dropping;  // element whose content is being dropped ("script"), or ""
};

std::string sanitize_html(std::string_view html, SanitizeState& state);

// One fragment on its own (a fresh state).
std::string sanitize_html(std::string_view html);

// Whether `name` (lower case) is an element that passes.
bool allowed_element(std::string_view name);

// Whether a URL (attribute value as written, character references and all)
// is safe for `attribute` of `element`: see the contract above.
bool safe_url(std::string_view url, std::string_view element, std::string_view attribute);

}  // namespace kb::markdown
