#include "content/structure/zip_entries.hpp"

#include <algorithm>
#include <cstdint>

namespace mailwarden::content_detail {

namespace {

std::uint32_t u16(std::string_view b, std::size_t at) noexcept {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}

std::uint32_t u32(std::string_view b, std::size_t at) noexcept { return u16(b, at) | u16(b, at + 2) << 16; }

constexpr std::string_view local_sig{"PK\x03\x04", 4};
constexpr std::string_view central_sig{"PK\x01\x02", 4};
constexpr std::string_view end_sig{"PK\x05\x06", 4};

// The data of a stored entry from its local header, at most 4 KiB.
std::string_view stored_head(std::string_view b, std::size_t local, std::size_t size) {
    if (local > b.size() || b.size() - local < 30 || b.compare(local, 4, local_sig) != 0) return {};
    const std::size_t data = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (data > b.size()) return {};
    const std::size_t n = std::min({size, b.size() - data, std::size_t{4096}});
    return b.substr(data, n);
}

}  // namespace

bool is_zip(std::string_view bytes) noexcept { return bytes.starts_with(local_sig) || bytes.starts_with(end_sig); }

std::vector<ZipEntry> zip_entries(std::string_view b) {
    std::vector<ZipEntry> out;
    if (b.size() < 22) return out;
    // The end record: the last "PK\5\6" within a 64 KiB comment of the end.
    std::size_t end = std::string_view::npos;
    const std::size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
    for (std::size_t at = b.size() - 22 + 1; at-- > lowest;) {
        if (b.compare(at, 4, end_sig) == 0) {
            end = at;
            break;
        }
    }
    if (end == std::string_view::npos) return out;
    const std::size_t count = u16(b, end + 10);
    std::size_t at = u32(b, end + 16);
    for (std::size_t i = 0; i < count && out.size() < max_zip_entries; ++i) {
        if (at > b.size() || b.size() - at < 46 || b.compare(at, 4, central_sig) != 0) break;
        const std::uint16_t method = static_cast<std::uint16_t>(u16(b, at + 10));
        const std::size_t compressed = u32(b, at + 20);
        const std::size_t name_len = u16(b, at + 28);
        const std::size_t extra_len = u16(b, at + 30);
        const std::size_t comment_len = u16(b, at + 32);
        const std::size_t local = u32(b, at + 42);
        if (b.size() - at - 46 < name_len) break;
        ZipEntry e;
        e.name = std::string(b.substr(at + 46, name_len));
        e.method = method;
        if (method == 0) e.head = stored_head(b, local, compressed);
        out.push_back(std::move(e));
        at += 46 + name_len + extra_len + comment_len;
    }
    return out;
}

}  // namespace mailwarden::content_detail
