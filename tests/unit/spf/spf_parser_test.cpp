// The record parser: terms, their fields and positions, and one case (at
// least) for every syntax error with where it is reported.
#include <mailwarden/spf.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace mailwarden::spf;

namespace {

struct ErrorCase {
    const char* record;
    SyntaxError error;
    const char* offending;  // the text error_offset/error_length point at
};

}  // namespace

TEST_CASE("is_spf_record: version tag, case, and what follows it") {
    CHECK(is_spf_record("v=spf1"));
    CHECK(is_spf_record("v=spf1 -all"));
    CHECK(is_spf_record("V=SpF1 ~all"));
    CHECK_FALSE(is_spf_record("v=spf10"));
    CHECK_FALSE(is_spf_record("v=spf1mx"));
    CHECK_FALSE(is_spf_record(" v=spf1"));
    CHECK_FALSE(is_spf_record("v=spf2.0/pra"));
    CHECK_FALSE(is_spf_record("v=spf"));
    CHECK_FALSE(is_spf_record(""));
}

TEST_CASE("parse_record: terms, qualifiers, positions") {
    const std::string text = "v=spf1  ip4:192.0.2.0/24 -include:_spf.example.net ?a ~MX:mail.%{d2}/28//64 all ";
    const Record r = parse_record(text);
    REQUIRE(r.ok());
    REQUIRE(r.terms.size() == 5);

    CHECK(r.terms[0].type == TermType::ip4);
    CHECK(r.terms[0].offset == 8);
    CHECK(r.terms[0].text == "ip4:192.0.2.0/24");
    CHECK(r.terms[0].value == "192.0.2.0");
    CHECK(r.terms[0].cidr4 == 24);
    CHECK(r.terms[0].network == *IpAddress::parse("192.0.2.0"));
    CHECK(r.terms[0].qualifier == Qualifier::pass);
    CHECK_FALSE(r.terms[0].explicit_qualifier);
    CHECK_FALSE(r.terms[0].counts_lookup());

    CHECK(r.terms[1].type == TermType::include);
    CHECK(r.terms[1].qualifier == Qualifier::fail);
    CHECK(r.terms[1].explicit_qualifier);
    CHECK(r.terms[1].name == "include");
    CHECK(r.terms[1].value == "_spf.example.net");
    CHECK(r.terms[1].offset == text.find("-include"));
    CHECK(r.terms[1].counts_lookup());

    CHECK(r.terms[2].type == TermType::a);
    CHECK(r.terms[2].qualifier == Qualifier::neutral);
    CHECK(r.terms[2].value.empty());
    CHECK(r.terms[2].cidr4 == 32);
    CHECK(r.terms[2].cidr6 == 128);

    CHECK(r.terms[3].type == TermType::mx);
    CHECK(r.terms[3].name == "MX");
    CHECK(r.terms[3].qualifier == Qualifier::softfail);
    CHECK(r.terms[3].value == "mail.%{d2}");
    CHECK(r.terms[3].has_macro());
    CHECK(r.terms[3].cidr4 == 28);
    CHECK(r.terms[3].cidr6 == 64);

    CHECK(r.terms[4].type == TermType::all);
    CHECK(r.terms[4].text == "all");
    CHECK(r.redirect == -1);
    CHECK(r.exp == -1);
}

TEST_CASE("parse_record: dual prefix lengths are read from the right") {
    Record r = parse_record("v=spf1 a//64 a/0 a:foo:bar/baz.example.com mx:example.com/24 a:x.example.com/16//48");
    REQUIRE(r.ok());
    REQUIRE(r.terms.size() == 5);
    CHECK(r.terms[0].cidr4 == 32);
    CHECK(r.terms[0].cidr6 == 64);
    CHECK(r.terms[1].cidr4 == 0);
    CHECK(r.terms[2].value == "foo:bar/baz.example.com");  // "/" inside a domain-spec
    CHECK(r.terms[2].cidr4 == 32);
    CHECK(r.terms[3].value == "example.com");
    CHECK(r.terms[3].cidr4 == 24);
    CHECK(r.terms[4].value == "x.example.com");
    CHECK(r.terms[4].cidr4 == 16);
    CHECK(r.terms[4].cidr6 == 48);
}

