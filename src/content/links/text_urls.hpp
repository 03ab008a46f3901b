// Bare URLs in text: "http(s)://", "hxxp(s)://", "www." hosts and
// defanged names ("evil[.]example"), cut where the URL ends (white space,
// quotes, angle brackets) without the trailing punctuation of the sentence.
#pragma once

#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

struct TextUrl {
    std::string_view written;
    bool without_scheme = false;  ///< a defanged name: read as http://
};

/// The URL-looking pieces of `text`, in order, as written (for
/// normalize_url()). Linear in the size of `text`.
std::vector<TextUrl> find_text_urls(std::string_view text);

}  // namespace mailwarden::content_detail
