// The header fields every answer of the console carries.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace console {

/// Content-Security-Policy, X-Content-Type-Options, Referrer-Policy,
/// X-Frame-Options; with no_store also Cache-Control: no-store.
std::vector<std::pair<std::string, std::string>> security_headers(bool no_store);

}  // namespace console
