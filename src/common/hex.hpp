// Lower-case hexadecimal of bytes, for file names, tokens and MACs.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::common {

std::string hex_lower(std::string_view bytes);

}  // namespace mailwarden::common
