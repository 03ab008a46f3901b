// mailwarden::sanitize_html: the size and depth limits, one parse, the
// sanitized copy and its text alternative.
#include <mailwarden/content_check.hpp>

#include "content/html/gumbo_tree.hpp"
#include "content/html/html_sanitizer.hpp"
#include "content/html/html_text.hpp"
#include "content/html/nesting_guard.hpp"

#include <algorithm>
#include <memory>

namespace mailwarden {

namespace cd = content_detail;

std::optional<Error> content_detail::unsanitizable(std::string_view html) {
    constexpr std::size_t limit = 16 * 1024 * 1024;
    if (html.size() > limit) return Error(errc::out_of_range, "the HTML is larger than 16 MiB");
    if (cd::nested_too_deeply(html))
        return Error(errc::out_of_range, "the HTML nests elements deeper than " + std::to_string(cd::max_html_depth));
    return std::nullopt;
}

SanitizedHtml content_detail::sanitize_document(std::unique_ptr<GumboTree> tree) {
    cd::SanitizeOutput out = cd::sanitize_tree(*tree);
    // A tree the parser rearranged may not parse back into itself: the
    // output is sanitized again until it is a fixed point (in practice one
    // or two more rounds), so that what is returned reads the same to every
    // HTML5 parser, and sanitizing it again changes nothing.
    // Formatting elements the adoption agency keeps moving (<u><s><u>
    // across list items ...) are unwrapped after three rounds.
    for (int round = 0; !out.settled && round < 6; ++round) {
        auto next_tree = std::make_unique<cd::GumboTree>(out.html);
        cd::SanitizeOutput next = cd::sanitize_tree(*next_tree, round >= 3);
        for (std::string& r : next.removed)
            if (std::find(out.removed.begin(), out.removed.end(), r) == out.removed.end() && out.removed.size() < 64)
                out.removed.push_back(std::move(r));
        const bool same = next.html == out.html;
        out.html = std::move(next.html);
        out.settled = same;
        tree = std::move(next_tree);
    }
    return SanitizedHtml{std::move(out.html), cd::text_alternative(*tree), std::move(out.removed)};
}

Result<SanitizedHtml, Error> sanitize_html(std::string_view html) {
    if (auto problem = cd::unsanitizable(html)) return unexpected(std::move(*problem));
    return cd::sanitize_document(std::make_unique<cd::GumboTree>(html));
}

}  // namespace mailwarden
