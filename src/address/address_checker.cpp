// Combines the syntax scans, the mailbox classification and the policy into
// one verdict per address.
#include <mailwarden/address.hpp>

#include "char_classes.hpp"
#include "domain_part.hpp"
#include "local_part.hpp"
#include "mailbox_kinds.hpp"

#include <algorithm>

namespace mailwarden {

namespace {

using namespace address_detail;

constexpr std::size_t max_local_part = 64;
constexpr std::size_t max_address = 254;

bool has_control_character(std::string_view s) noexcept {
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return has_class(static_cast<unsigned char>(c), cc_control); });
}

// The first policy rule the address breaks, or ok.
AddressReason policy_reason(std::uint32_t flags, const AddressPolicy& policy) noexcept {
    if ((flags & flag_quoted_local) && !policy.allow_quoted_local) return AddressReason::quoted_local_part;
    if ((flags & flag_address_literal) && !policy.allow_address_literal) return AddressReason::address_literal;
    if ((flags & flag_special_use) && !policy.allow_special_use) return AddressReason::special_use_domain;
    if ((flags & flag_role) && policy.reject_role) return AddressReason::role_account;
    if ((flags & flag_noreply) && policy.reject_noreply) return AddressReason::noreply_address;
    return AddressReason::ok;
}

}  // namespace

std::string_view AddressCheck::local_part() const noexcept {
    return std::string_view(normalized_).substr(0, local_size_);
}

std::string_view AddressCheck::domain() const noexcept {
    return normalized_.empty() ? std::string_view() : std::string_view(normalized_).substr(local_size_ + 1);
}

std::string_view AddressCheck::message() const noexcept { return describe(reason_); }

AddressCheck AddressChecker::check(std::string_view address) const {
    AddressCheck result;
    check(address, result);
    return result;
}

void AddressChecker::check(std::string_view address, AddressCheck& result) const {
    result.normalized_.clear();
    result.local_size_ = 0;
    result.flags_ = 0;
    auto fail = [&result](AddressReason r) {
        result.reason_ = r;
        result.verdict_ = AddressVerdict::invalid;
        result.normalized_.clear();  // keeps its capacity for the next check
        result.local_size_ = 0;
        result.flags_ = 0;
    };
    if (address.empty()) return fail(AddressReason::empty);
    if (has_control_character(address)) return fail(AddressReason::control_character);

    const LocalPartScan local = scan_local_part(address);
    if (local.reason != AddressReason::ok) return fail(local.reason);
    const std::string_view local_part = address.substr(0, local.at);

    result.normalized_.reserve(address.size());
    result.normalized_.append(local_part);
    result.normalized_.push_back('@');
    const DomainScan domain = scan_domain(address.substr(local.at + 1), result.normalized_);
    if (domain.reason != AddressReason::ok) return fail(domain.reason);

    if (local_part.size() > max_local_part) return fail(AddressReason::local_part_too_long);
    if (result.normalized_.size() > max_address) return fail(AddressReason::address_too_long);

    result.local_size_ = static_cast<std::uint32_t>(local_part.size());
    std::uint32_t flags = domain.flags;
    if (local.quoted) {
        flags |= flag_quoted_local;
    } else {
        const LocalPartKind kind = classify_local_part(local_part);
        if (kind.role) flags |= flag_role;
        if (kind.noreply) flags |= flag_noreply;
    }
    if (!(flags & flag_address_literal) && is_special_use_domain(result.domain())) flags |= flag_special_use;
    result.flags_ = flags;

    const AddressReason rejected = policy_reason(flags, policy_);
    if (rejected != AddressReason::ok) {
        result.reason_ = rejected;
        result.verdict_ = AddressVerdict::invalid;
        return;
    }
    result.reason_ = AddressReason::ok;
    constexpr std::uint32_t warnings = flag_role | flag_noreply | flag_special_use;
    result.verdict_ = (flags & warnings) ? AddressVerdict::risky : AddressVerdict::valid;
}

std::vector<AddressCheck> AddressChecker::check(std::span<const std::string_view> addresses) const {
    std::vector<AddressCheck> results;
    results.reserve(addresses.size());
    for (const std::string_view a : addresses) results.push_back(check(a));
    return results;
}

AddressCheck check_address(std::string_view address, const AddressPolicy& policy) {
    return AddressChecker(policy).check(address);
}

std::vector<AddressCheck> check_addresses(std::span<const std::string_view> addresses, const AddressPolicy& policy) {
    return AddressChecker(policy).check(addresses);
}

}  // namespace mailwarden
