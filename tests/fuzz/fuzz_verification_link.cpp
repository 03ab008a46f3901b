// libFuzzer target: verification links of the local transport. The input is
// tried as a link (anything but a link this key signed must be refused with
// invalid_argument), then split into claims that are signed and read back:
// the round trip must give the same claims, and a changed byte must not.
#include "transport/local/verification_link.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace local = mailwarden::local;

namespace {

constexpr std::string_view key = "0123456789abcdef0123456789abcdef";
constexpr std::string_view base = "https://verify.mailwarden.local/confirm";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (auto r = local::verify_link(input, key); !r && r.error().code != mailwarden::errc::invalid_argument)
        std::abort();

    // Claims from the input: address | nonce, the expiry from the first bytes.
    if (size < 8) return 0;
    std::int64_t expires = 0;
    std::memcpy(&expires, data, sizeof expires);
    const std::string_view rest = input.substr(8);
    const std::size_t bar = rest.find('|');
    local::LinkClaims claims;
    claims.expires = expires;
    claims.address = std::string(rest.substr(0, bar));
    claims.nonce = bar == std::string_view::npos ? std::string() : std::string(rest.substr(bar + 1));
    const std::string link = local::make_link(base, key, claims);
    auto back = local::verify_link(link, key);
    if (!back) return 0;  // claims a link cannot carry (e.g. an empty address) are refused, not mangled
    if (back->address != claims.address || back->nonce != claims.nonce || back->expires != claims.expires) std::abort();
    // The same link under another key is refused.
    if (local::verify_link(link, "another key").has_value()) std::abort();
    return 0;
}
