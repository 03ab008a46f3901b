#include "security_headers.hpp"

namespace console {

std::vector<std::pair<std::string, std::string>> security_headers(bool no_store) {
    std::vector<std::pair<std::string, std::string>> h{
        {"Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
         "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    };
    if (no_store) h.emplace_back("Cache-Control", "no-store");
    return h;
}

}  // namespace console