TEST_CASE("parse_record: modifiers") {
    const std::string text = "v=spf1 mx redirect=_spf.%{d} moo.cow-far_out=man:dog/cat exp=explain.example.com";
    const Record r = parse_record(text);
    REQUIRE(r.ok());
    REQUIRE(r.terms.size() == 4);
    CHECK(r.terms[1].type == TermType::redirect);
    CHECK(r.terms[1].is_modifier());
    CHECK(r.terms[1].value == "_spf.%{d}");
    CHECK(r.terms[1].counts_lookup());
    CHECK(r.terms[2].type == TermType::unknown_modifier);
    CHECK(r.terms[2].name == "moo.cow-far_out");
    CHECK(r.terms[2].value == "man:dog/cat");
    CHECK(r.terms[3].type == TermType::exp);
    CHECK_FALSE(r.terms[3].counts_lookup());
    CHECK(r.redirect == 1);
    CHECK(r.exp == 3);
    REQUIRE(r.redirect_term() != nullptr);
    CHECK(r.redirect_term()->offset == text.find("redirect"));
    CHECK(r.exp_term()->value == "explain.example.com");

    // Unknown modifiers may be empty; redirect and exp may not.
    CHECK(parse_record("v=spf1 moo= -all").ok());
    CHECK(parse_record("v=spf1 default=+").ok());
}

TEST_CASE("parse_record: ip6 networks") {
    const Record r = parse_record("v=spf1 ip6:2001:db8::/32 ip6:::1.1.1.1/0 ip6:Cafe:Babe:8000::/33");
    REQUIRE(r.ok());
    CHECK(r.terms[0].network == *IpAddress::parse("2001:db8::"));
    CHECK(r.terms[0].cidr6 == 32);
    CHECK(r.terms[1].cidr6 == 0);
    CHECK(r.terms[2].value == "Cafe:Babe:8000::");
    CHECK(r.terms[2].cidr6 == 33);
}

TEST_CASE("parse_record: an empty record and spacing") {
    CHECK(parse_record("v=spf1").ok());
    CHECK(parse_record("v=spf1").terms.empty());
    CHECK(parse_record("v=spf1   ").ok());
    const Record r = parse_record("v=spf1 a    -all   ");
    REQUIRE(r.ok());
    CHECK(r.terms.size() == 2);
    CHECK(r.terms[1].offset == 12);
}

