// Address syntax, normalisation and classification, case by case.
#include <mailwarden/address.hpp>

#include <doctest/doctest.h>

#include <string>

using mailwarden::AddressPolicy;
using mailwarden::AddressReason;
using mailwarden::AddressVerdict;
using mailwarden::check_address;

namespace {

struct Case {
    std::string address;
    AddressReason reason;
};

void expect_reason(const std::string& address, AddressReason reason, const AddressPolicy& policy = {}) {
    const auto c = check_address(address, policy);
    INFO("address: " << address << "  got: " << mailwarden::to_string(c.reason()));
    CHECK(c.reason() == reason);
    CHECK(c.valid() == (reason == AddressReason::ok));
}

}  // namespace

TEST_CASE("well-formed addresses are valid and normalised") {
    const auto c = check_address("Alice.Smith+news@Mail.IANA.org");
    CHECK(c.verdict() == AddressVerdict::valid);
    CHECK(c.reason() == AddressReason::ok);
    CHECK(c.normalized() == "Alice.Smith+news@mail.iana.org");
    CHECK(c.local_part() == "Alice.Smith+news");
    CHECK(c.domain() == "mail.iana.org");
    CHECK(c.flags() == 0);
    CHECK(c.message() == "the address is acceptable");

    expect_reason("!#$%&'*+-/=?^_`{|}~@iana.org", AddressReason::ok);
    expect_reason("a@b.co", AddressReason::ok);
    expect_reason("user@c--n.com", AddressReason::ok);
    expect_reason("user@123.com", AddressReason::ok);
}

TEST_CASE("structure errors") {
    const Case cases[] = {
        {"", AddressReason::empty},
        {"plainaddress", AddressReason::missing_at},
        {"@iana.org", AddressReason::no_local_part},
        {"user@", AddressReason::no_domain},
        {"a@b@c.org", AddressReason::invalid_domain_character},
        {"us,er@iana.org", AddressReason::invalid_local_character},
        {"us\\er@iana.org", AddressReason::invalid_local_character},
        {"<user@iana.org>", AddressReason::invalid_local_character},
        {".user@iana.org", AddressReason::leading_dot},
        {"user.@iana.org", AddressReason::trailing_dot},
        {"us..er@iana.org", AddressReason::consecutive_dots},
        {"user@.iana.org", AddressReason::leading_dot},
        {"user@iana.org.", AddressReason::trailing_dot},
        {"user@iana..org", AddressReason::consecutive_dots},
        {"user@ia_na.org", AddressReason::invalid_domain_character},
        {"user@iana.org/x", AddressReason::invalid_domain_character},
    };
    for (const auto& c : cases) expect_reason(c.address, c.reason);
}

TEST_CASE("control characters are rejected anywhere (header injection guard)") {
    for (const char* bad : {"user\r\n@iana.org", "user@iana.org\r\nBcc: x@y.org", "us\ter@iana.org", "user@ia\x7fna.org"})
        expect_reason(bad, AddressReason::control_character);
    expect_reason(std::string("user\0@iana.org", 14), AddressReason::control_character);
    expect_reason(std::string("user@iana.org\0", 14), AddressReason::control_character);
}

TEST_CASE("RFC 5322 forms a sender refuses") {
    const Case cases[] = {
        {"(comment)user@iana.org", AddressReason::comment},
        {"user@(comment)iana.org", AddressReason::comment},
        {"user(unclosed@iana.org", AddressReason::unterminated},
        {"us er@iana.org", AddressReason::whitespace},
        {"user @iana.org", AddressReason::whitespace},
        {"user@ iana.org", AddressReason::whitespace},
        {"\"unclosed@iana.org", AddressReason::unterminated},
        {"\"back\\", AddressReason::unterminated},
        {"\"a\".b@iana.org", AddressReason::obsolete_local_part},
        {"a.\"b\"@iana.org", AddressReason::obsolete_local_part},
        {"\"a\"b@iana.org", AddressReason::invalid_local_character},
        {"a\"b\"@iana.org", AddressReason::invalid_local_character},
    };
    for (const auto& c : cases) expect_reason(c.address, c.reason);
}

