// valid_utf8: what JSON output gets from text of unknown bytes.
#include "common/utf8.hpp"

#include <doctest/doctest.h>

using mailwarden::common::valid_utf8;

namespace {
const std::string replacement = "\xEF\xBF\xBD";
}

TEST_CASE("well-formed UTF-8 comes back unchanged, one to four bytes") {
    const std::string text = "ascii \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\xA7 \xF4\x8F\xBF\xBF";
    CHECK(valid_utf8(text) == text);
    CHECK(valid_utf8("").empty());
}

TEST_CASE("each byte that starts no well-formed sequence becomes U+FFFD") {
    CHECK(valid_utf8("example.com\xE9") == "example.com" + replacement);             // Latin-1
    CHECK(valid_utf8("\xC0\xAF") == replacement + replacement);                       // overlong '/'
    CHECK(valid_utf8("\xE0\x80\xAF") == replacement + replacement + replacement);     // overlong, 3 bytes
    CHECK(valid_utf8("\xED\xA0\x80") == replacement + replacement + replacement);     // a surrogate
    CHECK(valid_utf8("\xF4\x90\x80\x80") == replacement + replacement + replacement + replacement);  // past U+10FFFF
    CHECK(valid_utf8("\xE2\x82") == replacement + replacement);                       // truncated
    CHECK(valid_utf8("a\x80z") == "a" + replacement + "z");                           // a lone continuation
    CHECK(valid_utf8(std::string("a\0b", 3)) == std::string("a\0b", 3));              // NUL is UTF-8
}
