// The library's version: the macros of mailwarden/version.h for the headers
// compiled against, version() for the library actually loaded.
#pragma once

#include <mailwarden/export.hpp>
#include <mailwarden/version.h>

namespace mailwarden {

/// The version of the library actually loaded (may differ from the header's).
MAILWARDEN_EXPORT const char* version() noexcept;

}  // namespace mailwarden