TEST_CASE("quoted local parts are parsed but refused unless allowed") {
    expect_reason("\"john smith\"@iana.org", AddressReason::quoted_local_part);
    AddressPolicy allow;
    allow.allow_quoted_local = true;
    const auto c = check_address("\"john smith\"@IANA.org", allow);
    CHECK(c.verdict() == AddressVerdict::valid);
    CHECK(c.normalized() == "\"john smith\"@iana.org");
    CHECK(c.local_part() == "\"john smith\"");
    CHECK((c.flags() & mailwarden::flag_quoted_local) != 0);
    expect_reason("\"\"@iana.org", AddressReason::ok, allow);
    expect_reason("\"a\\\"b\"@iana.org", AddressReason::ok, allow);
    // A quoted local part is never classified as a role account.
    CHECK_FALSE(check_address("\"postmaster\"@iana.org", allow).role());
}

TEST_CASE("length limits: local part 64, label 63, domain 253, address 254") {
    const std::string local64(64, 'a');
    expect_reason(local64 + "@iana.org", AddressReason::ok);
    expect_reason(local64 + "a@iana.org", AddressReason::local_part_too_long);

    const std::string label63(63, 'b');
    expect_reason("a@" + label63 + ".org", AddressReason::ok);
    expect_reason("a@" + label63 + "b.org", AddressReason::label_too_long);

    // 4 labels of 61 + dots: 4*61 + 3 = 247, plus ".org" = 251 octets.
    const std::string l61(61, 'c');
    const std::string domain251 = l61 + "." + l61 + "." + l61 + "." + l61 + ".org";
    REQUIRE(domain251.size() == 251);
    expect_reason("a@" + domain251, AddressReason::ok);
    expect_reason("ab@" + domain251, AddressReason::ok);  // 254 octets: the limit
    expect_reason("abc@" + domain251, AddressReason::address_too_long);

    const std::string domain254 = l61 + "." + l61 + "." + l61 + "." + l61 + ".abcdef";
    REQUIRE(domain254.size() == 254);
    expect_reason("a@" + domain254, AddressReason::domain_too_long);
}

TEST_CASE("domain labels") {
    expect_reason("a@-iana.org", AddressReason::label_hyphen);
    expect_reason("a@iana-.org", AddressReason::label_hyphen);
    expect_reason("a@iana.org-", AddressReason::label_hyphen);
    expect_reason("a@iana.123", AddressReason::numeric_tld);
    expect_reason("a@255.255.255.255", AddressReason::numeric_tld);
    expect_reason("a@localhost", AddressReason::dotless_domain);
    expect_reason("a@org", AddressReason::dotless_domain);
}

TEST_CASE("address literals") {
    expect_reason("a@[192.0.2.1]", AddressReason::address_literal);
    expect_reason("a@[IPv6:2001:db8::1]", AddressReason::address_literal);
    expect_reason("a@[192.0.2.256]", AddressReason::invalid_address_literal);
    expect_reason("a@[IPv6:2001:db8:::1]", AddressReason::invalid_address_literal);
    expect_reason("a@[iana.org]", AddressReason::invalid_address_literal);
    expect_reason("a@[192.0.2.1", AddressReason::unterminated);
    expect_reason("a@[192.0.2.1]x", AddressReason::invalid_domain_character);

    AddressPolicy allow;
    allow.allow_address_literal = true;
    const auto c = check_address("a@[IPv6:2001:db8::1]", allow);
    CHECK(c.verdict() == AddressVerdict::valid);
    CHECK(c.domain() == "[IPv6:2001:db8::1]");
    CHECK((c.flags() & mailwarden::flag_address_literal) != 0);
}

TEST_CASE("internationalised domains become Punycode; non-ASCII local parts are refused") {
    const auto c = check_address("user@B\xc3\xbc" "cher.DE");
    CHECK(c.verdict() == AddressVerdict::valid);
    CHECK(c.normalized() == "user@xn--bcher-kva.de");
    CHECK(c.idn());

    // UTS#46 maps the ideographic full stop to a dot.
    CHECK(check_address("user@b\xc3\xbc" "cher\xe3\x80\x82" "de").normalized() == "user@xn--bcher-kva.de");
    // A-labels typed as such are validated, and kept.
    const auto a = check_address("user@xn--bcher-kva.de");
    CHECK(a.valid());
    CHECK(a.idn());
    expect_reason("user@xn--zz.com", AddressReason::invalid_idna);
    expect_reason("user@\xe2\x98\x83.com", AddressReason::invalid_idna);  // snowman: disallowed in IDNA2008
    expect_reason("user@\xff\xfe.com", AddressReason::invalid_idna);      // not UTF-8
    expect_reason("j\xc3\xb6" "e@iana.org", AddressReason::non_ascii_local_part);
}

