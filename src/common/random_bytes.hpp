// Bytes from the operating system's cryptographic generator (through
// OpenSSL), for keys, tokens and ids.
#pragma once

#include <cstddef>
#include <string>

namespace mailwarden::common {

/// `count` random bytes. Throws std::runtime_error if the generator fails
/// (a broken system, not an input error).
std::string random_bytes(std::size_t count);

}  // namespace mailwarden::common
