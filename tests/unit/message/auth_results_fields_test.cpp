// Authentication-Results and ARC-Authentication-Results fields found in a
// whole message, top first, folded fields included.
#include "message/auth_results/fields.hpp"
#include "message/auth_results/parser.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::message_detail;

TEST_CASE("every Authentication-Results field, top first, and the ARC ones") {
    const std::string message =
        "ARC-Authentication-Results: i=2; mx.example.net;\r\n"
        "\tdkim=pass header.d=example.org\r\n"
        "authentication-results: mx.example.net;\r\n"
        "\tspf=pass smtp.mailfrom=example.org\r\n"
        "Received: from a by b\r\n"
        "ARC-Authentication-Results: i=1; relay.example.com; spf=fail smtp.mailfrom=example.org\r\n"
        "Authentication-Results: relay.example.com; none\r\n"
        "Subject: Authentication-Results: not a field\r\n"
        "\r\n"
        "Authentication-Results: body.example; spf=pass\r\n";
    const RawMessage raw = split_message(message);

    const auto ar = find_auth_results(raw);
    REQUIRE(ar.size() == 2);
    CHECK(ar[0].authserv_id == "mx.example.net");
    REQUIRE(ar[0].results.size() == 1);
    CHECK(*ar[0].results[0].property("smtp", "mailfrom") == "example.org");
    CHECK(ar[1].authserv_id == "relay.example.com");
    CHECK(ar[1].none);

    const auto arc = find_arc_auth_results(raw);
    REQUIRE(arc.size() == 2);
    CHECK(arc[0].instance == 2u);
    CHECK(arc[0].results.authserv_id == "mx.example.net");
    CHECK(arc[0].results.results.at(0).method == "dkim");
    CHECK(arc[1].instance == 1u);
    CHECK(arc[1].results.results.at(0).result == "fail");
}

TEST_CASE("an ARC-Authentication-Results value without i= is read and reported") {
    const auto arc = parse_arc_auth_results(" mx.example.net; dkim=pass header.d=example.org");
    CHECK_FALSE(arc.instance.has_value());
    CHECK(arc.results.authserv_id == "mx.example.net");
    CHECK(arc.results.results.size() == 1);
    REQUIRE(arc.results.problems.size() == 1);
    CHECK(arc.results.problems[0].message == "expected i=N; first");

    // Problem offsets count from the ARC value.
    const std::string value = "i=1; mx.example.net; dkim=pass )junk";
    const auto with_problem = parse_arc_auth_results(value);
    REQUIRE(with_problem.results.problems.size() == 1);
    const auto& p = with_problem.results.problems[0];
    CHECK(value.substr(p.offset, p.text.size()) == ")junk");
}