TEST_CASE("special-use domains are reported, and rejected by default") {
    for (const char* a : {"a@example.com", "a@sub.example.org", "a@example.net", "a@shop.test", "a@x.example",
                          "a@x.invalid", "a@my.localhost", "a@printer.local", "a@hidden.onion", "a@router.home.arpa"}) {
        const auto c = check_address(a);
        INFO(a);
        CHECK(c.reason() == AddressReason::special_use_domain);
        CHECK(c.special_use());
        CHECK(c.normalized() != "");  // syntax was fine: normalised form kept
    }
    CHECK_FALSE(check_address("a@notexample.com").special_use());
    CHECK_FALSE(check_address("a@testing.org").special_use());

    AddressPolicy allow;
    allow.allow_special_use = true;
    const auto c = check_address("a@shop.test", allow);
    CHECK(c.verdict() == AddressVerdict::risky);
    CHECK(c.valid());
}

TEST_CASE("role accounts and no-reply forms are flagged separately") {
    for (const char* a : {"postmaster@iana.org", "ABUSE@iana.org", "support+eu@iana.org", "mailer-daemon@iana.org",
                          "hostmaster@iana.org", "noc@iana.org", "info@iana.org", "sales@iana.org", "admin@iana.org",
                          "web.master@iana.org"}) {
        const auto c = check_address(a);
        INFO(a);
        CHECK(c.role());
        CHECK_FALSE(c.noreply());
        CHECK(c.verdict() == AddressVerdict::risky);
    }
    for (const char* a : {"noreply@iana.org", "no-reply@iana.org", "No_Reply@iana.org", "do-not-reply@iana.org",
                          "donotreply@iana.org", "noreply-billing@iana.org", "no.reply+x@iana.org"}) {
        const auto c = check_address(a);
        INFO(a);
        CHECK(c.noreply());
        CHECK_FALSE(c.role());
        CHECK(c.verdict() == AddressVerdict::risky);
    }
    for (const char* a : {"alice@iana.org", "salesman@iana.org", "information-desk@iana.org", "replyme@iana.org"}) {
        const auto c = check_address(a);
        INFO(a);
        CHECK_FALSE(c.role());
        CHECK_FALSE(c.noreply());
    }

    AddressPolicy strict;
    strict.reject_role = true;
    strict.reject_noreply = true;
    expect_reason("postmaster@iana.org", AddressReason::role_account, strict);
    expect_reason("no-reply@iana.org", AddressReason::noreply_address, strict);
    expect_reason("alice@iana.org", AddressReason::ok, strict);
}

TEST_CASE("batch results keep input order") {
    const std::string_view inputs[] = {"a@iana.org", "bad", "postmaster@iana.org"};
    const auto results = mailwarden::check_addresses(inputs);
    REQUIRE(results.size() == 3);
    CHECK(results[0].verdict() == AddressVerdict::valid);
    CHECK(results[1].reason() == AddressReason::missing_at);
    CHECK(results[2].verdict() == AddressVerdict::risky);
}

TEST_CASE("reason ids and messages are stable and complete") {
    CHECK(mailwarden::to_string(AddressReason::ok) == "ok");
    CHECK(mailwarden::to_string(AddressReason::consecutive_dots) == "consecutive_dots");
    CHECK(mailwarden::to_string(AddressReason::noreply_address) == "noreply_address");
    CHECK(mailwarden::to_string(static_cast<AddressReason>(999)) == "unknown");
    for (int i = 0; i < mailwarden::address_reason_count; ++i) {
        const auto r = static_cast<AddressReason>(i);
        CHECK(mailwarden::to_string(r) != "unknown");
        CHECK(!mailwarden::describe(r).empty());
    }
}

