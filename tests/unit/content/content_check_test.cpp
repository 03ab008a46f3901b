// check_content() as a whole: the verdict is the worst finding's severity,
// the links, the safe HTML and the structure come from one message, peers'
// failures are info, and the JSON is the documented object.
#include <mailwarden/content_check.hpp>

#include "support/memory_resolver.hpp"

#include <boost/json.hpp>
#include <doctest/doctest.h>

using namespace mailwarden;

namespace {

const std::string plain =
    "From: News <news@example.org>\r\nTo: ann@example.net\r\nSubject: Hi\r\n\r\n"
    "Our news: https://clean.example/news and https://listed.example/x\r\n";

ContentCheckOptions with_list(std::shared_ptr<test_support::MemoryResolver> dns,
                              ContentSeverity severity = ContentSeverity::block) {
    ContentCheckOptions options;
    options.resolver = std::move(dns);
    Blocklist list;
    list.name = "dbl";
    list.zone = "dbl.test";
    list.codes = {{"127.0.1.2", "spam domain"}};
    list.severity = severity;
    options.blocklists.push_back(list);
    return options;
}

}  // namespace

TEST_CASE("a clean message passes with its links and nothing else") {
    auto dns = std::make_shared<test_support::MemoryResolver>();
    const auto report = check_content(plain, with_list(dns));
    REQUIRE(report);
    INFO(to_json(*report));
    CHECK(report->verdict == ContentVerdict::pass);
    REQUIRE(report->links.size() == 2);
    CHECK(report->links[0].domain == "clean.example");
    CHECK_FALSE(report->sanitized.has_value());
    CHECK_FALSE(report->spam.has_value());
}

TEST_CASE("the verdict is the worst severity: a listed link blocks, or needs review when the list says so") {
    auto dns = std::make_shared<test_support::MemoryResolver>();
    dns->a("listed.example.dbl.test", "127.0.1.2");
    auto report = check_content(plain, with_list(dns));
    REQUIRE(report);
    CHECK(report->verdict == ContentVerdict::block);
    CHECK(report->has_finding("link.listed"));
    CHECK(report->links[1].listed_on == std::vector<std::string>{"dbl: spam domain"});
    report = check_content(plain, with_list(dns, ContentSeverity::review));
    REQUIRE(report);
    CHECK(report->verdict == ContentVerdict::review);
}

TEST_CASE("an HTML part comes back made safe, with its text") {
    const std::string html =
        "From: a@example.org\r\nTo: b@example.net\r\nSubject: x\r\nContent-Type: text/html\r\n\r\n"
        "<p>Hi <b>Ann</b><script>steal()</script></p>\r\n";
    const auto report = check_content(html, {});
    REQUIRE(report);
    REQUIRE(report->sanitized.has_value());
    CHECK(report->sanitized->html.find("script") == std::string::npos);
    CHECK(report->sanitized->text.find("Hi Ann") != std::string::npos);
    CHECK(report->has_finding("html.only"));
    CHECK(report->verdict == ContentVerdict::review);
}

TEST_CASE("a spamd that is not there is an info finding, and the verdict stands") {
    ContentCheckOptions options;
    options.spamd = SpamdServer{"127.0.0.1", 9, std::chrono::milliseconds(500), 5.0, 10.0};  // discard: refused
    const auto report = check_content(plain, options);
    REQUIRE(report);
    CHECK(report->has_finding("spamd.unavailable"));
    CHECK(report->verdict == ContentVerdict::pass);
    CHECK_FALSE(report->spam.has_value());
}

TEST_CASE("an empty message is an error; the JSON is the documented object, always UTF-8") {
    CHECK(check_content("", {}).error().kind() == errc::invalid_argument);
    const auto report = check_content("From: a@example.org\r\nSubject: \xE9t\xE9\r\n\r\nhttps://caf\xE9.example/\r\n", {});
    REQUIRE(report);
    const auto json = boost::json::parse(to_json(*report)).as_object();
    CHECK(json.contains("verdict"));
    CHECK(json.at("findings").is_array());
    CHECK(json.at("links").is_array());
    CHECK(json.at("spam_score").is_null());
    CHECK(json.at("spam").is_null());
}
