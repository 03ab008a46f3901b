#include "mailbox_kinds.hpp"

#include "char_classes.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace mailwarden::address_detail {

namespace {

// Sorted: looked up with binary search. Names are stored the way the
// normalisation below produces them (lower case, no separators).
constexpr std::array<std::string_view, 62> role_names = {
    "abuse", "accounting", "accounts", "admin", "administrator", "all",
    "billing", "careers", "compliance", "contact", "contactus", "customercare",
    "customerservice", "devnull", "dns", "enquiries", "enquiry", "everyone",
    "feedback", "finance", "ftp", "help", "helpdesk", "hostmaster",
    "hr", "info", "information", "inquiries", "it", "jobs",
    "legal", "list", "listmaster", "listrequest", "listserv", "mailerdaemon",
    "majordomo", "marketing", "media", "news", "nobody", "noc",
    "office", "orders", "postmaster", "press", "privacy", "root",
    "sales", "security", "service", "spam", "staff", "subscribe",
    "support", "sysadmin", "team", "unsubscribe", "usenet", "uucp",
    "webmaster", "www",
};

constexpr std::array<std::string_view, 6> noreply_prefixes = {
    "noreply", "donotreply", "dontreply", "noresponse", "donotrespond", "norespond",
};

constexpr std::size_t max_local = 64;
constexpr std::size_t max_role_name = 16;

// Lower-cases, drops a +tag and the separators . - _ into buf; returns the view.
std::string_view normalise(std::string_view local, std::array<char, max_local>& buf) noexcept {
    std::size_t n = 0;
    for (const char c : local) {
        if (c == '+') break;
        if (c == '.' || c == '-' || c == '_') continue;
        if (n == buf.size()) return {};
        buf[n++] = ascii_lower(c);
    }
    return {buf.data(), n};
}

constexpr bool sorted_names() {
    for (std::size_t i = 1; i < role_names.size(); ++i)
        if (!(role_names[i - 1] < role_names[i])) return false;
    return true;
}
static_assert(sorted_names(), "role_names must stay sorted");

// One bit per (first letter, length) pair that some role name has: most
// personal names are ruled out without a string comparison.
struct RoleFilter {
    std::array<std::uint32_t, 26> lengths_by_letter{};

    constexpr RoleFilter() {
        for (const std::string_view name : role_names) {
            if (name.size() >= max_role_name) throw "role name too long";
            lengths_by_letter[static_cast<std::size_t>(name[0] - 'a')] |= 1u << name.size();
        }
    }

    constexpr bool may_contain(std::string_view key) const noexcept {
        if (key.empty() || key.size() >= max_role_name || key[0] < 'a' || key[0] > 'z') return false;
        return (lengths_by_letter[static_cast<std::size_t>(key[0] - 'a')] >> key.size()) & 1u;
    }
};
constexpr RoleFilter role_filter;

}  // namespace

LocalPartKind classify_local_part(std::string_view local_part) noexcept {
    std::array<char, max_local> buf;
    const std::string_view key = normalise(local_part, buf);
    LocalPartKind kind;
    kind.role = role_filter.may_contain(key) && std::binary_search(role_names.begin(), role_names.end(), key);
    if (!key.empty() && (key[0] == 'n' || key[0] == 'd')) {
        kind.noreply = std::any_of(noreply_prefixes.begin(), noreply_prefixes.end(),
                                   [key](std::string_view p) { return key.starts_with(p); });
    }
    return kind;
}

bool is_special_use_domain(std::string_view domain) noexcept {
    const std::size_t dot = domain.rfind('.');
    const std::string_view tld = dot == std::string_view::npos ? domain : domain.substr(dot + 1);
    const std::string_view rest = dot == std::string_view::npos ? std::string_view() : domain.substr(0, dot);
    // The registrable name under the TLD must be the reserved one exactly,
    // or a parent of it: "example.com" and "shop.example.com", not "myexample.com".
    auto second_level_is = [rest](std::string_view name) {
        return rest == name || (rest.size() > name.size() && rest.ends_with(name) &&
                                rest[rest.size() - name.size() - 1] == '.');
    };
    switch (tld.size()) {
    case 3:
        if (tld == "alt") return true;
        if (tld == "com" || tld == "net" || tld == "org") return second_level_is("example");
        return false;
    case 4:
        if (tld == "test") return true;
        if (tld == "arpa") return second_level_is("home");
        return false;
    case 5: return tld == "local" || tld == "onion";
    case 7: return tld == "example" || tld == "invalid";
    case 9: return tld == "localhost";
    default: return false;
    }
}

}  // namespace mailwarden::address_detail
