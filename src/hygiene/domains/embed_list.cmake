# Writes OUTPUT: a C++ file defining NAME, an array of std::string_view, one
# per line of INPUT (one domain a line), and NAME_count. An array rather than
# one string literal: compilers need not take literals over 64 KiB. Included
# by the folder's CMakeLists.txt at configure time; the file is rewritten
# only when its content changes, so a re-configure rebuilds nothing needlessly.
file(STRINGS "${INPUT}" lines)
set(body "")
foreach(line IN LISTS lines)
    if(NOT line MATCHES "^[a-z0-9.-]+$")
        message(FATAL_ERROR "${INPUT}: not a lower-case domain: '${line}'")
    endif()
    string(APPEND body "    \"${line}\",\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
    "// Generated from ${SOURCE_NAME} by embed_list.cmake; do not edit.\n"
    "#include <cstddef>\n"
    "#include <string_view>\n"
    "namespace mailwarden::hygiene {\n"
    "extern const std::string_view ${NAME}[];\n"
    "extern const std::size_t ${NAME}_count;\n"
    "const std::string_view ${NAME}[] = {\n${body}};\n"
    "const std::size_t ${NAME}_count = sizeof(${NAME}) / sizeof(${NAME}[0]);\n"
    "}  // namespace mailwarden::hygiene\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
