# Third-party dependencies, all from Debian 12 packages (see scripts/setup).
find_package(Boost 1.81...<1.82 CONFIG REQUIRED COMPONENTS json url)
find_package(OpenSSL 3 REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(IDN2 REQUIRED IMPORTED_TARGET libidn2)
pkg_check_modules(CARES REQUIRED IMPORTED_TARGET libcares)
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)

# Everything the library's objects need, in one list for mailwarden_core and
# the library itself.
set(MW_DEPENDENCIES
    Boost::json Boost::url OpenSSL::SSL OpenSSL::Crypto Threads::Threads
    PkgConfig::IDN2 PkgConfig::CARES PkgConfig::PSL PkgConfig::SQLITE3 PkgConfig::GUMBO PkgConfig::LIBPQ)
