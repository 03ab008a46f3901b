# Debian packages through CPack, one per install component:
#   libmailwarden<soversion>  Runtime      the shared library
#   libmailwarden-dev         Development  headers, CMake package, pkg-config file
#   mailwarden-tools          Tools        mwctl
# `cpack --config <build>/CPackConfig.cmake` builds them (scripts/package).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mailwarden)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "mailwarden maintainers <maintainers@mailwarden.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL Runtime Development)
if(MW_BUILD_EXAMPLES)
    list(APPEND CPACK_COMPONENTS_ALL Tools)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)

# The library's package is named after its soname (Debian policy), so two ABIs
# can be installed side by side.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME "libmailwarden${MW_SOVERSION}")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libmailwarden-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME mailwarden-tools)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION mail)
# The synopsis is the project's description; each package says what it holds.
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "The shared library, with its stable C ABI.")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION "The C and C++ headers, the CMake package (find_package(mailwarden)) and
the pkg-config file (mailwarden.pc).")
set(CPACK_DEBIAN_TOOLS_DESCRIPTION "mwctl: address checks, sender verification, domain authentication checks,
Amazon SES, bounce and complaint handling from the shell.")

# Dependencies: the packages of the libraries each binary links, from
# dpkg-shlibdeps; the library itself (found in the build tree) through the
# component dependencies, at this exact version.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)  # and ldconfig in postinst/postrm
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")  # the soname names the ABI
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS Runtime)
set(CPACK_COMPONENT_TOOLS_DEPENDS Runtime)
# mailwarden.pc names these as Requires.private: pkg-config reads their .pc
# files even for a shared link. asio.hpp includes Boost.Asio.
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "libidn2-dev, libc-ares-dev, libpsl-dev, libsqlite3-dev, libgumbo-dev, libpq-dev, libssl-dev")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SUGGESTS "libboost1.81-dev")

include(CPack)
