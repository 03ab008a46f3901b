#include "dnsbl_names.hpp"

#include "common/registrable_domain.hpp"

namespace mailwarden::content_detail {

std::string reversed_ip(const dns::IpAddress& ip) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = ip.size(); i > 0; --i) {
        const std::uint8_t byte = ip.bytes[i - 1];
        if (!out.empty()) out.push_back('.');
        if (ip.v6) {
            out.push_back(hex[byte & 0x0F]);
            out.push_back('.');
            out.push_back(hex[byte >> 4]);
        } else {
            out += std::to_string(byte);
        }
    }
    return out;
}

std::optional<std::string> list_query_name(std::string_view prefix, std::string_view zone) {
    const std::string z = normalized_domain(zone);
    if (z.empty() || prefix.empty()) return std::nullopt;
    std::string name(prefix);
    name.push_back('.');
    name += z;
    if (name.size() > 253) return std::nullopt;
    return name;
}

}  // namespace mailwarden::content_detail
