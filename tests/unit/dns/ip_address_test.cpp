// IpAddress, server address strings, name normalisation and the enum names.
#include "net/dns/name.hpp"
#include "net/dns/server_address.hpp"

#include <mailwarden/dns.hpp>

#include <doctest/doctest.h>

using mailwarden::dns::IpAddress;
using mailwarden::dns::RecordType;
using mailwarden::dns::Status;
using mailwarden::dns::detail::normalize_name;
using mailwarden::dns::detail::parse_server_address;

namespace {

IpAddress ip(const char* text) {
    const auto parsed = IpAddress::parse(text);
    REQUIRE_MESSAGE(parsed.has_value(), text);
    return *parsed;
}

}  // namespace

TEST_CASE("IPv4 addresses parse as dotted quads only") {
    const auto a = ip("192.0.2.10");
    CHECK_FALSE(a.v6);
    CHECK(a.size() == 4);
    CHECK(a.bytes[0] == 192);
    CHECK(a.bytes[3] == 10);
    CHECK(a.bytes[4] == 0);
    CHECK(a.to_string() == "192.0.2.10");
    for (const char* bad : {"", "192.0.2", "192.0.2.256", "192.0.2.1.", "0x7f.0.0.1", "192.0.2.01", " 192.0.2.1",
                            "192.0.2.1/24", "1.2.3.4 ", "localhost"}) {
        INFO(bad);
        CHECK_FALSE(IpAddress::parse(bad).has_value());
    }
}

TEST_CASE("IPv6 addresses parse in RFC 4291 forms and print in RFC 5952 form") {
    const auto a = ip("2001:DB8:0:0:0:0:0:1");
    CHECK(a.v6);
    CHECK(a.size() == 16);
    CHECK(a.bytes[0] == 0x20);
    CHECK(a.bytes[1] == 0x01);
    CHECK(a.bytes[15] == 1);
    CHECK(a.to_string() == "2001:db8::1");
    CHECK(ip("::1").to_string() == "::1");
    CHECK(ip("::").to_string() == "::");
    CHECK(ip("::ffff:192.0.2.1").v6);
    CHECK(ip("::ffff:192.0.2.1").bytes[12] == 192);
    CHECK(ip("2001:db8::1") == a);
    CHECK_FALSE(ip("::1") == ip("::2"));
    for (const char* bad : {":::", "2001:db8::1::2", "2001:db8:::1", "12345::", "fe80::1%eth0", "[::1]", "g::1"}) {
        INFO(bad);
        CHECK_FALSE(IpAddress::parse(bad).has_value());
    }
}

TEST_CASE("network membership compares the first prefix bits of one family") {
    CHECK(ip("192.0.2.130").in_network(ip("192.0.2.0"), 24));
    CHECK(ip("192.0.2.130").in_network(ip("192.0.2.128"), 25));
    CHECK_FALSE(ip("192.0.2.130").in_network(ip("192.0.2.0"), 25));
    CHECK(ip("192.0.2.130").in_network(ip("10.0.0.0"), 0));
    CHECK(ip("192.0.2.130").in_network(ip("192.0.2.130"), 32));
    CHECK_FALSE(ip("192.0.2.130").in_network(ip("192.0.2.131"), 32));
    CHECK(ip("192.0.2.131").in_network(ip("192.0.2.130"), 31));
    CHECK_FALSE(ip("192.0.2.1").in_network(ip("192.0.2.1"), 33));
    CHECK_FALSE(ip("192.0.2.1").in_network(ip("::"), 0));
    CHECK(ip("2001:db8:1234::5").in_network(ip("2001:db8:1200::"), 42));  // 0x34 = 0b001'10100
    CHECK_FALSE(ip("2001:db8:1234::5").in_network(ip("2001:db8:1200::"), 43));
    CHECK(ip("2001:db8::5").in_network(ip("2001:db8::5"), 128));
    CHECK_FALSE(ip("2001:db8::5").in_network(ip("2001:db8::5"), 129));
}

TEST_CASE("server addresses take an optional port, bracketed after IPv6") {
    auto s = parse_server_address("127.0.0.1:5353");
    REQUIRE(s);
    CHECK(s->ip == ip("127.0.0.1"));
    CHECK(s->port == 5353);
    s = parse_server_address("192.0.2.53");
    REQUIRE(s);
    CHECK(s->port == 53);
    s = parse_server_address("[::1]:53");
    REQUIRE(s);
    CHECK(s->ip == ip("::1"));
    CHECK(s->port == 53);
    s = parse_server_address("[2001:db8::53]:65535");
    REQUIRE(s);
    CHECK(s->port == 65535);
    s = parse_server_address("2001:db8::53");
    REQUIRE(s);
    CHECK(s->ip.v6);
    CHECK(s->port == 53);
    for (const char* bad : {"", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:+53", "127.0.0.1:5x",
                            "[127.0.0.1]:53", "[::1", "[::1]53", "[::1]:", "::1:53x", "localhost:53", "dns.example:53",
                            "127.0.0.1:123456"}) {
        INFO(bad);
        CHECK_FALSE(parse_server_address(bad).has_value());
    }
}

TEST_CASE("names are compared lower-case without the trailing dot") {
    CHECK(normalize_name("Example.COM.") == "example.com");
    CHECK(normalize_name("example.com") == "example.com");
    CHECK(normalize_name(".") == "");
    CHECK(normalize_name("") == "");
    CHECK(normalize_name("a\\.") == "a\\.");     // the dot is part of the label
    CHECK(normalize_name("a\\\\.") == "a\\\\");  // an escaped backslash, then the root dot
    CHECK(normalize_name("_DMARC.Ex\xc3\x84mple.test") == "_dmarc.ex\xc3\x84mple.test");  // bytes above ASCII untouched
}

TEST_CASE("record types and statuses have names") {
    CHECK(to_string(RecordType::a) == "A");
    CHECK(to_string(RecordType::aaaa) == "AAAA");
    CHECK(to_string(RecordType::mx) == "MX");
    CHECK(to_string(RecordType::txt) == "TXT");
    CHECK(to_string(RecordType::spf) == "SPF");
    CHECK(to_string(RecordType::ptr) == "PTR");
    CHECK(to_string(RecordType::cname) == "CNAME");
    CHECK(to_string(RecordType::ns) == "NS");
    CHECK(to_string(RecordType::soa) == "SOA");
    CHECK(to_string(static_cast<RecordType>(64)) == "UNKNOWN");
    CHECK(to_string(Status::ok) == "ok");
    CHECK(to_string(Status::nxdomain) == "nxdomain");
    CHECK(to_string(Status::nodata) == "nodata");
    CHECK(to_string(Status::servfail) == "servfail");
    CHECK(to_string(Status::timeout) == "timeout");
    CHECK(to_string(Status::malformed) == "malformed");
}

TEST_CASE("an answer tells missing records from temporary failures") {
    mailwarden::dns::Answer a;
    CHECK(a.temporary_failure());  // the default is servfail, never "missing"
    a.status = Status::nxdomain;
    CHECK(a.missing());
    CHECK_FALSE(a.temporary_failure());
    a.status = Status::nodata;
    CHECK(a.missing());
    for (auto s : {Status::servfail, Status::timeout, Status::malformed}) {
        a.status = s;
        CHECK_FALSE(a.missing());
        CHECK(a.temporary_failure());
    }
    a.status = Status::ok;
    CHECK(a.ok());
    CHECK_FALSE(a.missing());
    CHECK_FALSE(a.temporary_failure());
}
