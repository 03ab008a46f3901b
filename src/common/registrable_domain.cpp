#include "common/registrable_domain.hpp"

#include <libpsl.h>

#include <algorithm>
#include <cctype>

namespace mailwarden {

std::string registrable_domain(std::string_view domain) {
    static psl_ctx_t* const latest = psl_latest(nullptr);
    const psl_ctx_t* ctx = latest != nullptr ? latest : psl_builtin();
    std::string name(domain);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const char* registrable = ctx != nullptr ? psl_registrable_domain(ctx, name.c_str()) : nullptr;
    return registrable != nullptr ? std::string(registrable) : name;
}

std::string normalized_domain(std::string_view domain) {
    std::string out(domain);
    while (!out.empty() && out.back() == '.') out.pop_back();
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace mailwarden
