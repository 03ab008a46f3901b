// libFuzzer target: DKIM key records (tag lists, base64, DER keys).
#include "auth/dkim/dkim_key.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view record(reinterpret_cast<const char*>(data), size);
    mailwarden::auth::DkimKeyError error;
    const auto key = mailwarden::auth::parse_dkim_key(record, error);
    // Exactly one of a key or an error message.
    if (key.has_value() == !error.message.empty()) std::abort();
    if (key && !key->revoked && key->key_bits == 0) std::abort();
    return 0;
}