TEST_CASE("parse_record: every syntax error, with its position") {
    const ErrorCase cases[] = {
        {"v=spf10 -all", SyntaxError::not_spf, "v=spf1"},
        {"spf1 -all", SyntaxError::not_spf, "spf1 -"},
        {"v=spf1 a:ctrl.example.com\rptr -all", SyntaxError::invalid_character, "\r"},
        {"v=spf1 ip4:192.0.2.5\n include:x.example.com", SyntaxError::invalid_character, "\n"},
        {"v=spf1 a:\xEF\xBB\xBFgarbage.example.net -all", SyntaxError::invalid_character, "\xEF"},
        {"v=spf1 a:example.net \x96" "all", SyntaxError::invalid_character, "\x96"},
        {"v=spf1\ta -all", SyntaxError::not_spf, "v=spf1"},
        {"v=spf1 ip4:1.2.3.4 -all moo", SyntaxError::unknown_mechanism, "moo"},
        {"v=spf1 -all.", SyntaxError::unknown_mechanism, "-all."},
        {"v=spf1 moo.cow/far_out=man:dog/cat", SyntaxError::unknown_mechanism, "moo.cow/far_out=man:dog/cat"},
        {"v=spf1 redirect:t2.example.com", SyntaxError::unknown_mechanism, "redirect:t2.example.com"},
        {"v=spf1 +redirect=t2.example.com", SyntaxError::unknown_mechanism, "+redirect=t2.example.com"},
        {"v=spf1 1up=foo", SyntaxError::invalid_modifier_name, "1up=foo"},
        {"v=spf1 =all", SyntaxError::invalid_modifier_name, "=all"},
        {"v=spf1 include +all", SyntaxError::missing_argument, "include"},
        {"v=spf1 include: -all", SyntaxError::missing_argument, "include:"},
        {"v=spf1 exists", SyntaxError::missing_argument, "exists"},
        {"v=spf1 a: -all", SyntaxError::missing_argument, "a:"},
        {"v=spf1 ptr:", SyntaxError::missing_argument, "ptr:"},
        {"v=spf1 ip4", SyntaxError::missing_argument, "ip4"},
        {"v=spf1 -all ip6", SyntaxError::missing_argument, "ip6"},
        {"v=spf1 exp= -all", SyntaxError::missing_argument, "exp="},
        {"v=spf1 ?all redirect=", SyntaxError::missing_argument, "redirect="},
        {"v=spf1 -all:foobar", SyntaxError::unexpected_argument, "-all:foobar"},
        {"v=spf1 -all/8", SyntaxError::unexpected_argument, "-all/8"},
        {"v=spf1 ptr/0 -all", SyntaxError::unexpected_argument, "ptr/0"},
        {"v=spf1 include:ip5.example.com/24 -all", SyntaxError::unexpected_argument, "include:ip5.example.com/24"},
        {"v=spf1 exists:mail.example.com/24", SyntaxError::unexpected_argument, "exists:mail.example.com/24"},
        {"v=spf1 a:foo-bar -all", SyntaxError::invalid_domain_spec, "a:foo-bar"},
        {"v=spf1 a:museum", SyntaxError::invalid_domain_spec, "a:museum"},
        {"v=spf1 a:museum.", SyntaxError::invalid_domain_spec, "a:museum."},
        {"v=spf1 a:abc.123", SyntaxError::invalid_domain_spec, "a:abc.123"},
        {"v=spf1 a:111.222.33.44", SyntaxError::invalid_domain_spec, "a:111.222.33.44"},
        {"v=spf1 mx:example.-com", SyntaxError::invalid_domain_spec, "mx:example.-com"},
        {"v=spf1 a:example.com:8080", SyntaxError::invalid_domain_spec, "a:example.com:8080"},
        {"v=spf1 exp=-all", SyntaxError::invalid_domain_spec, "exp=-all"},
        {"v=spf1 redirect=%{d}com", SyntaxError::invalid_domain_spec, "redirect=%{d}com"},
        {"v=spf1 -exists:%(ir).sbl.example.com ?all", SyntaxError::invalid_macro, "-exists:%(ir).sbl.example.com"},
        {"v=spf1 exists:foo%.sbl.example.com", SyntaxError::invalid_macro, "exists:foo%.sbl.example.com"},
        {"v=spf1 a:%{a}.example.com", SyntaxError::invalid_macro, "a:%{a}.example.com"},
        {"v=spf1 -all exp=%{r}.example.com", SyntaxError::invalid_macro, "exp=%{r}.example.com"},
        {"v=spf1 -all foo=%abc", SyntaxError::invalid_macro, "foo=%abc"},
        {"v=spf1 exists:%{d0}.example.com", SyntaxError::invalid_macro, "exists:%{d0}.example.com"},
        {"v=spf1 ip4:1.2.3", SyntaxError::invalid_ip4, "ip4:1.2.3"},
        {"v=spf1 ip4:1.2.3.4:8080", SyntaxError::invalid_ip4, "ip4:1.2.3.4:8080"},
        {"v=spf1 ip4:1.2.03.4", SyntaxError::invalid_ip4, "ip4:1.2.03.4"},
        {"v=spf1 ip4:1.2.3.256", SyntaxError::invalid_ip4, "ip4:1.2.3.256"},
        {"v=spf1 ip4:::1", SyntaxError::invalid_ip4, "ip4:::1"},
        {"v=spf1 ip6::CAFE::BABE", SyntaxError::invalid_ip6, "ip6::CAFE::BABE"},
        {"v=spf1 ip6:192.0.2.1", SyntaxError::invalid_ip6, "ip6:192.0.2.1"},
        {"v=spf1 ip6:2001:db8:ZZZZ:: ?all", SyntaxError::invalid_ip6, "ip6:2001:db8:ZZZZ::"},
        {"v=spf1 ip4:1.2.3.4/33 -all", SyntaxError::invalid_cidr, "ip4:1.2.3.4/33"},
        {"v=spf1 ip4:1.2.3.4/032 -all", SyntaxError::invalid_cidr, "ip4:1.2.3.4/032"},
        {"v=spf1 ip4:1.2.3.4//32", SyntaxError::invalid_cidr, "ip4:1.2.3.4//32"},
        {"v=spf1 ip6:::1.1.1.1/129", SyntaxError::invalid_cidr, "ip6:::1.1.1.1/129"},
        {"v=spf1 ip6:::1.1.1.1//33", SyntaxError::invalid_cidr, "ip6:::1.1.1.1//33"},
        {"v=spf1 a/33 -all", SyntaxError::invalid_cidr, "a/33"},
        {"v=spf1 mx//129 -all", SyntaxError::invalid_cidr, "mx//129"},
        {"v=spf1 a/24/64 -all", SyntaxError::invalid_cidr, "a/24/64"},
        {"v=spf1 a/ -all", SyntaxError::invalid_cidr, "a/"},
        {"v=spf1 exp=a.example.com -all exp=b.example.com", SyntaxError::duplicate_modifier, "exp=b.example.com"},
        {"v=spf1 redirect=a.example.com -all REDIRECT=a.example.com", SyntaxError::duplicate_modifier,
         "REDIRECT=a.example.com"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.record);
        const std::string text = c.record;
        const Record r = parse_record(text);
        CHECK(r.error == c.error);
        CHECK_FALSE(r.ok());
        REQUIRE(r.error_offset + r.error_length <= text.size());
        CHECK(text.substr(r.error_offset, r.error_length) == c.offending);
    }
}

