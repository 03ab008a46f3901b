# Writes OUTPUT: a C++ file defining NAME, a std::string_view holding the
# lines of INPUT (one domain a line) joined by "\n". Included by the
# folder's CMakeLists.txt at configure time; the file is rewritten only
# when its content changes, so a re-configure rebuilds nothing needlessly.
file(STRINGS "${INPUT}" lines)
list(JOIN lines "\n" text)
file(WRITE "${OUTPUT}.tmp"
    "// Generated from ${SOURCE_NAME} by embed_list.cmake; do not edit.\n"
    "#include <string_view>\n"
    "namespace mailwarden::hygiene {\n"
    "extern const std::string_view ${NAME};\n"
    "const std::string_view ${NAME} = R\"mwlist(${text})mwlist\";\n"
    "}  // namespace mailwarden::hygiene\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
