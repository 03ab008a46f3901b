// Response parsing: header, question, answer and authority sections through
// one WireReader. The additional section is never needed and never read.
#include "net/dns/response_parser.hpp"

#include "net/dns/wire_reader.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace mailwarden::dns::detail {

namespace {

constexpr std::uint16_t class_in = 1;
constexpr std::uint16_t type_cname = 5;
constexpr std::uint16_t type_soa = 6;
constexpr std::size_t header_size = 12;
constexpr int max_chain = 16;  // CNAME hops followed inside one response

enum Rcode : unsigned { noerror = 0, formerr = 1, rcode_servfail = 2, rcode_nxdomain = 3, notimp = 4, refused = 5 };

struct Record {
    std::string owner;
    std::uint16_t type = 0;
    std::uint32_t ttl = 0;
    std::size_t rdata = 0;  // offset of the RDATA in the message
    std::uint16_t rdlength = 0;
};

// RFC 2181 section 8: a TTL with the top bit set counts as zero.
std::uint32_t clamp_ttl(std::uint32_t ttl) noexcept { return (ttl & 0x80000000u) != 0 ? 0 : ttl; }

// One resource record's fixed part; the RDATA is skipped and remembered.
bool read_record(WireReader& in, Record& out) {
    out.owner = in.name();
    out.type = in.u16();
    const std::uint16_t rclass = in.u16();
    out.ttl = clamp_ttl(in.u32());
    out.rdlength = in.u16();
    out.rdata = in.position();
    in.skip(out.rdlength);
    // Other classes (CHAOS ...) never answer an IN question: drop them.
    if (rclass != class_in) out.type = 0;
    return in.ok();
}

// A name filling the RDATA exactly (CNAME, PTR, NS) or ending it (MX).
bool read_rdata_name(WireReader& in, const Record& r, std::size_t start, std::string& out) {
    in.seek(start);
    out = in.name();
    return in.ok() && in.position() == r.rdata + r.rdlength;
}

Answer failed(Status status) {
    Answer a;
    a.status = status;
    return a;
}

// Appends the data of one record of the type asked; false when it is malformed.
bool take_record(WireReader& in, const Record& r, RecordType type, Answer& answer) {
    switch (type) {
    case RecordType::a:
    case RecordType::aaaa: {
        const bool v6 = type == RecordType::aaaa;
        if (r.rdlength != (v6 ? 16 : 4)) return false;
        IpAddress ip;
        ip.v6 = v6;
        in.seek(r.rdata);
        const auto raw = in.bytes(r.rdlength);
        std::copy(raw.begin(), raw.end(), ip.bytes.begin());
        answer.addresses.push_back(ip);
        return in.ok();
    }
    case RecordType::txt:
    case RecordType::spf: {
        // One entry per record: its character-strings joined (RFC 7208 section 3.3).
        std::string text;
        in.seek(r.rdata);
        const std::size_t end = r.rdata + r.rdlength;
        while (in.ok() && in.position() < end) {
            const std::uint8_t length = in.u8();
            if (length > end - in.position()) return false;
            const auto chunk = in.bytes(length);
            text.append(chunk.begin(), chunk.end());
        }
        answer.texts.push_back(std::move(text));
        return in.ok();
    }
    case RecordType::mx: {
        MxRecord mx;
        in.seek(r.rdata);
        mx.preference = in.u16();
        // A null MX ("0 .", RFC 7505) decodes to the root name "".
        if (r.rdlength < 3 || !read_rdata_name(in, r, r.rdata + 2, mx.exchange)) return false;
        answer.mx.push_back(std::move(mx));
        return true;
    }
    case RecordType::cname:
    case RecordType::ptr:
    case RecordType::ns: {
        std::string name;
        if (!read_rdata_name(in, r, r.rdata, name)) return false;
        answer.names.push_back(std::move(name));
        return true;
    }
    case RecordType::soa: {
        std::string mname;
        in.seek(r.rdata);
        mname = in.name();
        (void)in.name();  // RNAME
        in.skip(20);      // SERIAL REFRESH RETRY EXPIRE MINIMUM
        if (!in.ok() || in.position() != r.rdata + r.rdlength) return false;
        answer.names.push_back(std::move(mname));
        return true;
    }
    }
    return false;
}

// The negative-caching TTL an authority SOA carries: min(TTL, MINIMUM).
bool soa_negative_ttl(WireReader& in, const Record& r, std::uint32_t& ttl) {
    in.seek(r.rdata);
    (void)in.name();  // MNAME
    (void)in.name();  // RNAME
    in.skip(16);      // SERIAL REFRESH RETRY EXPIRE
    const std::uint32_t minimum = clamp_ttl(in.u32());
    if (!in.ok() || in.position() != r.rdata + r.rdlength) return false;
    ttl = std::min(r.ttl, minimum);
    return true;
}

}  // namespace

