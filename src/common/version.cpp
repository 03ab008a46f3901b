#include <mailwarden/version.hpp>

namespace mailwarden {

namespace {
#define MW_STRINGIZE_(x) #x
#define MW_STRINGIZE(x) MW_STRINGIZE_(x)
constexpr const char* version_string =
    MW_STRINGIZE(MW_VERSION_MAJOR) "." MW_STRINGIZE(MW_VERSION_MINOR) "." MW_STRINGIZE(MW_VERSION_PATCH);
}  // namespace

const char* version() noexcept { return version_string; }

}  // namespace mailwarden
