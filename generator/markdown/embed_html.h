// The HTML of a file embedded in a note: Obsidian's `![[file]]` and the
// markdown image form `![alt](file)` for what is not a plain image.
//
// What a file shows as goes by its extension, ASCII case-insensitive, as in
// Obsidian:
//   png jpg jpeg gif bmp svg webp avif ico tif tiff   -> <img>
//   pdf                                   -> <iframe> (the browser's viewer)
//                                            and a download link beneath it
//   mp3 wav m4a ogg oga opus flac aac 3gp -> <audio controls>
//   mp4 webm ogv mov mkv m4v              -> <video controls>
//   anything else                         -> a plain link to the file
// (webm is a video element: it plays sound-only webm files too.)
// - Sizes (LinkRef::width/height, wikilink.h): an image or video gets width
//   (and height) attributes, and with both an inline style height (the
//   site's `height: auto` would win over the attribute); CSS keeps it within
//   the column and, with only a width, its aspect ratio. A PDF's single number is the viewer's height
//   (Obsidian: `![[paper.pdf#height=400]]`, also read here), "WxH" both.
// - A PDF fragment `#page=N` is kept on the viewer's URL (browsers' viewers
//   open at that page); `#height=N` sets the height and is not passed on.
// - Audio and video hold a link to the file inside, which browsers without
//   the element (or the codec) show instead.
//
// Contract: pure functions; every attribute value is HTML-escaped; `href` is
// the final relative URL of the file (no fragment), as the resolver gave it.
#pragma once

#include <string>
#include <string_view>

#include "markdown/markdown.h"

namespace kb::markdown {

enum class EmbedKind { kImage, kPdf, kAudio, kVideo, kOther };

// What a file of this path or URL shows as (its extension; a "?query" or
// "#fragment" is ignored).
EmbedKind embed_kind(std::string_view path);

// The markup of an embedded file found at `href`; `title` (may be "") becomes
// a title attribute.
std::string embed_html(const LinkRef& ref, std::string_view href, std::string_view title);

}  // namespace kb::markdown