Answer parse_response(std::span<const std::uint8_t> message, RecordType type) {
    WireReader in(message);
    if (message.size() < header_size) return failed(Status::malformed);
    in.skip(2);  // ID
    const std::uint16_t flags = in.u16();
    const std::uint16_t qdcount = in.u16();
    const std::uint16_t ancount = in.u16();
    const std::uint16_t nscount = in.u16();
    in.skip(2);  // ARCOUNT

    if ((flags & 0x8000) == 0 || qdcount != 1) return failed(Status::malformed);  // not a response to one question
    switch (flags & 0x000f) {
    case noerror:
    case rcode_nxdomain: break;
    case rcode_servfail:
    case notimp:
    case refused: return failed(Status::servfail);
    default: return failed(Status::malformed);  // FORMERR and RCODEs no server sends for a query
    }

    std::string chain_name = in.name();
    const auto qtype = in.u16();
    const auto qclass = in.u16();
    if (!in.ok() || qtype != static_cast<std::uint16_t>(type) || qclass != class_in) return failed(Status::malformed);

    // A record takes at least 11 octets: a forged count cannot make us allocate more.
    std::vector<Record> answers;
    answers.reserve(std::min<std::size_t>(ancount, message.size() / 11));
    for (std::uint16_t i = 0; i < ancount; ++i) {
        if (!read_record(in, answers.emplace_back())) return failed(Status::malformed);
    }
    Record soa;
    bool have_soa = false;
    for (std::uint16_t i = 0; i < nscount; ++i) {
        Record r;
        if (!read_record(in, r)) return failed(Status::malformed);
        if (r.type == type_soa && !have_soa) {
            soa = std::move(r);
            have_soa = true;
        }
    }

    Answer answer;
    std::uint32_t ttl = std::numeric_limits<std::uint32_t>::max();
    // Follow the CNAME chain from the question name; the answer's TTL is
    // bounded by every alias it went through.
    const auto wanted = static_cast<std::uint16_t>(type);
    if (wanted != type_cname) {
        for (int hop = 0; hop < max_chain; ++hop) {
            const auto alias = std::find_if(answers.begin(), answers.end(), [&](const Record& r) {
                return r.type == type_cname && r.owner == chain_name;
            });
            if (alias == answers.end()) break;
            std::string target;
            if (!read_rdata_name(in, *alias, alias->rdata, target)) return failed(Status::malformed);
            ttl = std::min(ttl, alias->ttl);
            chain_name = std::move(target);
        }
    }
    for (const auto& r : answers) {
        if (r.type != wanted || r.owner != chain_name) continue;
        if (!take_record(in, r, type, answer)) return failed(Status::malformed);
        ttl = std::min(ttl, r.ttl);
    }

    const bool found = !answer.texts.empty() || !answer.mx.empty() || !answer.addresses.empty() ||
                       !answer.names.empty();
    if ((flags & 0x000f) == rcode_nxdomain) {
        answer = Answer{};  // records beside an NXDOMAIN are not an answer
        answer.status = Status::nxdomain;
    } else {
        answer.status = found ? Status::ok : Status::nodata;
    }
    if (!answer.ok()) {
        std::uint32_t negative = 0;  // no SOA: not to be cached (RFC 2308 section 5)
        if (have_soa && !soa_negative_ttl(in, soa, negative)) return failed(Status::malformed);
        ttl = std::min(ttl, negative);
    }
    answer.ttl = ttl;
    return answer;
}

}  // namespace mailwarden::dns::detail
