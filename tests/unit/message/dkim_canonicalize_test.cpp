// DKIM canonicalization: the RFC 6376 3.4.6 example, line ends, chunking,
// and crafted bodies that must stay linear.
#include "message/dkim/canonicalize.hpp"
#include "message/dkim/header_hash.hpp"
#include "message/dkim/message_fields.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

using namespace mailwarden::message_detail;

namespace {

std::string body(Canonicalization mode, std::string_view in, std::size_t chunk = 0) {
    std::string out;
    BodyCanonicalizer c(mode, [&](std::string_view piece) { out.append(piece); });
    if (chunk == 0) {
        c.update(in);
    } else {
        for (std::size_t i = 0; i < in.size(); i += chunk) c.update(in.substr(i, chunk));
    }
    c.finish();
    return out;
}

std::string header(Canonicalization mode, std::string_view field) {
    std::string out;
    canonicalize_header(mode, field, out);
    return out;
}

constexpr auto simple = Canonicalization::simple;
constexpr auto relaxed = Canonicalization::relaxed;

}  // namespace

TEST_CASE("the RFC 6376 3.4.6 example") {
    CHECK(header(relaxed, "A: X") == "a:X");
    CHECK(header(relaxed, "B : Y\t\r\n\tZ  ") == "b:Y Z");
    CHECK(header(simple, "B : Y\t\r\n\tZ  ") == "B : Y\t\r\n\tZ  ");
    const std::string_view in = " C \r\nD \t E\r\n\r\n\r\n";
    CHECK(body(relaxed, in) == " C\r\nD E\r\n");
    CHECK(body(simple, in) == " C \r\nD \t E\r\n");
}

TEST_CASE("header fields: folding, case, blanks around the colon, LF line ends") {
    CHECK(header(relaxed, "SUBJECT:   Hello\r\n   world\t ") == "subject:Hello world");
    CHECK(header(relaxed, "Subject:") == "subject:");
    CHECK(header(relaxed, "X-A \t:\t v") == "x-a:v");
    CHECK(header(simple, "Subject: a\n b") == "Subject: a\r\n b");
    CHECK(header(relaxed, "Subject: a\n b") == "subject:a b");
}

TEST_CASE("bodies: empty, unterminated, trailing blank lines, whitespace-only lines") {
    CHECK(body(simple, "") == "\r\n");
    CHECK(body(relaxed, "") == "");
    CHECK(body(simple, "\r\n\r\n") == "\r\n");
    CHECK(body(relaxed, "\r\n \t\r\n") == "");
    CHECK(body(simple, "abc") == "abc\r\n");
    CHECK(body(relaxed, "abc  ") == "abc\r\n");
    CHECK(body(simple, "a\r\n \r\n\r\n") == "a\r\n \r\n");  // a line of blanks is not empty in simple
    CHECK(body(relaxed, "a\r\n \r\n\r\nb") == "a\r\n\r\n\r\nb\r\n");
    CHECK(body(relaxed, "\t x") == " x\r\n");
}

TEST_CASE("bare LF counts as CRLF; a bare CR is data") {
    CHECK(body(simple, "a\nb\n\n") == body(simple, "a\r\nb\r\n\r\n"));
    CHECK(body(relaxed, "a \nb\n\n") == "a\r\nb\r\n");
    CHECK(body(simple, "a\rb\r\n") == "a\rb\r\n");
    CHECK(body(relaxed, "a \r b") == "a \r b\r\n");
}

TEST_CASE("any chunking gives the same bytes") {
    const std::string in = " x \t\r\n\r\ny\rz\r\n  \r\n\r\n w\r\n\r";
    for (const auto mode : {simple, relaxed}) {
        const std::string whole = body(mode, in);
        for (std::size_t chunk = 1; chunk <= in.size(); ++chunk) CHECK(body(mode, in, chunk) == whole);
    }
}

// Linear time, judged by growth rather than a wall-clock bound (which a
// busy or instrumented build would miss): eight times the input must take
// well under the 64 times a quadratic canonicalizer would.
namespace {

std::chrono::nanoseconds fastest_of_three(Canonicalization mode, const std::string& in) {
    auto best = std::chrono::nanoseconds::max();
    for (int round = 0; round < 3; ++round) {
        const auto start = std::chrono::steady_clock::now();
        std::size_t size = 0;  // all-blank bodies shrink to nothing (relaxed) or one CRLF
        BodyCanonicalizer c(mode, [&](std::string_view piece) { size += piece.size(); });
        c.update(in);
        c.finish();
        best = std::min(best, std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start));
        CHECK(size <= in.size() + 2);
    }
    return best;
}

}  // namespace

TEST_CASE("crafted bodies up to 5 MB canonicalize in linear time") {
    const auto blanks = [](std::size_t runs) {
        std::string s;
        for (std::size_t i = 0; i < runs; ++i) s.append(" \t \r\n\r\n");  // whitespace runs and empty lines
        return s + "end";
    };
    const std::vector<std::pair<std::string, std::string>> inputs = {
        {blanks(62'500), blanks(500'000)},
        {std::string(625'000, ' '), std::string(5'000'000, ' ')},
        {std::string(625'000, '\n'), std::string(5'000'000, '\n')},
    };
    for (const auto& [small, large] : inputs) {
        for (const auto mode : {simple, relaxed}) {
            const auto base = fastest_of_three(mode, small);
            const auto grown = fastest_of_three(mode, large);
            CHECK(grown < base * 32 + std::chrono::milliseconds(5));
        }
    }
}

TEST_CASE("splitting a message: raw fields, folding kept, the body after the empty line") {
    const auto m = split_message("From a\r\nFrom: x\r\nSubject: a\r\n\tb\r\nX : y\r\n\r\nbody\r\n");
    REQUIRE(m.fields.size() == 3);
    CHECK(m.fields[0].name == "From");
    CHECK(m.fields[1].text == "Subject: a\r\n\tb");
    CHECK(m.fields[2].name == "X");
    CHECK(m.body == "body\r\n");
    CHECK(split_message("A: 1\nB: 2\n").body.empty());
    CHECK(split_message("A: 1\nnot a field\n").body == "not a field\n");
}

TEST_CASE("b= is emptied, bh= is not") {
    CHECK(without_b_value("DKIM-Signature: a=x; bh=abc; b=xy\r\n z; d=e") == "DKIM-Signature: a=x; bh=abc; b=; d=e");
    CHECK(without_b_value("DKIM-Signature: v=1; b = xyz") == "DKIM-Signature: v=1; b =");
}

TEST_CASE("header selection: bottom-up, repeated names, over-signed names add nothing") {
    const std::string msg =
        "DKIM-Signature: v=1; h=x:x:x:from; b=zz\r\n"
        "X: 1\r\nFrom: f\r\nX: 2\r\n\r\n";
    const auto m = split_message(msg);
    DkimSignature sig;
    sig.header_canonicalization = Canonicalization::relaxed;
    sig.headers = {"x", "X", "x", "From"};
    CHECK(header_hash_input(m, 0, sig) == "x:2\r\nx:1\r\nfrom:f\r\ndkim-signature:v=1; h=x:x:x:from; b=");
}
