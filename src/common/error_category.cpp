// The "mailwarden" error category: messages for the codes shared with the C ABI.
#include <mailwarden/error.hpp>

#include <string>

namespace mailwarden {

namespace {

class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "mailwarden"; }

    std::string message(int code) const override {
        switch (static_cast<errc>(code)) {
        case errc::invalid_argument: return "invalid argument";
        case errc::out_of_memory: return "out of memory";
        case errc::internal: return "internal error";
        case errc::not_found: return "not found";
        case errc::already_exists: return "already exists";
        case errc::io: return "input/output error";
        case errc::timed_out: return "timed out";
        case errc::parse: return "malformed input";
        case errc::out_of_range: return "out of range";
        case errc::not_verified: return "sender not verified";
        case errc::transport: return "transport failure";
        case errc::expired: return "expired";
        case errc::suspended: return "sending suspended";
        case errc::policy: return "refused by policy";
        }
        return "unknown mailwarden error " + std::to_string(code);
    }
};

}  // namespace

const std::error_category& error_category() noexcept {
    static const Category category;
    return category;
}

}  // namespace mailwarden
