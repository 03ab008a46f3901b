// Every XSS vector of tests/data/content/xss/ sanitized, alone and inside a
// newsletter: nothing script-capable survives (checked by parsing the
// output again, html_safety.hpp), and sanitizing the output again changes
// nothing.
#include <mailwarden/content_check.hpp>

#include "unit/content/html_safety.hpp"
#include "unit/content/html_test_files.hpp"

#include <doctest/doctest.h>

namespace {

void check_vector(const std::string& vector) {
    CAPTURE(vector);
    const auto once = mailwarden::sanitize_html(vector);
    REQUIRE(once.has_value());
    CAPTURE(once->html);
    CHECK(html_safety::problem(once->html).empty());
    CHECK(html_safety::problem(once->html) == "");
    const auto twice = mailwarden::sanitize_html(once->html);
    REQUIRE(twice.has_value());
    CHECK(twice->html == once->html);
    CHECK(twice->text == once->text);
}

std::size_t run(const std::string& file) {
    const auto vectors = html_test::vectors("xss/" + file);
    const std::string letter = html_test::read("newsletters/letter.html");
    for (const std::string& v : vectors) {
        check_vector(v);
        check_vector("<p>Hello</p>" + v + "<p>Bye</p>");
        check_vector(letter + v);
        check_vector("<table><tr><td>" + v + "</td></tr></table>");
    }
    return vectors.size();
}

}  // namespace

TEST_CASE("sanitize_html: the OWASP filter evasion vectors leave nothing that runs") {
    CHECK(run("owasp-filter-evasion.txt") == 135);
}

TEST_CASE("sanitize_html: mutation and modern vectors leave nothing that runs") {
    CHECK(run("mutation-and-modern.txt") == 70);
}

TEST_CASE("sanitize_html: the checker itself sees the unsanitized vectors") {
    // The corpus would prove nothing if the checker missed what it holds.
    std::size_t caught = 0;
    const auto vectors = html_test::vectors("xss/owasp-filter-evasion.txt");
    for (const std::string& v : vectors)
        if (!html_safety::problem(v).empty()) ++caught;
    CHECK(caught >= 90);
}
