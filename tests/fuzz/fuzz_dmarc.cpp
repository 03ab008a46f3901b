// libFuzzer target: DMARC records.
#include "auth/dmarc/dmarc_record.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view record(reinterpret_cast<const char*>(data), size);
    mailwarden::auth::DmarcError error;
    const auto r = mailwarden::auth::parse_dmarc(record, error);
    if (r.has_value() == !error.message.empty()) std::abort();
    if (r && (r->pct < 0 || r->pct > 100)) std::abort();
    if (r && r->policy != "none" && r->policy != "quarantine" && r->policy != "reject") std::abort();
    (void)mailwarden::auth::looks_like_dmarc(record);
    return 0;
}
