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
// - `style` passes only when it holds no `expression`, `url(`, `image(`,
//   `image-set(`, `src(`, `javascript`, `vbscript`, `@import`, `behavior`,
//   `binding`, CSS escape (backslash), comment (`/*`), `<` or `&` (no
//   character reference can spell one of those past the check).
// - `target` on a link passes only as _blank or _self, and then the link
//   gets rel="noopener noreferrer".
// - A known character reference in a value is written afresh, escaped (what
//   was checked is what the browser reads); a named one kb does not decode
//   (`&copy;`) stays as written, and a bare `&` becomes `&amp;`.
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
// - End tags balance: an end tag that closes no element the fragments of the
//   same container opened is dropped (a stray `</div>` cannot close the
//   page's own elements), one that does also closes what was opened inside
//   it, and close_open_elements() gives the end tags of what is still open
//   when the container ends. Elements whose end tag HTML lets the author
//   leave out (p, li, dt, dd, tr, td, th, thead, tbody, tfoot, colgroup, rt,
//   rp) are left for the browser to close. At most 256 elements are open at
//   once; a start tag beyond that is dropped like a disallowed one.
// Pure functions; thread-safe. Never throws; any byte string is accepted, in
// time linear in its length for any input a note can hold.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb::markdown {

// What one fragment leaves open for the next one of the same container.
struct SanitizeState {
  std::string dropping;           // element whose content is being dropped ("script"), or ""
  std::vector<std::string> open;  // allowed elements opened and not closed, outermost first
};

std::string sanitize_html(std::string_view html, SanitizeState& state);

// The end tags of what `state` still has open, innermost first (those HTML
// lets the browser close left out); empties state.open.
std::string close_open_elements(SanitizeState& state);

// One fragment on its own (a fresh state).
std::string sanitize_html(std::string_view html);

// Whether `name` (lower case) is an element that passes.
bool allowed_element(std::string_view name);

// Whether a URL (attribute value as written, character references and all)
// is safe for `attribute` of `element`: see the contract above.
bool safe_url(std::string_view url, std::string_view element, std::string_view attribute);

}  // namespace kb::markdown
