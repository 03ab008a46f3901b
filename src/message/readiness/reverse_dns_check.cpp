// Forward-confirmed reverse DNS: the sending IP's PTR names, and one of them
// whose A (or AAAA) records hold the IP again.
#include "message/readiness/readiness_checks.hpp"

namespace mailwarden::message_detail {

namespace {

// "192.0.2.1" -> "1.2.0.192.in-addr.arpa"; IPv6 by nibbles under ip6.arpa.
std::string reverse_name(const dns::IpAddress& ip) {
    std::string name;
    static constexpr char hex[] = "0123456789abcdef";
    for (std::size_t i = ip.size(); i-- > 0;) {
        const auto b = ip.bytes[i];
        if (ip.v6) {
            name += hex[b & 0xf];
            name += '.';
            name += hex[b >> 4];
            name += '.';
        } else {
            name += std::to_string(b) + '.';
        }
    }
    return name + (ip.v6 ? "ip6.arpa" : "in-addr.arpa");
}

}  // namespace

void check_reverse_dns(const ReadinessContext& ctx, ReadinessRule& rule) {
    if (!ctx.ip) return settle(rule, RuleStatus::unknown, "no sending IP given");
    const auto ip = ctx.ip->to_string();
    const auto ptr_name = reverse_name(*ctx.ip);
    const auto ptr = ctx.resolver.query(ptr_name, dns::RecordType::ptr);
    if (ptr.temporary_failure())
        return settle(rule, RuleStatus::unknown, "the PTR lookup of " + ptr_name + " failed: " + std::string(dns::to_string(ptr.status)));
    if (!ptr.ok() || ptr.names.empty()) return settle(rule, RuleStatus::fail, "no PTR record at " + ptr_name);
    const auto type = ctx.ip->v6 ? dns::RecordType::aaaa : dns::RecordType::a;
    std::string seen;
    bool temporary = false;
    for (const auto& name : ptr.names) {
        const auto forward = ctx.resolver.query(name, type);
        for (const auto& a : forward.addresses)
            if (a == *ctx.ip) return settle(rule, RuleStatus::pass, ip + " -> PTR " + name + " -> " + std::string(dns::to_string(type)) + " " + ip);
        temporary = temporary || forward.temporary_failure();
        seen += (seen.empty() ? "" : ", ") + name;
    }
    settle(rule, temporary ? RuleStatus::unknown : RuleStatus::fail,
           ip + " -> PTR " + seen + ", but no " + std::string(dns::to_string(type)) + " record of those names is " + ip);
}

}  // namespace mailwarden::message_detail
