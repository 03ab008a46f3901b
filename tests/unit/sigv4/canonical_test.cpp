// The canonical-request pieces one by one: URI encoding, paths (normalised,
// double-encoded or not), queries, header values; URL splitting; dates.
#include "net/sigv4/canonical.hpp"

#include <mailwarden/error.hpp>
#include <mailwarden/net/sigv4.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace detail = mailwarden::sigv4::detail;
namespace sigv4 = mailwarden::sigv4;

namespace {

std::string encoded(std::string_view s, bool keep_slash) {
    std::string out;
    detail::append_uri_encoded(out, s, keep_slash);
    return out;
}

std::string decoded(std::string_view s) {
    std::string out;
    detail::append_percent_decoded(out, s);
    return out;
}

std::string path(std::string_view wire, bool normalize = true, bool double_encode = true) {
    std::string out;
    std::vector<std::string_view> scratch;
    detail::append_canonical_path(out, wire, normalize, double_encode, scratch);
    return out;
}

std::string query(std::string_view wire) {
    detail::QueryBuilder q;
    q.add_wire_query(wire);
    std::string out;
    q.append_sorted(out);
    return out;
}

std::string folded(std::string_view v) {
    std::string out;
    detail::append_folded_value(out, v);
    return out;
}

}  // namespace

TEST_CASE("URI encoding keeps only the RFC 3986 unreserved set") {
    CHECK(encoded("AZaz09-._~", false) == "AZaz09-._~");
    CHECK(encoded("a b", false) == "a%20b");
    CHECK(encoded("a/b", false) == "a%2Fb");
    CHECK(encoded("a/b", true) == "a/b");
    CHECK(encoded("!*'()+=&$,;:@?#[]%", false) == "%21%2A%27%28%29%2B%3D%26%24%2C%3B%3A%40%3F%23%5B%5D%25");
    CHECK(encoded("\xe1\x88\xb4", false) == "%E1%88%B4");
    CHECK(encoded(std::string_view("\0\x7f\xff", 3), false) == "%00%7F%FF");
    CHECK(encoded("", false).empty());
}

TEST_CASE("percent decoding decodes valid escapes only") {
    CHECK(decoded("%41%62") == "Ab");
    CHECK(decoded("%e1%88%B4") == "\xe1\x88\xb4");
    CHECK(decoded("a+b") == "a+b");
    CHECK(decoded("%zz%4%") == "%zz%4%");
    CHECK(decoded("100%") == "100%");
    CHECK(decoded("%2") == "%2");
    CHECK(decoded("%25") == "%");
}

TEST_CASE("canonical path: normalisation") {
    CHECK(path("/") == "/");
    CHECK(path("") == "/");
    CHECK(path("//") == "/");
    CHECK(path("/./") == "/");
    CHECK(path("/example/..") == "/");
    CHECK(path("/a/b/../..") == "/");
    CHECK(path("/../../a") == "/a");
    CHECK(path("//example//") == "/example/");
    CHECK(path("/./example") == "/example");
    CHECK(path("/a/./b/../c/") == "/a/c/");
    CHECK(path("/a/.") == "/a");
    CHECK(path("/a/..b/.c") == "/a/..b/.c");
    CHECK(path("/v2/email/outbound-emails") == "/v2/email/outbound-emails");
}

TEST_CASE("canonical path: without normalisation the segments stay") {
    CHECK(path("//example//", false) == "//example//");
    CHECK(path("/example/..", false) == "/example/..");
    CHECK(path("/./", false) == "/./");
}

TEST_CASE("canonical path: double encoding encodes the wire form once more") {
    CHECK(path("/a%20b") == "/a%2520b");
    CHECK(path("/example space/") == "/example%20space/");
    CHECK(path("/\xe1\x88\xb4") == "/%E1%88%B4");
    CHECK(path("/%E1%88%B4") == "/%25E1%2588%25B4");
    CHECK(path("/example/$delete") == "/example/%24delete");
    CHECK(path("/a%2Fb") == "/a%252Fb");
}

TEST_CASE("canonical path: single encoding (S3) keeps the wire form") {
    CHECK(path("/a%20b/c$d:e@f", false, false) == "/a%20b/c$d:e@f");
    CHECK(path("/my-object//example//photo.user", false, false) == "/my-object//example//photo.user");
    CHECK(path("/a b\xe1\x88\xb4", false, false) == "/a%20b%E1%88%B4");
    CHECK(path("/a\"<>{}|\\^`#?[]", false, false) == "/a%22%3C%3E%7B%7D%7C%5C%5E%60%23%3F%5B%5D");
}

