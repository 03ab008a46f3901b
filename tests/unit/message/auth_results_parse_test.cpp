// Authentication-Results values: the RFC 8601 Appendix B examples, fields
// written by Gmail, Microsoft 365, Yahoo and Fastmail, and the departures
// from the grammar that real mail shows. Nothing unreadable is dropped.
#include "message/auth_results/parser.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::message_detail;

namespace {

std::string prop(const AuthMethodResult& r, std::string_view type, std::string_view name) {
    const std::string* v = r.property(type, name);
    return v ? *v : "<absent>";
}

bool clean(const AuthResults& r) { return r.problems.empty() && r.deviations == AuthResultsDeviations{}; }

}  // namespace

TEST_CASE("RFC 8601 B.2: service provided, no authentication done") {
    const auto r = parse_auth_results(" example.org 1; none");
    CHECK(clean(r));
    CHECK(r.authserv_id == "example.org");
    CHECK(r.version == 1u);
    CHECK(r.none);
    CHECK(r.results.empty());
}

TEST_CASE("RFC 8601 B.3 and B.4: one and several methods, folded") {
    const auto b3 = parse_auth_results(" example.com; spf=pass smtp.mailfrom=example.net");
    CHECK(clean(b3));
    CHECK_FALSE(b3.version.has_value());
    REQUIRE(b3.results.size() == 1);
    CHECK(b3.results[0].method == "spf");
    CHECK(b3.results[0].result == "pass");
    CHECK(prop(b3.results[0], "smtp", "mailfrom") == "example.net");

    const auto b4 = parse_auth_results(
        " example.com;\r\n"
        "          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n"
        "          spf=pass smtp.mailfrom=example.net");
    CHECK(clean(b4));
    REQUIRE(b4.results.size() == 2);
    CHECK(b4.results[0].method == "auth");
    CHECK(b4.results[0].comment == "cram-md5");
    CHECK(prop(b4.results[0], "smtp", "auth") == "sender@example.net");
    CHECK(b4.results[1].method == "spf");

    const auto iprev = parse_auth_results(" example.com; iprev=pass\r\n          policy.iprev=192.0.2.200");
    CHECK(clean(iprev));
    CHECK(prop(iprev.results.at(0), "policy", "iprev") == "192.0.2.200");
}

TEST_CASE("RFC 8601 B.5 and B.6: comments and reasons") {
    const auto b5 = parse_auth_results(" example.com;\r\n          dkim=pass (good signature) header.d=example.com");
    CHECK(clean(b5));
    CHECK(b5.results.at(0).comment == "good signature");
    CHECK_FALSE(b5.results.at(0).reason.has_value());
    CHECK(prop(b5.results.at(0), "header", "d") == "example.com");

    const auto b6 = parse_auth_results(
        " example.com;\r\n"
        "      dkim=pass reason=\"good signature\"\r\n"
        "        header.i=@mail-router.example.net;\r\n"
        "      dkim=fail reason=\"bad signature\"\r\n"
        "        header.i=@newyork.example.com");
    CHECK(clean(b6));
    REQUIRE(b6.results.size() == 2);
    CHECK(b6.results[0].reason == "good signature");
    CHECK(prop(b6.results[0], "header", "i") == "@mail-router.example.net");
    CHECK(b6.results[1].result == "fail");
    CHECK(b6.results[1].reason == "bad signature");
    CHECK(b6.find("dkim").size() == 2);
}

TEST_CASE("RFC 8601 B.7: comments everywhere") {
    const auto r = parse_auth_results(
        " foo.example.net (foobar) 1 (baz);\r\n"
        "    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n"
        "      policy (A dot can go here) . (like that) expired\r\n"
        "      (this surprised me) = (as I wasn't expecting it) 1362471462");
    CHECK(clean(r));
    CHECK(r.authserv_id == "foo.example.net");
    CHECK(r.version == 1u);
    CHECK(r.comment == "foobar baz");
    REQUIRE(r.results.size() == 1);
    const auto& dkim = r.results[0];
    CHECK(dkim.method == "dkim");
    CHECK(dkim.method_version == 1u);
    CHECK(dkim.result == "fail");
    CHECK(dkim.comment == "Because I like it One yay wait for it A dot can go here like that this surprised me "
                         "as I wasn't expecting it");
    REQUIRE(dkim.properties.size() == 1);
    CHECK(dkim.properties[0].value == "1362471462");
    CHECK(dkim.properties[0].comment.empty());
    CHECK(prop(dkim, "policy", "expired") == "1362471462");
}

