// HTML made safe, per second on one core: a newsletter (tests/data/content/
// newsletters/green-thumb.html, 24 KB, 30 links, 10 images, a style block)
// through sanitize_html(), through analyze_html() (the structure facts), and
// through both, as check_content() does for an HTML part; next to gumbo's
// parse alone, the floor under all three.
//   bench_content_html [FILE] [--seconds S]
// run_content_html_bench.sh runs it next to bleach on the same file.
#include <mailwarden/content_check.hpp>

#include "content/html/html_facts.hpp"

#include <gumbo.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace {

template <class F>
double per_second(double seconds, F&& f) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t n = 0;
    double elapsed = 0;
    do {
        for (int i = 0; i < 20; ++i) f();
        n += 20;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < seconds);
    return static_cast<double>(n) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
    std::string file = std::string(MW_TEST_DATA_DIR) + "/content/newsletters/green-thumb.html";
    double seconds = 2.0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::atof(argv[++i]);
        else file = argv[i];
    }
    std::ifstream in(file, std::ios::binary);
    const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (html.empty()) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        return 2;
    }
    const auto check = mailwarden::sanitize_html(html);
    if (!check) return 1;
    std::printf("input: %zu bytes; sanitized: %zu bytes, text %zu bytes\n", html.size(), check->html.size(), check->text.size());

    const double parse = per_second(seconds, [&] {
        GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
        gumbo_destroy_output(&kGumboDefaultOptions, out);
    });
    const double sanitize = per_second(seconds, [&] { (void)mailwarden::sanitize_html(html); });
    const double facts = per_second(seconds, [&] { (void)mailwarden::content_detail::analyze_html(html); });
    const double both = per_second(seconds, [&] {
        std::vector<mailwarden::ContentFinding> findings;
        mailwarden::content_detail::html_findings(mailwarden::content_detail::analyze_html(html), findings);
        (void)mailwarden::sanitize_html(html);
    });
    std::printf("gumbo parse alone:           %8.0f /s\n", parse);
    std::printf("mailwarden sanitize_html:    %8.0f /s (HTML and text alternative)\n", sanitize);
    std::printf("mailwarden analyze_html:     %8.0f /s\n", facts);
    std::printf("mailwarden both (a check):   %8.0f /s\n", both);
    return 0;
}
