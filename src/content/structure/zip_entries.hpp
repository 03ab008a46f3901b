// The entries of a ZIP archive (also JAR, OOXML .docx/.xlsm, ...) as its
// central directory lists them: name, compression method, and for stored
// (uncompressed) entries the first bytes of the data. Read with bounds
// checks only; deflated data is not inflated (no zlib in the library), so
// only stored entries can be judged by content.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

inline constexpr std::size_t max_zip_entries = 4096;

struct ZipEntry {
    std::string name;
    std::uint16_t method = 0;  ///< 0 stored, 8 deflated
    std::string_view head;     ///< up to 4 KiB of a stored entry's data; empty otherwise
};

bool is_zip(std::string_view bytes) noexcept;

/// The entries (at most max_zip_entries); empty when no central directory
/// could be read.
std::vector<ZipEntry> zip_entries(std::string_view bytes);

}  // namespace mailwarden::content_detail
