// libFuzzer target: Authentication-Results values, ARC ones, and whole
// headers. Parsing never fails; what renders parses back without problems
// and renders to the same text.
#include "message/auth_results/fields.hpp"
#include "message/auth_results/parser.hpp"
#include "message/auth_results/renderer.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace md = mailwarden::message_detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)md::parse_arc_auth_results(text);
    (void)md::find_auth_results(md::split_message(text));
    const md::AuthResults parsed = md::parse_auth_results(text);
    // Nothing unread is lost: each problem's text is a piece of the input.
    for (const auto& p : parsed.problems)
        if (p.offset > size || text.substr(p.offset, p.text.size()) != p.text) std::abort();
    const auto first = md::render_auth_results(parsed);
    if (!first) return 0;
    const md::AuthResults again = md::parse_auth_results(*first);
    if (!again.problems.empty()) std::abort();
    const auto second = md::render_auth_results(again);
    if (!second || *second != *first) std::abort();
    return 0;
}
