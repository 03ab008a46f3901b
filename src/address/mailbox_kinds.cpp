#include "mailbox_kinds.hpp"

#include "char_classes.hpp"

#include <algorithm>
#include <array>

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

constexpr std::array<std::string_view, 11> special_use_suffixes = {
    "test", "example", "invalid", "localhost", "local", "onion", "alt",
    "home.arpa", "example.com", "example.net", "example.org",
};

constexpr std::size_t max_local = 64;

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

}  // namespace

bool is_role_local_part(std::string_view local_part) noexcept {
    std::array<char, max_local> buf;
    const std::string_view key = normalise(local_part, buf);
    return !key.empty() && std::binary_search(role_names.begin(), role_names.end(), key);
}

bool is_noreply_local_part(std::string_view local_part) noexcept {
    std::array<char, max_local> buf;
    const std::string_view key = normalise(local_part, buf);
    return std::any_of(noreply_prefixes.begin(), noreply_prefixes.end(),
                       [key](std::string_view p) { return key.starts_with(p); });
}

bool is_special_use_domain(std::string_view domain) noexcept {
    return std::any_of(special_use_suffixes.begin(), special_use_suffixes.end(), [domain](std::string_view s) {
        if (!domain.ends_with(s)) return false;
        return domain.size() == s.size() || domain[domain.size() - s.size() - 1] == '.';
    });
}

}  // namespace mailwarden::address_detail
