// Text and attribute values written back as HTML: &, <, >, ", CR and the
// no-break space escaped; C0 controls other than tab, LF, FF and CR dropped.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::content_detail {

void append_escaped_text(std::string& out, std::string_view text);
void append_escaped_attribute(std::string& out, std::string_view value);

}  // namespace mailwarden::content_detail
