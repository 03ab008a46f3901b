// The registrable domain of a name by the public suffix list (libpsl): the
// system's list (Debian's publicsuffix package) when present, else libpsl's
// built-in one. DMARC's organizational domain and the disposable-domain
// check both stop there.
#pragma once

#include <string>
#include <string_view>

namespace mailwarden {

/// The registrable domain of `domain` ("mail.example.co.uk" ->
/// "example.co.uk"), lower-cased; the name itself when it has none (a public
/// suffix, a single label). Thread-safe.
std::string registrable_domain(std::string_view domain);

/// `domain` as the reports key it: lower-cased, without trailing dots.
std::string normalized_domain(std::string_view domain);

}  // namespace mailwarden
