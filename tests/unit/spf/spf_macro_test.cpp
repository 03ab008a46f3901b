// Macro syntax and expansion, starting from the examples of RFC 7208
// section 7.4.
#include <mailwarden/spf.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace mailwarden::spf;

namespace {

MacroValues rfc_values(const char* ip = "192.0.2.3") {
    MacroValues v;
    v.sender = "strong-bad@email.example.com";
    v.local_part = "strong-bad";
    v.sender_domain = "email.example.com";
    v.domain = "email.example.com";
    v.ip = *IpAddress::parse(ip);
    v.helo = "mx.example.org";
    v.validated_name = "mx.example.org";
    v.receiver = "mail.example.net";
    v.timestamp = 1700000000;
    return v;
}

std::string expand(std::string_view text, const MacroValues& v, MacroUse use = MacroUse::domain) {
    std::string out;
    const SyntaxError e = expand_macros(text, use, v, out);
    REQUIRE_MESSAGE(e == SyntaxError::none, text << ": " << to_string(e));
    return out;
}

}  // namespace

TEST_CASE("expand_macros: RFC 7208 section 7.4, single macros") {
    const auto v = rfc_values();
    CHECK(expand("%{s}", v) == "strong-bad@email.example.com");
    CHECK(expand("%{o}", v) == "email.example.com");
    CHECK(expand("%{d}", v) == "email.example.com");
    CHECK(expand("%{d4}", v) == "email.example.com");
    CHECK(expand("%{d3}", v) == "email.example.com");
    CHECK(expand("%{d2}", v) == "example.com");
    CHECK(expand("%{d1}", v) == "com");
    CHECK(expand("%{dr}", v) == "com.example.email");
    CHECK(expand("%{d2r}", v) == "example.email");
    CHECK(expand("%{l}", v) == "strong-bad");
    CHECK(expand("%{l-}", v) == "strong.bad");
    CHECK(expand("%{lr}", v) == "strong-bad");
    CHECK(expand("%{lr-}", v) == "bad.strong");
    CHECK(expand("%{l1r-}", v) == "strong");
}

TEST_CASE("expand_macros: RFC 7208 section 7.4, macro-strings") {
    const auto v = rfc_values();
    CHECK(expand("%{ir}.%{v}._spf.%{d2}", v) == "3.2.0.192.in-addr._spf.example.com");
    CHECK(expand("%{lr-}.lp._spf.%{d2}", v) == "bad.strong.lp._spf.example.com");
    CHECK(expand("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", v) == "bad.strong.lp.3.2.0.192.in-addr._spf.example.com");
    CHECK(expand("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", v) == "3.2.0.192.in-addr.strong.lp._spf.example.com");
    CHECK(expand("%{d2}.trusted-domains.example.net", v) == "example.com.trusted-domains.example.net");
    // IPv6: the RFC writes the nibbles in lower case; we write them in upper
    // case as the RFC 7208 test suite's explanations require. DNS names
    // compare without regard to case, so the query is the same.
    const auto v6 = rfc_values("2001:db8::cb01");
    CHECK(expand("%{ir}.%{v}._spf.%{d2}", v6) ==
          "1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com");
}

TEST_CASE("expand_macros: the other letters, escapes and URL-escaping") {
    const auto v = rfc_values();
    CHECK(expand("%{h}", v) == "mx.example.org");
    CHECK(expand("%{p}", v) == "mx.example.org");
    CHECK(expand("%{p2}", v) == "example.org");
    CHECK(expand("%{v}", v) == "in-addr");
    CHECK(expand("%{i}", v) == "192.0.2.3");
    CHECK(expand("%{c} %{r} %{t}", v, MacroUse::explanation) == "192.0.2.3 mail.example.net 1700000000");
    CHECK(expand("%{c}", rfc_values("2001:DB8::CB01"), MacroUse::explanation) == "2001:db8::cb01");
    CHECK(expand("%{v}", rfc_values("2001:db8::1"), MacroUse::explanation) == "ip6");
    CHECK(expand("macro%%percent%_%_space%-url-space.example.com", v) ==
          "macro%percent  space%20url-space.example.com");
    auto w = rfc_values();
    w.local_part = "~jack&jill=up-a_b3.c";
    CHECK(expand("http://example.com/why.html?l=%{L}", w, MacroUse::explanation) ==
          "http://example.com/why.html?l=~jack%26jill%3Dup-a_b3.c");
    CHECK(expand("%{S}", v) == "strong-bad%40email.example.com");
    CHECK(expand("%{D2R}", v) == "example.email");
    // Several delimiters, and more parts asked for than there are.
    w.local_part = "foo-bar+zip+quux";
    CHECK(expand("%{l2r+-}", w) == "bar.foo");
    CHECK(expand("%{l+}", w) == "foo-bar.zip.quux");
    CHECK(expand("%{l99}", w) == "foo-bar+zip+quux");
    CHECK(expand("%{l128r+-}", w) == "quux.zip.bar.foo");
    // An empty receiver is "unknown".
    w.receiver = "";
    CHECK(expand("%{r}", w, MacroUse::explanation) == "unknown");
}

