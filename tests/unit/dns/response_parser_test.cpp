// The response parser on hand-built messages: each record type, CNAME
// chains, negative answers and their TTLs, and broken messages.
#include "dns_wire.hpp"
#include "net/dns/response_parser.hpp"
#include "net/dns/wire_reader.hpp"

#include <doctest/doctest.h>

using namespace dns_test;
using mailwarden::dns::Answer;
using mailwarden::dns::IpAddress;
using mailwarden::dns::MxRecord;
using mailwarden::dns::RecordType;
using mailwarden::dns::Status;
using mailwarden::dns::detail::parse_response;

namespace {

constexpr unsigned A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, MX = 15, TXT = 16, AAAA = 28, SPF = 99;

Answer parse(const Message& m, RecordType type) { return parse_response(m.bytes(), type); }

Bytes ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) { return {a, b, c, d}; }

}  // namespace

TEST_CASE("TXT: character-strings of one record are joined, records stay apart") {
    Message m("Example.TEST", TXT);
    m.record(answer, "example.test", TXT, 300, rdata_txt({"v=spf1 ", "include:_spf.example.test", " -all"}))
        .record(answer, "example.test", TXT, 200, rdata_txt({"verification=abc"}))
        .record(answer, "example.test", TXT, 300, rdata_txt({}));
    const auto a = parse(m, RecordType::txt);
    CHECK(a.status == Status::ok);
    CHECK(a.ttl == 200);
    REQUIRE(a.texts.size() == 3);
    CHECK(a.texts[0] == "v=spf1 include:_spf.example.test -all");
    CHECK(a.texts[1] == "verification=abc");
    CHECK(a.texts[2] == "");
    CHECK(a.mx.empty());
}

TEST_CASE("SPF type records read like TXT") {
    Message m("example.test", SPF);
    m.record(answer, "example.test", SPF, 60, rdata_txt({"v=spf1 ", "-all"}));
    const auto a = parse(m, RecordType::spf);
    CHECK(a.ok());
    REQUIRE(a.texts.size() == 1);
    CHECK(a.texts[0] == "v=spf1 -all");
}

TEST_CASE("MX: preferences kept in order, exchanges lower-cased, null MX is empty") {
    Message m("example.test", MX);
    m.record(answer, "example.test", MX, 3600, rdata_mx(20, "MX2.Example.Test"))
        .record(answer, "example.test", MX, 3600, rdata_mx(10, "mx1.example.test"))
        .record(answer, "example.test", MX, 3600, rdata_mx(0, "."));
    const auto a = parse(m, RecordType::mx);
    CHECK(a.ok());
    CHECK(a.ttl == 3600);
    REQUIRE(a.mx.size() == 3);
    CHECK(a.mx[0] == MxRecord{20, "mx2.example.test"});
    CHECK(a.mx[1] == MxRecord{10, "mx1.example.test"});
    CHECK(a.mx[2].is_null());
    CHECK(a.mx[2].preference == 0);
}

TEST_CASE("A and AAAA records become addresses") {
    Message m4("host.example.test", A);
    m4.record(answer, "host.example.test", A, 30, ipv4(192, 0, 2, 1))
        .record(answer, "host.example.test", A, 40, ipv4(192, 0, 2, 2));
    const auto a = parse(m4, RecordType::a);
    CHECK(a.ok());
    CHECK(a.ttl == 30);
    REQUIRE(a.addresses.size() == 2);
    CHECK(a.addresses[0] == *IpAddress::parse("192.0.2.1"));
    CHECK(a.addresses[1] == *IpAddress::parse("192.0.2.2"));

    Bytes v6(16, 0);
    v6[0] = 0x20;
    v6[1] = 0x01;
    v6[2] = 0x0d;
    v6[3] = 0xb8;
    v6[15] = 1;
    Message m6("host.example.test", AAAA);
    m6.record(answer, "host.example.test", AAAA, 30, v6);
    const auto b = parse(m6, RecordType::aaaa);
    CHECK(b.ok());
    REQUIRE(b.addresses.size() == 1);
    CHECK(b.addresses[0] == *IpAddress::parse("2001:db8::1"));

    Message bad("host.example.test", A);
    bad.record(answer, "host.example.test", A, 30, Bytes{192, 0, 2});
    CHECK(parse(bad, RecordType::a).status == Status::malformed);
}

