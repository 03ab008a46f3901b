#include "bounce/tracker/tracked_address.hpp"

#include <mailwarden/address.hpp>

#include "bounce/mime/ascii.hpp"

namespace mailwarden::bounce_detail {

std::string tracked_address(std::string_view address) {
    const auto check = check_address(address, any_address_form);
    return to_lower(check.valid() ? check.normalized() : trim(address));
}

bool is_simulator_address(std::string_view tracked) noexcept {
    return tracked.ends_with("@simulator.amazonses.com");
}

}  // namespace mailwarden::bounce_detail
