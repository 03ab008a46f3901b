// libFuzzer target: the HTML sanitizer (sanitize_html) and the HTML facts.
// Besides never crashing:
// - the output parsed again holds nothing that could run script
//   (tests/unit/content/html_safety.hpp, independent of the sanitizer);
// - the output sanitized again is the same bytes, with the same text;
// - analyze_html and html_findings accept anything.
#include <mailwarden/content_check.hpp>

#include "content/html/html_facts.hpp"
#include "unit/content/html_safety.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view html(reinterpret_cast<const char*>(data), size);
    std::vector<mailwarden::ContentFinding> findings;
    mailwarden::content_detail::html_findings(mailwarden::content_detail::analyze_html(html), findings);

    const auto once = mailwarden::sanitize_html(html);
    if (!once) return 0;
    if (const std::string problem = html_safety::problem(once->html); !problem.empty()) {
        std::fprintf(stderr, "unsafe output (%s):\n%s\n", problem.c_str(), once->html.c_str());
        std::abort();
    }
    const auto twice = mailwarden::sanitize_html(once->html);
    if (!twice || twice->html != once->html || twice->text != once->text) {
        std::fprintf(stderr, "not idempotent:\n%s\n---\n%s\n", once->html.c_str(), twice ? twice->html.c_str() : "(error)");
        std::abort();
    }
    return 0;
}