TEST_CASE("PTR, NS and CNAME questions give names") {
    Message p("10.2.0.192.in-addr.arpa", PTR);
    p.record(answer, "10.2.0.192.in-addr.arpa", PTR, 300, wire_name("Host.Example.test."))
        .record(answer, "10.2.0.192.in-addr.arpa", PTR, 300, wire_name("alias.example.test"));
    const auto a = parse(p, RecordType::ptr);
    CHECK(a.ok());
    REQUIRE(a.names.size() == 2);
    CHECK(a.names[0] == "host.example.test");
    CHECK(a.names[1] == "alias.example.test");

    Message ns("example.test", NS);
    ns.record(answer, "example.test", NS, 300, wire_name("ns1.example.test"));
    CHECK(parse(ns, RecordType::ns).names == std::vector<std::string>{"ns1.example.test"});

    // A CNAME question is answered by the alias itself, not followed.
    Message c("www.example.test", CNAME);
    c.record(answer, "www.example.test", CNAME, 300, wire_name("web.other.test"));
    const auto ca = parse(c, RecordType::cname);
    CHECK(ca.ok());
    CHECK(ca.names == std::vector<std::string>{"web.other.test"});
}

TEST_CASE("a CNAME chain is followed; its TTLs bound the answer's") {
    Message m("www.example.test", A);
    m.record(answer, "www.example.test", CNAME, 100, wire_name("web.other.test"))
        .record(answer, "web.other.test", CNAME, 50, wire_name("final.example.test"))
        .record(answer, "final.example.test", A, 300, ipv4(192, 0, 2, 20))
        .record(answer, "unrelated.example.test", A, 300, ipv4(192, 0, 2, 99));  // not on the chain
    const auto a = parse(m, RecordType::a);
    CHECK(a.ok());
    CHECK(a.ttl == 50);
    REQUIRE(a.addresses.size() == 1);
    CHECK(a.addresses[0] == *IpAddress::parse("192.0.2.20"));
    CHECK(a.names.empty());
}

TEST_CASE("a chain ending without the type asked is nodata, with the SOA's negative TTL") {
    Message m("www.example.test", MX);
    m.record(answer, "www.example.test", CNAME, 100, wire_name("web.other.test"))
        .record(authority, "other.test", SOA, 3600, rdata_soa("ns.other.test", 30));
    const auto a = parse(m, RecordType::mx);
    CHECK(a.status == Status::nodata);
    CHECK(a.missing());
    CHECK(a.ttl == 30);
}

TEST_CASE("NXDOMAIN and NODATA: the negative TTL is min(SOA TTL, MINIMUM)") {
    Message nx("nope.example.test", A, 3);
    nx.record(authority, "example.test", SOA, 3600, rdata_soa("ns.example.test", 60));
    const auto a = parse(nx, RecordType::a);
    CHECK(a.status == Status::nxdomain);
    CHECK(a.ttl == 60);

    Message nodata("example.test", AAAA);
    nodata.record(authority, "example.test", SOA, 20, rdata_soa("ns.example.test", 60));
    const auto b = parse(nodata, RecordType::aaaa);
    CHECK(b.status == Status::nodata);
    CHECK(b.ttl == 20);

    // Without an SOA a negative answer must not be cached (RFC 2308 section 5).
    Message bare("nope.example.test", A, 3);
    CHECK(parse(bare, RecordType::a).status == Status::nxdomain);
    CHECK(parse(bare, RecordType::a).ttl == 0);

    // Records beside an NXDOMAIN (a chain into a missing name) are no answer.
    Message chain("alias.example.test", A, 3);
    chain.record(answer, "alias.example.test", CNAME, 300, wire_name("gone.example.test"))
        .record(authority, "example.test", SOA, 300, rdata_soa("ns.example.test", 45));
    const auto c = parse(chain, RecordType::a);
    CHECK(c.status == Status::nxdomain);
    CHECK(c.ttl == 45);
    CHECK(c.names.empty());
}

TEST_CASE("records of another type, owner or class are no answer") {
    Message m("example.test", MX);
    m.record(answer, "example.test", TXT, 300, rdata_txt({"x"}))
        .record(answer, "other.test", MX, 300, rdata_mx(10, "mx.other.test"))
        .record(answer, "example.test", MX, 300, rdata_mx(10, "mx.chaos.test"), 3);
    CHECK(parse(m, RecordType::mx).status == Status::nodata);
}

TEST_CASE("server failures and refusals are temporary, FORMERR is malformed") {
    CHECK(parse(Message("example.test", A, 2), RecordType::a).status == Status::servfail);
    CHECK(parse(Message("example.test", A, 5), RecordType::a).status == Status::servfail);
    CHECK(parse(Message("example.test", A, 4), RecordType::a).status == Status::servfail);
    CHECK(parse(Message("example.test", A, 1), RecordType::a).status == Status::malformed);
    CHECK(parse(Message("example.test", A, 9), RecordType::a).status == Status::malformed);
}

TEST_CASE("TTLs with the top bit set count as zero (RFC 2181)") {
    Message m("example.test", A);
    m.record(answer, "example.test", A, 0x80000001u, ipv4(192, 0, 2, 1));
    CHECK(parse(m, RecordType::a).ttl == 0);
}