TEST_CASE("expand_macros: domain results drop a final dot and are cut to 253 octets") {
    auto v = rfc_values();
    CHECK(expand("o.spf.example.com.", v) == "o.spf.example.com");
    CHECK(expand("This is a test.", v, MacroUse::explanation) == "This is a test.");
    v.sender_domain = "somewhat.long.exp.example.com";
    const std::string long_name = expand("foobar.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.example.com", v);
    CHECK(long_name.size() <= 253);
    CHECK(long_name ==
          "somewhat.long.exp.example.com.somewhat.long.exp.example.com.somewhat.long.exp.example.com."
          "somewhat.long.exp.example.com.somewhat.long.exp.example.com.somewhat.long.exp.example.com."
          "somewhat.long.exp.example.com.somewhat.long.exp.example.com.example.com");
}

TEST_CASE("expand_macros: %{p} is looked up lazily, once") {
    auto v = rfc_values();
    int calls = 0;
    struct Context {
        int* calls;
    } context{&calls};
    v.lookup_p = [](void* c) -> std::string_view {
        ++*static_cast<Context*>(c)->calls;
        return "host.example.org";
    };
    v.lookup_p_context = &context;
    CHECK(expand("%{d}.example.com", v) == "email.example.com.example.com");
    CHECK(calls == 0);
    CHECK(expand("%{p}.%{p1}.example.com", v) == "host.example.org.org.example.com");
    CHECK(calls == 1);
}

TEST_CASE("check_macro_string and expand_macros reject the same syntax errors") {
    const auto v = rfc_values();
    const struct {
        const char* text;
        MacroUse use;
        SyntaxError error;
        std::size_t offset;
    } cases[] = {
        {"%(ir).sbl.example.com", MacroUse::domain, SyntaxError::invalid_macro, 0},
        {"foo%.sbl.example.com", MacroUse::domain, SyntaxError::invalid_macro, 3},
        {"trailing%", MacroUse::domain, SyntaxError::invalid_macro, 8},
        {"%{a}.example.com", MacroUse::domain, SyntaxError::invalid_macro, 2},
        {"%{d0}", MacroUse::domain, SyntaxError::invalid_macro, 3},
        {"%{d2x}", MacroUse::domain, SyntaxError::invalid_macro, 4},
        {"%{d", MacroUse::domain, SyntaxError::invalid_macro, 3},
        {"%{", MacroUse::domain, SyntaxError::invalid_macro, 0},
        {"%{c}", MacroUse::domain, SyntaxError::invalid_macro, 2},
        {"%{r}.example.com", MacroUse::domain, SyntaxError::invalid_macro, 2},
        {"%{t}", MacroUse::domain, SyntaxError::invalid_macro, 2},
        {"The %{x}-files.", MacroUse::explanation, SyntaxError::invalid_macro, 6},
        {"a b", MacroUse::domain, SyntaxError::invalid_character, 1},
        {"\xEF\xBB\xBF" "Explanation", MacroUse::explanation, SyntaxError::invalid_character, 0},
        {"tab\there", MacroUse::explanation, SyntaxError::invalid_character, 3},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        std::size_t offset = 999;
        CHECK(check_macro_string(c.text, c.use, &offset) == c.error);
        CHECK(offset == c.offset);
        std::string out;
        CHECK(expand_macros(c.text, c.use, v, out) == c.error);
    }
    CHECK(check_macro_string("Connections from %{c} not authorized.", MacroUse::explanation) == SyntaxError::none);
    CHECK(check_macro_string("%{ir}.%{v}._spf.%{d2}", MacroUse::domain) == SyntaxError::none);
    CHECK(check_macro_string("%{D2R.-+,/_=}", MacroUse::domain) == SyntaxError::none);
    CHECK(check_macro_string("", MacroUse::domain) == SyntaxError::none);
}

TEST_CASE("is_domain_spec: macro or '.' toplabel at the end") {
    CHECK(is_domain_spec("example.com"));
    CHECK(is_domain_spec("example.com."));
    CHECK(is_domain_spec("%{d}"));
    CHECK(is_domain_spec("_spf.%{d2}"));
    CHECK(is_domain_spec("%{ir}.%{v}._spf.%{d2}"));
    CHECK(is_domain_spec("%{d}.com"));
    CHECK(is_domain_spec("foo.example.xn--zckzah"));
    CHECK(is_domain_spec("foo:bar/baz.example.com"));
    CHECK(is_domain_spec("mail.example...com"));  // valid syntax; no DNS name (no match when evaluated)
    CHECK(is_domain_spec("a.1-2"));
    CHECK_FALSE(is_domain_spec(""));
    CHECK_FALSE(is_domain_spec("museum"));
    CHECK_FALSE(is_domain_spec("museum."));
    CHECK_FALSE(is_domain_spec("foo-bar"));
    CHECK_FALSE(is_domain_spec("abc.123"));
    CHECK_FALSE(is_domain_spec("example.-com"));
    CHECK_FALSE(is_domain_spec("example.com-"));
    CHECK_FALSE(is_domain_spec("example.com:8080"));
    CHECK_FALSE(is_domain_spec("%{d}com"));
    CHECK_FALSE(is_domain_spec("%{d}."));
    CHECK_FALSE(is_domain_spec("foo.example.com\x01"));
    CHECK_FALSE(is_domain_spec("%{x}.example.com"));
}
