// The offline domain checks: disposable (with parents, never above the
// registrable domain), free providers, typo suggestions, duplicate keys.
#include "hygiene/clean/address_screen.hpp"
#include "hygiene/domains/disposable_domains.hpp"
#include "hygiene/domains/free_providers.hpp"
#include "hygiene/domains/typo_suggestion.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::hygiene;

TEST_CASE("the embedded disposable list, subdomains through the public suffix list") {
    CHECK(disposable_list_size() > 8000);
    CHECK(disposable_list_version() == "2026-08-21 a645893");
    CHECK(is_disposable_domain("mailinator.com"));
    CHECK(is_disposable_domain("inbox.mailinator.com"));  // a parent is listed
    CHECK(is_disposable_domain("0-mailer.dynv6.net"));    // listed under a private public suffix
    CHECK_FALSE(is_disposable_domain("other.dynv6.net"));  // the suffix itself is not made disposable
    CHECK_FALSE(is_disposable_domain("gmail.com"));
    CHECK_FALSE(is_disposable_domain("iana.org"));
    CHECK_FALSE(is_disposable_domain(""));
    CHECK_FALSE(is_disposable_domain("com"));
}

TEST_CASE("free providers: exact domains only") {
    CHECK(is_free_provider("gmail.com"));
    CHECK(is_free_provider("yahoo.co.jp"));
    CHECK_FALSE(is_free_provider("corp.gmail.com"));
    CHECK_FALSE(is_free_provider("iana.org"));
    CHECK(popular_providers().front() == "gmail.com");
}

TEST_CASE("typo suggestions: one edit, two for long names, never for a provider") {
    CHECK(suggest_domain("gmial.com") == "gmail.com");      // swap
    CHECK(suggest_domain("gmail.con") == "gmail.com");      // substitution
    CHECK(suggest_domain("gmai.com") == "gmail.com");       // deletion
    CHECK(suggest_domain("hotmaill.com") == "hotmail.com"); // insertion
    CHECK(suggest_domain("hotmial.cm") == "hotmail.com");   // two edits, a long name
    CHECK(suggest_domain("ymail.com") == std::nullopt);     // a provider of its own
    CHECK(suggest_domain("mail.com") == std::nullopt);
    CHECK(suggest_domain("iana.org") == std::nullopt);
    CHECK(suggest_domain("gnaol.com") == std::nullopt);     // two edits, a short name
    CHECK(suggest_domain("") == std::nullopt);
}

TEST_CASE("duplicate keys fold case, and Gmail's dots and +tags only when asked") {
    CHECK(duplicate_key("Ann", "iana.org", false) == duplicate_key("ann", "iana.org", false));
    CHECK(duplicate_key("ann", "iana.org", false) != duplicate_key("ann", "ietf.org", false));
    CHECK(duplicate_key("a.nn+x", "gmail.com", false) != duplicate_key("ann", "gmail.com", false));
    CHECK(duplicate_key("a.nn+x", "gmail.com", true) == duplicate_key("ann", "gmail.com", true));
    CHECK(duplicate_key("A.nn", "googlemail.com", true) == duplicate_key("ann", "gmail.com", true));
    CHECK(duplicate_key("a.nn+x", "iana.org", true) != duplicate_key("ann", "iana.org", true));
}
