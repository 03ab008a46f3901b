#include "dnsbl_decode.hpp"

#include <algorithm>

namespace mailwarden::content_detail {

namespace {

const dns::IpAddress& loopback_net() {
    static const dns::IpAddress net = *dns::IpAddress::parse("127.0.0.0");
    return net;
}

const dns::IpAddress& refusal_net() {
    static const dns::IpAddress net = *dns::IpAddress::parse("127.255.255.0");
    return net;
}

bool matches(const dns::IpAddress& address, std::string_view code) {
    const std::size_t slash = code.find('/');
    const auto ip = dns::IpAddress::parse(code.substr(0, slash));
    if (!ip) return false;
    if (slash == std::string_view::npos) return *ip == address;
    unsigned prefix = 0;
    const std::string_view bits = code.substr(slash + 1);
    if (bits.empty() || bits.size() > 3) return false;
    for (const char c : bits) {
        if (c < '0' || c > '9') return false;
        prefix = prefix * 10 + static_cast<unsigned>(c - '0');
    }
    if (prefix > ip->size() * 8) return false;
    return address.in_network(*ip, prefix);
}

std::string join(const std::vector<dns::IpAddress>& addresses) {
    std::string out;
    for (const auto& a : addresses) {
        if (!out.empty()) out += ", ";
        out += a.to_string();
    }
    return out;
}

}  // namespace

bool is_refusal(const dns::IpAddress& address, const Blocklist& list) {
    if (!address.v6 && address.in_network(refusal_net(), 24)) return true;
    return std::any_of(list.refusal_codes.begin(), list.refusal_codes.end(),
                       [&](const std::string& code) { return matches(address, code); });
}

DecodedAnswer decode_answer(const dns::Answer& answer, const Blocklist& list) {
    DecodedAnswer out;
    if (answer.missing()) return out;  // NXDOMAIN (or a name without an A): not listed
    if (!answer.ok()) {
        out.kind = ListAnswer::unknown;
        out.detail = std::string(dns::to_string(answer.status));
        return out;
    }
    std::vector<dns::IpAddress> v4;
    for (const auto& a : answer.addresses)
        if (!a.v6) v4.push_back(a);
    if (v4.empty()) return out;
    for (const auto& a : v4) {
        if (!a.in_network(loopback_net(), 8)) {
            out.kind = ListAnswer::unknown;
            out.detail = "answer " + join(v4) +
                         " is outside 127.0.0.0/8: the resolver seems to make up answers (wildcarding), not a list code";
            return out;
        }
    }
    for (const auto& a : v4) {
        if (is_refusal(a, list)) {
            out.kind = ListAnswer::refused;
            out.detail = "answer " + a.to_string() + " means the query was refused or over the limit";
            return out;
        }
    }
    // Servers rotate the records: reasons in the order of the codes.
    std::sort(v4.begin(), v4.end(), [](const dns::IpAddress& x, const dns::IpAddress& y) { return x.bytes < y.bytes; });
    out.kind = ListAnswer::listed;
    for (const auto& a : v4) {
        const std::string text = a.to_string();
        const auto code = list.codes.find(text);
        std::string reason = code != list.codes.end() && !code->second.empty() ? code->second : "listed (" + text + ")";
        if (std::find(out.reasons.begin(), out.reasons.end(), reason) == out.reasons.end())
            out.reasons.push_back(std::move(reason));
    }
    return out;
}

}  // namespace mailwarden::content_detail
