// Stable ids and human messages of address reasons and verdicts.
#include <mailwarden/address.hpp>

#include <array>

namespace mailwarden {

namespace {

struct ReasonText {
    std::string_view id;
    std::string_view message;
};

constexpr std::array<ReasonText, address_reason_count> reason_texts = {{
    {"ok", "the address is acceptable"},
    {"empty", "the address is empty"},
    {"control_character", "the address contains a control character (CR, LF, NUL, TAB ...)"},
    {"missing_at", "the address has no '@' separating the local part from the domain"},
    {"no_local_part", "nothing comes before the '@'"},
    {"no_domain", "nothing comes after the '@'"},
    {"invalid_local_character", "the local part contains a character not allowed there"},
    {"non_ascii_local_part", "the local part contains non-ASCII characters, which Amazon SES cannot send to"},
    {"leading_dot", "a part of the address starts with a dot"},
    {"trailing_dot", "a part of the address ends with a dot"},
    {"consecutive_dots", "the address contains two dots in a row"},
    {"quoted_local_part", "the local part is a quoted string, which few mail systems accept"},
    {"obsolete_local_part", "the local part mixes quoted strings and atoms (obsolete syntax)"},
    {"comment", "the address contains a comment in parentheses"},
    {"whitespace", "the address contains whitespace"},
    {"unterminated", "a quoted string, comment or address literal is not closed"},
    {"local_part_too_long", "the local part is longer than 64 octets"},
    {"invalid_domain_character", "the domain contains a character not allowed in a host name"},
    {"label_too_long", "a domain label is longer than 63 octets"},
    {"label_hyphen", "a domain label starts or ends with a hyphen"},
    {"numeric_tld", "the top-level domain is numeric"},
    {"dotless_domain", "the domain has a single label (no dot)"},
    {"domain_too_long", "the domain is longer than 253 octets"},
    {"address_too_long", "the address is longer than 254 octets"},
    {"invalid_idna", "the internationalised domain is not valid IDNA2008"},
    {"address_literal", "the domain is an IP address literal"},
    {"invalid_address_literal", "the domain literal is not a valid IPv4 or IPv6 address"},
    {"special_use_domain", "the domain is reserved for special use and receives no mail"},
    {"role_account", "the address is a role account, not a person"},
    {"noreply_address", "the address is a no-reply address"},
}};

}  // namespace

std::string_view to_string(AddressReason reason) noexcept {
    const auto i = static_cast<std::size_t>(reason);
    return i < reason_texts.size() ? reason_texts[i].id : std::string_view("unknown");
}

std::string_view describe(AddressReason reason) noexcept {
    const auto i = static_cast<std::size_t>(reason);
    return i < reason_texts.size() ? reason_texts[i].message : std::string_view("unknown reason");
}

std::string_view to_string(AddressVerdict verdict) noexcept {
    switch (verdict) {
    case AddressVerdict::valid: return "valid";
    case AddressVerdict::risky: return "risky";
    case AddressVerdict::invalid: return "invalid";
    }
    return "unknown";
}

}  // namespace mailwarden
