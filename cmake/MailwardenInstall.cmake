# Installation: the library, its headers, a CMake package
# (find_package(mailwarden) -> mailwarden::mailwarden) and a pkg-config file.
include(CMakePackageConfigHelpers)

set(MW_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/mailwarden")

install(TARGETS mailwarden EXPORT mailwardenTargets
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Runtime NAMELINK_COMPONENT Development
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/mailwarden DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    COMPONENT Development FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES include/mailwarden.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT Development)

install(EXPORT mailwardenTargets NAMESPACE mailwarden:: DESTINATION ${MW_CMAKE_DIR} COMPONENT Development)

# A static library carries its dependencies into the consumer's link.
if(BUILD_SHARED_LIBS)
    set(MW_STATIC_DEPENDENCIES "")
else()
    set(MW_STATIC_DEPENDENCIES [=[
find_dependency(Boost 1.81...<1.82 CONFIG COMPONENTS json url)
find_dependency(OpenSSL 3)
find_dependency(Threads)
find_dependency(PkgConfig)
pkg_check_modules(IDN2 REQUIRED IMPORTED_TARGET libidn2)
pkg_check_modules(CARES REQUIRED IMPORTED_TARGET libcares)
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)]=])
endif()
configure_package_config_file(cmake/mailwardenConfig.cmake.in
    "${PROJECT_BINARY_DIR}/mailwardenConfig.cmake" INSTALL_DESTINATION ${MW_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/mailwardenConfigVersion.cmake"
    COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/mailwardenConfig.cmake" "${PROJECT_BINARY_DIR}/mailwardenConfigVersion.cmake"
    DESTINATION ${MW_CMAKE_DIR} COMPONENT Development)

if(BUILD_SHARED_LIBS)
    set(MW_PC_PRIVATE_LIBS "")
else()
    set(MW_PC_PRIVATE_LIBS "-lboost_json -lboost_url -lstdc++")
endif()
# Relocatable: the prefix is found from the .pc file's own location.
file(RELATIVE_PATH MW_PC_UP "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
set(MW_PC_PREFIX "\${pcfiledir}/${MW_PC_UP}")
set(MW_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
set(MW_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
configure_file(cmake/mailwarden.pc.in "${PROJECT_BINARY_DIR}/mailwarden.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/mailwarden.pc"
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT Development)

# The same package for the build tree, under pkg-config's name for an
# uninstalled one: PKG_CONFIG_PATH=<build>/pkgconfig makes "mailwarden" resolve
# to the headers in the source tree and the library just built (the Go
# binding's #cgo pkg-config line, tests).
set(MW_PC_PREFIX "${PROJECT_SOURCE_DIR}")
set(MW_PC_LIBDIR "${PROJECT_BINARY_DIR}")  # the library's LIBRARY_OUTPUT_DIRECTORY
set(MW_PC_INCLUDEDIR "${PROJECT_SOURCE_DIR}/include")
configure_file(cmake/mailwarden.pc.in "${PROJECT_BINARY_DIR}/pkgconfig/mailwarden-uninstalled.pc" @ONLY)
