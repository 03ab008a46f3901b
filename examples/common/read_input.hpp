// Reading a file the user names on a command line, as mwctl and
// mailwarden-console both do.
#pragma once

#include <optional>
#include <string>

namespace mailwarden::examples {

/// A file's bytes, or standard input's for "-"; nullopt when it cannot be read.
std::optional<std::string> read_input(const std::string& path);

}  // namespace mailwarden::examples
