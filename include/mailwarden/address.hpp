// Address validation: is this a mailbox a web form may collect and Amazon SES
// may send to? Syntax per RFC 5321/5322 restricted to what a sending system
// accepts, IDNA2008/UTS#46 domains, special-use domains, role and no-reply
// local parts. Pure code: no DNS, no I/O, safe from any thread.
#pragma once

#include <mailwarden/export.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

/// Whether an address is acceptable, and whether it deserves a second look.
enum class AddressVerdict : int {
    valid = 0,    ///< acceptable, nothing to warn about
    risky = 1,    ///< acceptable but flagged (role, no-reply, special-use)
    invalid = 2,  ///< not acceptable; the reason says why
};

/// Why an address is invalid. Numbers and ids are stable (C ABI MW_REASON_*).
enum class AddressReason : int {
    ok = 0,
    empty,
    control_character,
    missing_at,
    no_local_part,
    no_domain,
    invalid_local_character,
    non_ascii_local_part,
    leading_dot,
    trailing_dot,
    consecutive_dots,
    quoted_local_part,
    obsolete_local_part,
    comment,
    whitespace,
    unterminated,
    local_part_too_long,
    invalid_domain_character,
    label_too_long,
    label_hyphen,
    numeric_tld,
    dotless_domain,
    domain_too_long,
    address_too_long,
    invalid_idna,
    address_literal,
    invalid_address_literal,
    special_use_domain,
    role_account,
    noreply_address,
};

inline constexpr int address_reason_count = static_cast<int>(AddressReason::noreply_address) + 1;

/// Bit flags describing an address; several may be set.
enum AddressFlag : std::uint32_t {
    flag_role = 0x01,             ///< RFC 2142 or common role account
    flag_noreply = 0x02,          ///< no-reply form of local part
    flag_special_use = 0x04,      ///< RFC 2606/6761 special-use domain
    flag_quoted_local = 0x08,     ///< local part is a quoted string
    flag_address_literal = 0x10,  ///< domain is an address literal
    flag_idn = 0x20,              ///< domain converted from Unicode (or holds A-labels)
};

/// What the caller accepts. The defaults suit addresses typed into a web form
/// that will be sent to through Amazon SES.
struct AddressPolicy {
    bool allow_quoted_local = false;     ///< accept "quoted"@ local parts
    bool allow_address_literal = false;  ///< accept user@[192.0.2.1]
    bool allow_special_use = false;      ///< accept .test, example.com ... (verdict risky)
    bool reject_role = false;            ///< role accounts invalid instead of risky
    bool reject_noreply = false;         ///< no-reply forms invalid instead of risky
};

/// The outcome of checking one address.
class MAILWARDEN_EXPORT AddressCheck {
public:
    AddressCheck() = default;

    AddressVerdict verdict() const noexcept { return verdict_; }
    AddressReason reason() const noexcept { return reason_; }
    std::uint32_t flags() const noexcept { return flags_; }

    /// True for the valid and risky verdicts.
    bool valid() const noexcept { return verdict_ != AddressVerdict::invalid; }
    bool role() const noexcept { return (flags_ & flag_role) != 0; }
    bool noreply() const noexcept { return (flags_ & flag_noreply) != 0; }
    bool special_use() const noexcept { return (flags_ & flag_special_use) != 0; }
    bool idn() const noexcept { return (flags_ & flag_idn) != 0; }

    /// local@domain with the domain lower-cased ASCII; empty when the syntax is
    /// invalid, kept when only the policy rejects the address.
    std::string_view normalized() const noexcept { return normalized_; }
    /// The local part as given; empty when the syntax is invalid.
    std::string_view local_part() const noexcept;
    /// The normalised domain (Punycode for IDNs); empty when the syntax is invalid.
    std::string_view domain() const noexcept;
    /// A human sentence for the reason.
    std::string_view message() const noexcept;

private:
    friend class AddressChecker;
    std::string normalized_;
    std::uint32_t local_size_ = 0;
    std::uint32_t flags_ = 0;
    AddressVerdict verdict_ = AddressVerdict::invalid;
    AddressReason reason_ = AddressReason::empty;
};

/// Checks addresses against one policy. Cheap to copy; const methods may be
/// called from any number of threads at once.
class MAILWARDEN_EXPORT AddressChecker {
public:
    explicit AddressChecker(AddressPolicy policy = {}) noexcept : policy_(policy) {}

    const AddressPolicy& policy() const noexcept { return policy_; }

    AddressCheck check(std::string_view address) const;
    /// Same, into an existing result whose storage is reused: no allocation
    /// per address once the buffer has grown (for streaming large lists).
    void check(std::string_view address, AddressCheck& out) const;
    std::vector<AddressCheck> check(std::span<const std::string_view> addresses) const;

private:
    AddressPolicy policy_;
};

/// Checks one address with the given policy.
MAILWARDEN_EXPORT AddressCheck check_address(std::string_view address, const AddressPolicy& policy = {});

/// Checks many addresses; results are in input order.
MAILWARDEN_EXPORT std::vector<AddressCheck> check_addresses(std::span<const std::string_view> addresses,
                                                            const AddressPolicy& policy = {});

/// The stable id of a reason ("consecutive_dots"); "unknown" when out of range.
MAILWARDEN_EXPORT std::string_view to_string(AddressReason reason) noexcept;
/// "valid", "risky" or "invalid".
MAILWARDEN_EXPORT std::string_view to_string(AddressVerdict verdict) noexcept;
/// A human sentence describing a reason.
MAILWARDEN_EXPORT std::string_view describe(AddressReason reason) noexcept;

/// One JSON object (single line) describing the check of `input`: address,
/// normalized, valid, verdict, reason, message, local_part, domain and one
/// boolean per flag.
MAILWARDEN_EXPORT std::string to_json(std::string_view input, const AddressCheck& check);

}  // namespace mailwarden
