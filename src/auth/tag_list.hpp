// The tag=value lists of DKIM key records (RFC 6376 3.2) and DMARC records
// (RFC 7489 6.4): "v=DKIM1; k=rsa; p=MIIB...". Whitespace around names and
// values is folding and is dropped; an empty trailing element is allowed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::auth {

struct Tag {
    std::string name;   ///< as written (names are case-sensitive in DKIM, not in DMARC)
    std::string value;  ///< surrounding whitespace removed
};

struct TagListError {
    std::string message;  ///< e.g. "tag 'p' appears twice"
};

/// Parses a tag list. Errors: a malformed element, an invalid tag name, or a
/// duplicate tag (compared case-sensitively unless `ignore_case`).
std::optional<std::vector<Tag>> parse_tag_list(std::string_view text, TagListError& error, bool ignore_case = false);

/// The value of `name` in `tags`, or nullptr.
const Tag* find_tag(const std::vector<Tag>& tags, std::string_view name, bool ignore_case = false);

/// The items of a list value ("sha1:sha256", "From : To"), each trimmed;
/// empty items are kept so that callers can refuse them.
std::vector<std::string_view> split_list(std::string_view value, char separator = ':');

/// `value` without any whitespace: base64 values may be folded anywhere.
std::string remove_whitespace(std::string_view value);

std::string_view trim(std::string_view s) noexcept;
bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace mailwarden::auth
