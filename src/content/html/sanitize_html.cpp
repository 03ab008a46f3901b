// mailwarden::sanitize_html: the size and depth limits, one parse, the
// sanitized copy and its text alternative.
#include <mailwarden/content_check.hpp>

#include "content/html/gumbo_tree.hpp"
#include "content/html/html_sanitizer.hpp"
#include "content/html/html_text.hpp"
#include "content/html/nesting_guard.hpp"

namespace mailwarden {

namespace cd = content_detail;

Result<SanitizedHtml, Error> sanitize_html(std::string_view html) {
    constexpr std::size_t limit = 16 * 1024 * 1024;
    if (html.size() > limit) return unexpected(Error(errc::out_of_range, "the HTML is larger than 16 MiB"));
    if (cd::nested_too_deeply(html))
        return unexpected(Error(errc::out_of_range, "the HTML nests elements deeper than " + std::to_string(cd::max_html_depth)));
    const cd::GumboTree tree(html);
    cd::SanitizeOutput out = cd::sanitize_tree(tree);
    return SanitizedHtml{std::move(out.html), cd::text_alternative(tree), std::move(out.removed)};
}

}  // namespace mailwarden