TEST_CASE("canonical query: decoded, encoded canonically, sorted by key then value") {
    CHECK(query("") == "");
    CHECK(query("Param2=value2&Param1=value1") == "Param1=value1&Param2=value2");
    CHECK(query("Param1=value2&Param1=Value1") == "Param1=Value1&Param1=value2");
    CHECK(query("Param-3=Value3&Param=Value2&%E1%88%B4=Value1") == "%E1%88%B4=Value1&Param=Value2&Param-3=Value3");
    CHECK(query("\xe1\x88\xb4=bar") == "%E1%88%B4=bar");
    CHECK(query("a=%e1%88%b4") == "a=%E1%88%B4");
    CHECK(query("flag&x=") == "flag=&x=");
    CHECK(query("&&a=1&&") == "a=1");
    CHECK(query("a=b=c") == "a=b%3Dc");
    CHECK(query("q=a+b c") == "q=a%2Bb%20c");
    CHECK(query("k=%zz") == "k=%25zz");
    CHECK(query("b=2&a=2&a=10&a=1") == "a=1&a=10&a=2&b=2");
    CHECK(query("a-b=1&a=2&a.b=3") == "a=2&a-b=1&a.b=3");
}

TEST_CASE("canonical header values: trimmed, whitespace runs folded") {
    CHECK(folded("value") == "value");
    CHECK(folded("  value  ") == "value");
    CHECK(folded("\"a   b   c\"") == "\"a b c\"");
    CHECK(folded("value1\n  value2\n     value3") == "value1 value2 value3");
    CHECK(folded("\t a \t\r\n b \t") == "a b");
    CHECK(folded("   ").empty());
    CHECK(folded("a\xc2\xa0" "b") == "a\xc2\xa0" "b");
}

TEST_CASE("header names must be HTTP tokens") {
    CHECK(detail::is_token("X-Amz-Date"));
    CHECK(detail::is_token("a!#$%&'*+-.^_`|~9"));
    CHECK_FALSE(detail::is_token(""));
    CHECK_FALSE(detail::is_token("a b"));
    CHECK_FALSE(detail::is_token("a:b"));
    CHECK_FALSE(detail::is_token("a\r\n"));
    CHECK_FALSE(detail::is_token("caf\xc3\xa9"));
}

TEST_CASE("split_url: host (default port dropped), path, query") {
    sigv4::Request r;
    REQUIRE_FALSE(sigv4::split_url("https://email.us-east-1.amazonaws.com/v2/email/outbound-emails", r));
    CHECK(r.host == "email.us-east-1.amazonaws.com");
    CHECK(r.path == "/v2/email/outbound-emails");
    CHECK(r.query.empty());

    REQUIRE_FALSE(sigv4::split_url("https://example.com:443?a=1&b=%20", r));
    CHECK(r.host == "example.com");
    CHECK(r.path == "/");
    CHECK(r.query == "a=1&b=%20");

    REQUIRE_FALSE(sigv4::split_url("http://127.0.0.1:8080/a%20b/?x", r));
    CHECK(r.host == "127.0.0.1:8080");
    CHECK(r.path == "/a%20b/");
    CHECK(r.query == "x");

    REQUIRE_FALSE(sigv4::split_url("http://example.com:80/", r));
    CHECK(r.host == "example.com");
    REQUIRE_FALSE(sigv4::split_url("https://[::1]:4566/x", r));
    CHECK(r.host == "[::1]:4566");

    for (const char* bad : {"", "example.com/x", "/relative", "ftp://example.com/", "https://", "https:///x",
                            "https://exa mple.com/", "mailto:a@b"}) {
        INFO(bad);
        CHECK(sigv4::split_url(bad, r) == mailwarden::errc::invalid_argument);
    }
}

TEST_CASE("amz dates: format and parse") {
    const auto t = sigv4::parse_amz_date("20150830T123600Z");
    REQUIRE(t.has_value());
    CHECK(sigv4::format_amz_date(*t) == "20150830T123600Z");
    CHECK(sigv4::parse_amz_date("2015-08-30T12:36:00Z") == t);
    CHECK(sigv4::format_amz_date(*t + std::chrono::milliseconds(999)) == "20150830T123600Z");
    CHECK(sigv4::format_amz_date(std::chrono::system_clock::time_point{}) == "19700101T000000Z");
    const auto leap = sigv4::parse_amz_date("20240229T235959Z");
    REQUIRE(leap.has_value());
    CHECK(sigv4::format_amz_date(*leap + std::chrono::seconds(1)) == "20240301T000000Z");
    for (const char* bad : {"", "20150830T123600", "20151330T123600Z", "20230229T000000Z", "20150830T243600Z",
                            "20150830T126000Z", "20150830T123660Z", "2015083XT123600Z", "20150830 123600Z",
                            "2015-08-30 12:36:00Z",
                            // Outside what system_clock holds (and what is signed).
                            "29150830T123600Z", "99991231T235959Z", "19691231T235959Z"}) {
        INFO(bad);
        CHECK_FALSE(sigv4::parse_amz_date(bad).has_value());
    }
    CHECK(sigv4::format_amz_date(std::chrono::system_clock::time_point{} - std::chrono::hours(24)).empty());
    CHECK(sigv4::parse_amz_date("22611231T235959Z").has_value());
}

TEST_CASE("sha256_hex") {
    CHECK(sigv4::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sigv4::sha256_hex("Param1=value1") == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
}
