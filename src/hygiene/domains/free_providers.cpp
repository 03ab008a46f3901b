// The lists are the providers' own sign-up domains, gathered from their
// help pages; regional variants of the largest ones included.
#include "hygiene/domains/free_providers.hpp"

#include <algorithm>
#include <array>

namespace mailwarden::hygiene {

namespace {

constexpr std::array<std::string_view, 16> popular = {
    "gmail.com",   "yahoo.com", "hotmail.com", "outlook.com", "aol.com",  "icloud.com",
    "live.com",    "msn.com",   "gmx.com",     "gmx.de",      "web.de",   "mail.ru",
    "yandex.ru",   "proton.me", "protonmail.com", "googlemail.com",
};

// Sorted, for binary search.
constexpr std::array<std::string_view, 58> free_domains = {
    "126.com",        "163.com",       "aim.com",       "aol.com",         "bk.ru",         "daum.net",
    "fastmail.com",   "gmail.com",     "gmx.at",        "gmx.ch",          "gmx.com",       "gmx.de",
    "gmx.net",        "googlemail.com", "hanmail.net",  "hotmail.co.uk",   "hotmail.com",   "hotmail.de",
    "hotmail.es",     "hotmail.fr",    "hotmail.it",    "hushmail.com",    "icloud.com",    "inbox.ru",
    "interia.pl",     "libero.it",     "list.ru",       "live.co.uk",      "live.com",      "live.fr",
    "mac.com",        "mail.com",      "mail.ru",       "me.com",          "msn.com",       "naver.com",
    "o2.pl",          "outlook.com",   "outlook.de",    "outlook.fr",      "pm.me",         "proton.me",
    "protonmail.com", "qq.com",        "rediffmail.com", "rocketmail.com", "seznam.cz",     "sina.com",
    "tuta.io",        "tutanota.com",  "web.de",        "wp.pl",           "ya.ru",         "yahoo.co.jp",
    "yahoo.co.uk",    "yahoo.com",     "yandex.ru",     "ymail.com",
};
static_assert(std::is_sorted(free_domains.begin(), free_domains.end()));

}  // namespace

bool is_free_provider(std::string_view domain) {
    return std::binary_search(free_domains.begin(), free_domains.end(), domain);
}

std::span<const std::string_view> popular_providers() { return popular; }

}  // namespace mailwarden::hygiene