TEST_CASE("parse_record: terms before an error are kept, storage is reused") {
    Record r;
    parse_record("v=spf1 a mx bogus -all", r);
    CHECK(r.error == SyntaxError::unknown_mechanism);
    CHECK(r.terms.size() == 2);
    parse_record("v=spf1 -all", r);
    CHECK(r.ok());
    REQUIRE(r.terms.size() == 1);
    CHECK(r.terms[0].type == TermType::all);
    CHECK(r.error_offset == 0);
}

TEST_CASE("names of results, terms and errors") {
    CHECK(to_string(Result::none) == "none");
    CHECK(to_string(Result::softfail) == "softfail");
    CHECK(to_string(Result::permerror) == "permerror");
    CHECK(to_string(TermType::exists) == "exists");
    CHECK(to_string(TermType::unknown_modifier) == "modifier");
    CHECK(to_string(SyntaxError::invalid_cidr) == "invalid_cidr");
    CHECK(message(SyntaxError::unknown_mechanism) == "unknown mechanism");
    CHECK(result_of(Qualifier::softfail) == Result::softfail);
    CHECK(result_of(Qualifier::neutral) == Result::neutral);
}

TEST_CASE("IpAddress helpers the parser and evaluator rely on") {
    const auto v4 = IpAddress::parse("192.0.2.10");
    REQUIRE(v4);
    CHECK_FALSE(v4->v6);
    CHECK(v4->size() == 4);
    CHECK(v4->to_string() == "192.0.2.10");
    CHECK(v4->in_network(*IpAddress::parse("192.0.2.0"), 24));
    CHECK(v4->in_network(*IpAddress::parse("192.0.2.8"), 29));
    CHECK_FALSE(v4->in_network(*IpAddress::parse("192.0.2.0"), 29));
    CHECK(v4->in_network(*IpAddress::parse("1.1.1.1"), 0));
    CHECK_FALSE(v4->in_network(*IpAddress::parse("::"), 0));  // never across families

    const auto v6 = IpAddress::parse("2001:DB8::CAFE:1");
    REQUIRE(v6);
    CHECK(v6->v6);
    CHECK(v6->to_string() == "2001:db8::cafe:1");
    CHECK(v6->in_network(*IpAddress::parse("2001:db8::"), 32));
    CHECK_FALSE(v6->in_network(*IpAddress::parse("2001:db9::"), 32));
    CHECK(v6->in_network(*IpAddress::parse("2001:db8::cafe:0"), 127));
    CHECK(IpAddress::parse("CAFE:BABE::192.168.218.40")->to_string() == "cafe:babe::c0a8:da28");
    CHECK(IpAddress::parse("::ffff:1.2.3.4")->to_string() == "::ffff:1.2.3.4");

    CHECK_FALSE(IpAddress::parse(""));
    CHECK_FALSE(IpAddress::parse("1.2.3"));
    CHECK_FALSE(IpAddress::parse("1.2.3.4.5"));
    CHECK_FALSE(IpAddress::parse("256.1.1.1"));
    CHECK_FALSE(IpAddress::parse("1.2.3.4 "));
    CHECK_FALSE(IpAddress::parse(":CAFE::BABE"));
    CHECK_FALSE(IpAddress::parse("1::2::3"));
    CHECK_FALSE(IpAddress::parse(std::string(100, '1')));
}
