#include <mailwarden/version.hpp>

namespace mailwarden {

const char* version() noexcept { return MAILWARDEN_VERSION_STRING; }

}  // namespace mailwarden