TEST_CASE("Gmail") {
    const auto r = parse_auth_results(
        " mx.google.com;\r\n"
        "       dkim=pass header.i=@example.com header.s=s20230601 header.b=\"Ab/cd+Ef\";\r\n"
        "       arc=pass (i=1 spf=pass spfdomain=example.com dkim=pass dkdomain=example.com dmarc=pass "
        "fromdomain=example.com);\r\n"
        "       spf=pass (google.com: domain of bounce@example.com designates 209.85.220.41 as permitted sender) "
        "smtp.mailfrom=bounce@example.com;\r\n"
        "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com");
    CHECK(clean(r));
    REQUIRE(r.results.size() == 4);
    CHECK(prop(r.results[0], "header", "b") == "Ab/cd+Ef");
    CHECK(prop(r.results[0], "header", "i") == "@example.com");
    CHECK(r.results[1].method == "arc");
    CHECK(r.results[1].properties.empty());
    CHECK(r.results[2].comment ==
          "google.com: domain of bounce@example.com designates 209.85.220.41 as permitted sender");
    CHECK(prop(r.results[2], "smtp", "mailfrom") == "bounce@example.com");
    CHECK(r.results[3].comment == "p=REJECT sp=REJECT dis=NONE");
    CHECK(prop(r.results[3], "header", "from") == "example.com");
}

TEST_CASE("Microsoft 365: bare action=, reason=token, no blank after ';'") {
    const auto r = parse_auth_results(
        " spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com; dkim=pass (signature was verified) "
        "header.d=example.com;dmarc=pass action=none header.from=example.com;compauth=pass reason=100");
    CHECK(r.problems.empty());
    CHECK(r.deviations.missing_authserv_id);
    CHECK(r.deviations.bare_property);
    CHECK(r.authserv_id.empty());
    REQUIRE(r.results.size() == 4);
    CHECK(r.results[0].comment == "sender IP is 192.0.2.1");
    CHECK(r.results[1].comment == "signature was verified");
    CHECK(prop(r.results[1], "header", "d") == "example.com");
    CHECK(r.results[2].method == "dmarc");
    CHECK(prop(r.results[2], "", "action") == "none");
    CHECK(prop(r.results[2], "header", "from") == "example.com");
    CHECK(r.results[3].method == "compauth");
    CHECK(r.results[3].reason == "100");
}

TEST_CASE("Yahoo: no blank before a comment, trailing ';'") {
    const auto r = parse_auth_results(
        " atlas-production.v2-mail-prod1-gq1.omega.yahoo.com;\r\n"
        " dkim=pass header.i=@gmail.com header.s=20230601;\r\n"
        " spf=pass smtp.mailfrom=gmail.com;\r\n"
        " dmarc=pass(p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com;");
    CHECK(r.problems.empty());
    CHECK(r.deviations.extra_semicolon);
    REQUIRE(r.results.size() == 3);
    CHECK(r.results[2].result == "pass");
    CHECK(r.results[2].comment == "p=NONE sp=QUARANTINE dis=NONE");
    CHECK(prop(r.results[2], "header", "from") == "gmail.com");
}

TEST_CASE("Fastmail: comments after properties, policy.*, bare x- names") {
    const auto r = parse_auth_results(
        " mx6.messagingengine.com;\r\n"
        "    dkim=pass (2048-bit rsa key sha256) header.d=gmail.com header.i=@gmail.com header.b=Ab12cdEF "
        "header.a=rsa-sha256 header.s=20230601 x-bits=2048;\r\n"
        "    dmarc=pass policy.published-domain-policy=none policy.applied-disposition=none "
        "policy.evaluated-disposition=none (p=none,d=none,d.eval=none) policy.policy-from=p header.from=gmail.com;\r\n"
        "    iprev=pass smtp.remote-ip=209.85.128.41 (mail-wm1-f41.google.com);\r\n"
        "    spf=pass smtp.mailfrom=user@gmail.com smtp.helo=mail-wm1-f41.google.com;\r\n"
        "    x-tls=pass smtp.version=TLSv1.3 smtp.cipher=TLS_AES_256_GCM_SHA384 smtp.bits=256/256");
    CHECK(r.problems.empty());
    CHECK(r.deviations.bare_property);
    CHECK(r.deviations.unquoted_value);
    REQUIRE(r.results.size() == 5);
    CHECK(r.results[0].comment == "2048-bit rsa key sha256");
    CHECK(prop(r.results[0], "", "x-bits") == "2048");
    const auto& dmarc = r.results[1];
    CHECK(prop(dmarc, "policy", "published-domain-policy") == "none");
    REQUIRE(dmarc.properties.size() == 5);
    CHECK(dmarc.properties[2].comment == "p=none,d=none,d.eval=none");
    CHECK(prop(r.results[2], "smtp", "remote-ip") == "209.85.128.41");
    CHECK(r.results[2].properties[0].comment == "mail-wm1-f41.google.com");
    CHECK(prop(r.results[4], "smtp", "bits") == "256/256");
}

