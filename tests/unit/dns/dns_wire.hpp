// Test helpers: DNS messages built by hand (uncompressed unless a test writes
// pointers itself), to feed the parser and the fake servers.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dns_test {

using Bytes = std::vector<std::uint8_t>;

inline void put16(Bytes& out, unsigned v) {
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

inline void put32(Bytes& out, std::uint32_t v) {
    put16(out, v >> 16);
    put16(out, v & 0xffff);
}

/// "mx.Example.test" -> 2 m x 7 E x a m p l e 4 t e s t 0 ("" and "." are the root).
inline Bytes wire_name(std::string_view name) {
    Bytes out;
    while (!name.empty() && name != ".") {
        const auto dot = name.find('.');
        const auto label = name.substr(0, dot);
        out.push_back(static_cast<std::uint8_t>(label.size()));
        out.insert(out.end(), label.begin(), label.end());
        name = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
    }
    out.push_back(0);
    return out;
}

inline Bytes rdata_txt(std::initializer_list<std::string_view> strings) {
    Bytes out;
    for (auto s : strings) {
        out.push_back(static_cast<std::uint8_t>(s.size()));
        out.insert(out.end(), s.begin(), s.end());
    }
    return out;
}

inline Bytes rdata_mx(unsigned preference, std::string_view exchange) {
    Bytes out;
    put16(out, preference);
    const auto name = wire_name(exchange);
    out.insert(out.end(), name.begin(), name.end());
    return out;
}

inline Bytes rdata_soa(std::string_view mname, std::uint32_t minimum) {
    Bytes out = wire_name(mname);
    const auto rname = wire_name("hostmaster.example.test");
    out.insert(out.end(), rname.begin(), rname.end());
    for (std::uint32_t v : {2024010101u, 3600u, 600u, 86400u}) put32(out, v);
    put32(out, minimum);
    return out;
}

enum Section { answer = 0, authority = 1, additional = 2 };

/// A response: header, one question, then records in the order added.
class Message {
public:
    explicit Message(std::string_view qname, unsigned qtype, unsigned rcode = 0, unsigned id = 0x1234) {
        put16(bytes_, id);
        put16(bytes_, 0x8180 | rcode);  // QR RD RA
        put16(bytes_, 1);
        for (int i = 0; i < 3; ++i) put16(bytes_, 0);
        const auto name = wire_name(qname);
        bytes_.insert(bytes_.end(), name.begin(), name.end());
        put16(bytes_, qtype);
        put16(bytes_, 1);
    }

    Message& record(Section section, std::string_view owner, unsigned type, std::uint32_t ttl, const Bytes& rdata,
                    unsigned rclass = 1) {
        // Sections must be added in order; counts live at offsets 6, 8, 10.
        const auto name = wire_name(owner);
        bytes_.insert(bytes_.end(), name.begin(), name.end());
        put16(bytes_, type);
        put16(bytes_, rclass);
        put32(bytes_, ttl);
        put16(bytes_, static_cast<unsigned>(rdata.size()));
        bytes_.insert(bytes_.end(), rdata.begin(), rdata.end());
        const std::size_t at = 6 + 2 * static_cast<std::size_t>(section);
        put_at(at, count_at(at) + 1);
        return *this;
    }

    Message& flags(unsigned value) {
        put_at(2, value);
        return *this;
    }

    const Bytes& bytes() const { return bytes_; }

private:
    unsigned count_at(std::size_t at) const { return static_cast<unsigned>(bytes_[at] << 8 | bytes_[at + 1]); }
    void put_at(std::size_t at, unsigned v) {
        bytes_[at] = static_cast<std::uint8_t>(v >> 8);
        bytes_[at + 1] = static_cast<std::uint8_t>(v);
    }

    Bytes bytes_;
};

/// The question of a query as c-ares sends it (uncompressed, header first).
struct Question {
    unsigned id = 0;
    std::string name;  // as written, labels joined with '.'
    unsigned type = 0;
};

inline bool read_question(std::span<const std::uint8_t> query, Question& q) {
    if (query.size() < 17) return false;
    q.id = static_cast<unsigned>(query[0] << 8 | query[1]);
    std::size_t at = 12;
    q.name.clear();
    while (at < query.size() && query[at] != 0) {
        const std::size_t length = query[at];
        if (at + 1 + length >= query.size()) return false;
        if (!q.name.empty()) q.name += '.';
        q.name.append(reinterpret_cast<const char*>(query.data()) + at + 1, length);
        at += 1 + length;
    }
    if (at + 5 > query.size()) return false;
    q.type = static_cast<unsigned>(query[at + 1] << 8 | query[at + 2]);
    return true;
}

}  // namespace dns_test
