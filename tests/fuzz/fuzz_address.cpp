// libFuzzer target: the address checker on arbitrary bytes, under every
// policy. Invariants checked beyond "no crash": a valid result has a
// normalised form that is itself valid and stable, ASCII only, within limits.
#include <mailwarden/address.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the policy; the rest is the address.
    mailwarden::AddressPolicy policy;
    policy.allow_quoted_local = (data[0] & 1) != 0;
    policy.allow_address_literal = (data[0] & 2) != 0;
    policy.allow_special_use = (data[0] & 4) != 0;
    policy.reject_role = (data[0] & 8) != 0;
    policy.reject_noreply = (data[0] & 16) != 0;
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

    const auto first = mailwarden::check_address(input, policy);
    (void)mailwarden::to_json(input, first);
    if (!first.valid()) return 0;

    const std::string_view normalized = first.normalized();
    require(normalized.size() <= 254);
    require(first.local_part().size() <= 64);
    for (const char c : normalized) require(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f);
    const auto again = mailwarden::check_address(normalized, policy);
    require(again.valid());
    require(again.normalized() == normalized);
    // The IDN flag may drop: UTS#46 can map a Unicode input to plain ASCII.
    constexpr std::uint32_t idn = mailwarden::flag_idn;
    require((again.flags() | idn) == (first.flags() | idn));
    return 0;
}