TEST_CASE("OpenDKIM: a comment holding ';', quoted header.b, a method without properties") {
    const auto r = parse_auth_results(
        " box.example.net;\n\tdkim=fail reason=\"signature verification failed\" (2048-bit key; unprotected) "
        "header.d=example.org header.i=@example.org header.b=\"PrsTNnuH\";\n\tdkim-atps=neutral");
    CHECK(clean(r));
    REQUIRE(r.results.size() == 2);
    CHECK(r.results[0].reason == "signature verification failed");
    CHECK(r.results[0].comment == "2048-bit key; unprotected");
    CHECK(prop(r.results[0], "header", "b") == "PrsTNnuH");
    CHECK(r.results[1].method == "dkim-atps");
    CHECK(r.results[1].result == "neutral");
}

TEST_CASE("deviations read: missing ';', upper case, addresses, quoted local parts") {
    const auto r = parse_auth_results(
        "example.com SPF=PASS smtp.mailfrom=\"john smith\"@example.com DKIM=Pass header.i=user+tag@Example.COM "
        "dmarc = fail (p=reject) header.from = example.com ;;");
    CHECK(r.problems.empty());
    CHECK(r.authserv_id == "example.com");
    CHECK(r.deviations.missing_semicolon);
    CHECK(r.deviations.extra_semicolon);
    REQUIRE(r.results.size() == 3);
    CHECK(r.results[0].method == "spf");
    CHECK(r.results[0].result == "pass");
    CHECK(prop(r.results[0], "smtp", "mailfrom") == "john smith@example.com");
    CHECK(r.results[1].result == "pass");
    CHECK(prop(r.results[1], "header", "i") == "user+tag@Example.COM");
    CHECK(r.results[2].comment == "p=reject");
    CHECK(prop(r.results[2], "header", "from") == "example.com");
}

TEST_CASE("quoted authserv-id, quoted pairs, nested comments, 8-bit text") {
    const auto r = parse_auth_results(
        "\"mx \\\"one\\\".example\" (a (nested) \\) comment); dkim=pass reason=\"T\xc3\xa9st \\\\ x\" "
        "header.i=Pel\xc3\xa9@example.com");
    CHECK(r.problems.empty());
    CHECK(r.authserv_id == "mx \"one\".example");
    CHECK(r.comment == "a (nested) ) comment");
    CHECK(r.results.at(0).reason == "T\xc3\xa9st \\ x");
    CHECK(prop(r.results.at(0), "header", "i") == "Pel\xc3\xa9@example.com");
}

TEST_CASE("unreadable parts are kept with the reason, the rest is read") {
    const std::string value =
        " mx.example.com; spf=pass smtp.mailfrom=example.net stray; dkim; =pass; dmarc=pass header.from=example.net";
    const auto r = parse_auth_results(value);
    REQUIRE(r.results.size() == 2);
    CHECK(r.results[0].method == "spf");
    CHECK(prop(r.results[0], "smtp", "mailfrom") == "example.net");
    CHECK(r.results[1].method == "dmarc");
    REQUIRE(r.problems.size() == 3);
    CHECK(r.problems[0].text == "stray");
    CHECK(r.problems[0].message == "expected '=' after 'stray'");
    CHECK(r.problems[1].text == "dkim");
    CHECK(r.problems[1].message == "expected '=' after the method 'dkim'");
    CHECK(r.problems[2].text == "=pass");
    CHECK(r.problems[2].message == "expected method=result");
    for (const auto& p : r.problems) CHECK(value.substr(p.offset, p.text.size()) == p.text);
}

TEST_CASE("open comments and quoted strings, empty values, nothing at all") {
    const auto open_comment = parse_auth_results(" mx.example.com; spf=pass (never closed; dkim=pass");
    REQUIRE(open_comment.results.size() == 1);
    CHECK(open_comment.results[0].comment == "never closed; dkim=pass");
    REQUIRE(open_comment.problems.size() == 1);
    CHECK(open_comment.problems[0].text == "(never closed; dkim=pass");
    CHECK(open_comment.problems[0].message == "a comment or quoted string is not closed");

    const auto open_quote = parse_auth_results(" mx.example.com; dkim=fail reason=\"half");
    CHECK(open_quote.results.at(0).reason == "half");
    CHECK(open_quote.problems.at(0).text == "\"half");

    const auto empty_value = parse_auth_results(" mx.example.com; spf=none smtp.mailfrom=; dkim=none");
    CHECK(empty_value.problems.empty());
    CHECK(prop(empty_value.results.at(0), "smtp", "mailfrom").empty());
    CHECK(empty_value.results.size() == 2);

    for (const char* nothing : {"", "   ", "\r\n\t", "(only a comment)"}) {
        const auto r = parse_auth_results(nothing);
        CHECK(r.authserv_id.empty());
        CHECK(r.results.empty());
        CHECK(r.problems.size() == 1);
    }
    const auto bare = parse_auth_results(" mx.example.com");
    CHECK(bare.authserv_id == "mx.example.com");
    CHECK(bare.problems.empty());
    CHECK(bare.results.empty());
    CHECK_FALSE(bare.none);
}
