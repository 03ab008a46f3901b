// Sender ids: random, URL-safe, sortable by nothing in particular.
#pragma once

#include <string>

namespace mailwarden {

/// "snd_" and 26 base32 characters from OpenSSL's random generator.
std::string new_sender_id();

}  // namespace mailwarden
