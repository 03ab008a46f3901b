#include "message/dmarc/author_domain.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::message_detail;

namespace {

AuthorDomain of(std::string_view message) { return author_domain(split_message(message)); }

struct FromCase {
    const char* value;    ///< the From field's body
    FromProblem problem;
    const char* domain;   ///< expected when there is no problem
};

constexpr auto ok = FromProblem::none;
constexpr auto bad = FromProblem::unparseable_from;

const FromCase from_cases[] = {
    {"user@Example.COM", ok, "example.com"},
    {"<user@example.com>", ok, "example.com"},
    {"John Doe <user@example.com>", ok, "example.com"},
    {"\"Doe, John\" <user@example.com>", ok, "example.com"},
    {"\"Doe <x@evil.test>\" <user@example.com>", ok, "example.com"},
    {"John (the boss, really) Doe <user@example.com> (work)", ok, "example.com"},
    {"=?UTF-8?B?Sm9obiBEb2U=?= <user@example.com>", ok, "example.com"},
    {"=?utf-8?q?Doe,_John_<a@evil.test>?= <user@example.com>", ok, "example.com"},
    {"=?utf-8?q?Doe,_John?=\t<user@example.com>", ok, "example.com"},
    {"x@=?a?q?b?= (c) .example", bad, ""},  // an atom in the domain, not a name
    {"Team =?utf-8?q?A,B?=: user@example.com;", ok, "example.com"},
    {"=?a?q?b?=@example.com", ok, "example.com"},          // no display name: an atom
    {"=?a?q?b,c?=@example.com", bad, ""},
    {"user (comment) @ (more) example . com", ok, "example.com"},
    {"\"john..doe\"@example.com", ok, "example.com"},
    {"Team: John <user@example.com>;", ok, "example.com"},
    {"Team: (nobody else) user@example.com, ;", ok, "example.com"},
    {"a@x.example, b@x.example", FromProblem::multiple_addresses, ""},
    {"Team: a@x.example, b@y.example;", FromProblem::multiple_addresses, ""},
    {"", bad, ""},
    {"undisclosed-recipients:;", bad, ""},
    {"John Doe", bad, ""},
    {"John Doe user@example.com", bad, ""},
    {"<user@example.com", bad, ""},
    {"\"unclosed <user@example.com>", bad, ""},
    {"(unclosed user@example.com", bad, ""},
    {"user@", bad, ""},
    {"@example.com", bad, ""},
    {"user@[192.0.2.1]", bad, ""},
    {"user@exa_mple..com", bad, ""},
    {": user@example.com;", bad, ""},
    {"user@example.com.", bad, ""},
};

}  // namespace

TEST_CASE("the From domain of one mailbox, in every address form") {
    for (const FromCase& c : from_cases) {
        INFO(c.value);
        const AuthorDomain a = author_domain_of_field(c.value);
        CHECK(a.problem == c.problem);
        CHECK(a.domain == c.domain);
        CHECK(a.detail.empty() == (c.problem == ok));
    }
    CHECK(to_string(FromProblem::multiple_addresses) == "multiple_addresses");
}

TEST_CASE("the From field of a message: folded, IDNA, missing, repeated") {
    const AuthorDomain a = of("Subject: hi\r\nFrom: \"J\"\r\n <j@B\xC3\xBC" "cher.Example>\r\n\r\nbody");
    CHECK(a.problem == FromProblem::none);
    CHECK(a.domain == "xn--bcher-kva.example");
    CHECK(of("from: x@y.example\n\nbody").domain == "y.example");
    CHECK(of("Subject: hi\r\n\r\nbody").problem == FromProblem::no_from);
    CHECK(of("From: a@x.example\r\nFrom: b@x.example\r\n\r\n").problem == FromProblem::multiple_from);
}
