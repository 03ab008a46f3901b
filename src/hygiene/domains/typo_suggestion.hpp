// "Did you mean gmail.com?": the popular provider a mistyped domain is
// closest to. Only ever a suggestion; nothing applies it by itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::hygiene {

/// The popular provider within one edit (two for names of ten bytes or
/// more; an edit is an insertion, deletion, substitution or swap of
/// neighbours) of `domain`, the nearest and then the most used; nullopt
/// for a known provider's own domain or when none is that close.
std::optional<std::string> suggest_domain(std::string_view domain);

}  // namespace mailwarden::hygiene
