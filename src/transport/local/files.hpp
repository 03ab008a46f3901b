// Small file helpers for the local transport: atomic writes (temp + rename),
// whole-file reads, and Maildir delivery.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace mailwarden::local {

/// Writes `content` to `path` atomically: readers see the old or the new
/// file, never a part. `mode` for newly created files (e.g. 0600 for keys).
Result<Done, Error> write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                          unsigned mode = 0644);

Result<std::string, Error> read_file(const std::filesystem::path& path);

/// Delivers one message into a Maildir (tmp/ then new/); returns the file's path.
Result<std::filesystem::path, Error> deliver_to_maildir(const std::filesystem::path& maildir, std::string_view message);

/// A name unique across processes and hosts: "<time>.<pid>_<counter>.<random>".
std::string unique_name();

}  // namespace mailwarden::local