TEST_CASE("compressed names are followed backwards only") {
    // Header, question "example.test" at offset 12, then an MX whose owner
    // is a pointer to the question and whose exchange is "mx" + pointer.
    Message m("example.test", MX);
    Bytes bytes = m.bytes();
    bytes[7] = 1;  // ANCOUNT
    const Bytes rr = {0xc0, 12, 0, MX, 0, 1, 0, 0, 0, 60, 0, 7, 0, 5, 2, 'm', 'x', 0xc0, 12};
    bytes.insert(bytes.end(), rr.begin(), rr.end());
    auto a = parse_response(bytes, RecordType::mx);
    REQUIRE(a.ok());
    CHECK(a.mx[0] == MxRecord{5, "mx.example.test"});

    // A pointer to itself, and one pointing forwards, are refused.
    Bytes loop = bytes;
    loop[loop.size() - 1] = static_cast<std::uint8_t>(loop.size() - 2);
    CHECK(parse_response(loop, RecordType::mx).status == Status::malformed);
    Bytes forward = m.bytes();
    forward[7] = 1;
    const Bytes rr2 = {0xc0, 40, 0, MX, 0, 1, 0, 0, 0, 60, 0, 4, 0, 5, 0xc0, 12};
    forward.insert(forward.end(), rr2.begin(), rr2.end());
    CHECK(parse_response(forward, RecordType::mx).status == Status::malformed);
}

TEST_CASE("truncated and inconsistent messages are malformed, never missing") {
    Message m("example.test", TXT);
    m.record(answer, "example.test", TXT, 300, rdata_txt({"hello"}));
    const Bytes& whole = m.bytes();
    REQUIRE(parse_response(whole, RecordType::txt).ok());
    for (std::size_t cut = 0; cut < whole.size(); ++cut) {
        INFO("cut at " << cut);
        const auto a = parse_response(std::span(whole).first(cut), RecordType::txt);
        CHECK(a.status == Status::malformed);
    }
    // A character-string running past its RDATA.
    Bytes bad = whole;
    bad[bad.size() - 6] = 9;
    CHECK(parse_response(bad, RecordType::txt).status == Status::malformed);
    // A question of another type than asked.
    CHECK(parse_response(whole, RecordType::mx).status == Status::malformed);
    // Not a response (QR clear), and two questions.
    Message q("example.test", TXT);
    q.flags(0x0100);
    CHECK(parse(q, RecordType::txt).status == Status::malformed);
    Bytes two = whole;
    two[5] = 2;
    CHECK(parse_response(two, RecordType::txt).status == Status::malformed);
    // An MX whose exchange does not end at the end of its RDATA.
    Message mx("example.test", MX);
    Bytes rdata = rdata_mx(10, "mx.example.test");
    rdata.push_back(0);
    mx.record(answer, "example.test", MX, 300, rdata);
    CHECK(parse(mx, RecordType::mx).status == Status::malformed);
    // A huge ANCOUNT on a short message.
    Bytes many = whole;
    many[6] = 0xff;
    many[7] = 0xff;
    CHECK(parse_response(many, RecordType::txt).status == Status::malformed);
}

TEST_CASE("names decode with escapes for dots and unprintable bytes") {
    Bytes raw = {3, 'a', '.', 'B', 2, 0x01, ' ', 4, 't', 'e', 's', 't', 0};
    mailwarden::dns::detail::WireReader in(raw);
    CHECK(in.name() == "a\\.b.\\001\\032.test");
    CHECK(in.ok());
    CHECK(in.position() == raw.size());

    // 0x40 and 0x80 label types are refused.
    Bytes reserved = {0x41, 'a', 0};
    mailwarden::dns::detail::WireReader r2(reserved);
    (void)r2.name();
    CHECK_FALSE(r2.ok());

    // Over 255 octets.
    Bytes longer;
    for (int i = 0; i < 5; ++i) {
        longer.push_back(63);
        longer.insert(longer.end(), 63, 'x');
    }
    longer.push_back(0);
    mailwarden::dns::detail::WireReader r3(longer);
    (void)r3.name();
    CHECK_FALSE(r3.ok());

    // Exactly 255 octets is fine: 3 x 63 + 61 labels and the root.
    Bytes limit;
    for (int i = 0; i < 3; ++i) {
        limit.push_back(63);
        limit.insert(limit.end(), 63, 'y');
    }
    limit.push_back(61);
    limit.insert(limit.end(), 61, 'z');
    limit.push_back(0);
    REQUIRE(limit.size() == 255);
    mailwarden::dns::detail::WireReader r4(limit);
    CHECK(r4.name().size() == 63 * 3 + 61 + 3);
    CHECK(r4.ok());
}
