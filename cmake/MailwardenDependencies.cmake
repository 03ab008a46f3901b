# Third-party dependencies, all from Debian 12 packages (see scripts/setup).
find_package(Boost 1.81...<1.82 CONFIG REQUIRED COMPONENTS json)
find_package(PkgConfig REQUIRED)
pkg_check_modules(IDN2 REQUIRED IMPORTED_TARGET libidn2)
