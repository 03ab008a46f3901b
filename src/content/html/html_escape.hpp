// Text and attribute values written back as HTML: &, <, >, ", CR and the
// no-break space escaped; what a parser would not read back the same (bytes
// that are not UTF-8, the characters HTML forbids in a document) mended.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::content_detail {

/// `raw` as an HTML parser reads it back unchanged: each byte that is not
/// UTF-8 becomes U+FFFD, and the characters a parser would replace are
/// dropped (controls other than tab, LF, FF and CR; noncharacters).
std::string html_characters(std::string_view raw);

/// html_characters() without CR, for values judged as written (attribute
/// values, style sheets, link targets), where CR has no place.
std::string without_controls(std::string_view value);

void append_escaped_text(std::string& out, std::string_view text);
void append_escaped_attribute(std::string& out, std::string_view value);

}  // namespace mailwarden::content_detail
