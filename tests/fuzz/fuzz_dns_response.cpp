// libFuzzer target: the DNS response parser on arbitrary bytes, and the text
// parsers for addresses and name servers. The first byte picks the question
// type (or, from 0xf0 on, the text parsers). Invariants beyond "no crash":
// ok means records of the type asked and only of it; anything else carries
// no records; names are lower-case; parsed addresses print and parse back.
#include "net/dns/response_parser.hpp"
#include "net/dns/server_address.hpp"

#include <mailwarden/dns.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

namespace {

using mailwarden::dns::Answer;
using mailwarden::dns::IpAddress;
using mailwarden::dns::RecordType;

void require(bool condition) {
    if (!condition) std::abort();
}

void check_lower(std::string_view name) {
    for (const char c : name) require(c < 'A' || c > 'Z');
}

void check_answer(const Answer& a, RecordType type) {
    const bool text = type == RecordType::txt || type == RecordType::spf;
    const bool address = type == RecordType::a || type == RecordType::aaaa;
    const bool named = type == RecordType::ns || type == RecordType::cname || type == RecordType::ptr ||
                       type == RecordType::soa;
    if (!a.ok()) {
        require(a.texts.empty() && a.mx.empty() && a.addresses.empty() && a.names.empty());
        return;
    }
    require(text ? !a.texts.empty() : a.texts.empty());
    require(type == RecordType::mx ? !a.mx.empty() : a.mx.empty());
    require(address ? !a.addresses.empty() : a.addresses.empty());
    require(named ? !a.names.empty() : a.names.empty());
    for (const auto& ip : a.addresses) require(ip.v6 == (type == RecordType::aaaa));
    for (const auto& mx : a.mx) check_lower(mx.exchange);
    for (const auto& n : a.names) check_lower(n);
}

void check_text(std::string_view text) {
    if (const auto ip = IpAddress::parse(text)) {
        const auto again = IpAddress::parse(ip->to_string());
        require(again.has_value() && *again == *ip);
    }
    if (const auto server = mailwarden::dns::detail::parse_server_address(text)) {
        const auto host = server->ip.to_string();
        const auto spelled = server->ip.v6 ? "[" + host + "]:" + std::to_string(server->port)
                                           : host + ":" + std::to_string(server->port);
        const auto again = mailwarden::dns::detail::parse_server_address(spelled);
        require(again.has_value() && *again == *server);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static constexpr RecordType types[] = {RecordType::a,   RecordType::ns, RecordType::cname,
                                           RecordType::soa, RecordType::ptr, RecordType::mx,
                                           RecordType::txt, RecordType::aaaa, RecordType::spf};
    const std::span<const std::uint8_t> rest(data + 1, size - 1);
    if (data[0] >= 0xf0) {
        check_text(std::string_view(reinterpret_cast<const char*>(rest.data()), rest.size()));
        return 0;
    }
    const RecordType type = types[data[0] % std::size(types)];
    check_answer(mailwarden::dns::detail::parse_response(rest, type), type);
    return 0;
}
