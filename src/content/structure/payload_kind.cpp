#include "content/structure/payload_kind.hpp"

#include "bounce/mime/ascii.hpp"
#include "content/structure/zip_entries.hpp"

#include <cstdint>

namespace mailwarden::content_detail {

namespace {

using Danger = PayloadKind::Danger;

std::uint32_t le32(std::string_view b, std::size_t at) noexcept {
    std::uint32_t v = 0;
    for (std::size_t i = 4; i-- > 0;) v = v << 8 | static_cast<unsigned char>(b[at + i]);
    return v;
}

std::uint32_t be32(std::string_view b, std::size_t at) noexcept {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(b[at + i]);
    return v;
}

bool is_pe(std::string_view b) noexcept {
    if (b.size() < 0x40 || !b.starts_with("MZ")) return false;
    const std::size_t pe = le32(b, 0x3C);
    return pe <= b.size() - 4 && b.compare(pe, 4, std::string_view("PE\0\0", 4)) == 0;
}

constexpr std::string_view ole_sig{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};
// Shell link: HeaderSize 0x4C, then LinkCLSID 00021401-0000-0000-C000-000000000046.
constexpr std::string_view lnk_sig{"\x4C\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 20};

// The root storage's CLSID is MSI's {000C1084-...}, MSP's (1086) or MST's (1082).
bool is_installer(std::string_view b) noexcept {
    if (b.size() < 512) return false;
    const unsigned shift = static_cast<unsigned char>(b[0x1E]);
    if (shift != 9 && shift != 12) return false;
    const std::uint64_t dir = le32(b, 0x30);
    const std::uint64_t root = (dir + 1) << shift;
    if (root + 0x60 > b.size()) return false;
    const std::string_view clsid = b.substr(static_cast<std::size_t>(root) + 0x50, 16);
    const auto k = static_cast<unsigned char>(clsid[0]);
    return (k == 0x84 || k == 0x86 || k == 0x82) && clsid.substr(1) == std::string_view("\x10\x0C\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 15);
}

constexpr std::string_view vba_stream{"_\0V\0B\0A\0_\0P\0R\0O\0J\0E\0C\0T\0", 24};

bool executable_name(std::string_view name) {
    static constexpr std::string_view extensions[] = {
        ".exe", ".dll", ".scr", ".com", ".pif", ".cpl", ".msi", ".msp", ".lnk", ".bat", ".cmd", ".vbs", ".vbe",
        ".js",  ".jse", ".wsf", ".wsh", ".hta", ".ps1", ".jar", ".class", ".reg", ".app", ".sh", ".elf"};
    for (std::string_view ext : extensions)
        if (name.size() > ext.size() && bounce_detail::iequals(name.substr(name.size() - ext.size()), ext))
            return true;
    return false;
}

PayloadKind archive_kind(std::string_view bytes, int depth);

PayloadKind kind(std::string_view b, bool scripts, int depth) {
    if (is_pe(b)) return {Danger::executable, "PE executable (MZ and PE headers)"};
    if (b.starts_with("\x7F" "ELF")) return {Danger::executable, "ELF executable"};
    if (b.size() >= 8) {
        const std::uint32_t m = be32(b, 0);
        if (m == 0xFEEDFACE || m == 0xFEEDFACF || m == 0xCEFAEDFE || m == 0xCFFAEDFE)
            return {Danger::executable, "Mach-O executable"};
        // 0xCAFEBABE: a Mach-O universal binary (a few architectures follow)
        // or a Java class file (its version, 45 or more, follows).
        if (m == 0xCAFEBABE)
            return {Danger::executable, be32(b, 4) < 40 ? "Mach-O universal binary" : "Java class file"};
    }
    if (b.starts_with(lnk_sig)) return {Danger::executable, "Windows shortcut (.lnk)"};
    if (b.starts_with(ole_sig)) {
        if (is_installer(b)) return {Danger::executable, "Windows Installer package (MSI)"};
        return {Danger::macro, b.find(vba_stream) != std::string_view::npos
                                   ? "OLE document with a VBA project (macros)"
                                   : "OLE document (Office 97-2003 format, may carry macros)"};
    }
    if (scripts && (b.starts_with("#!/") || b.starts_with("#! /"))) {
        const std::size_t eol = b.find_first_of("\r\n");
        return {Danger::executable, "script (" + std::string(b.substr(0, std::min<std::size_t>(eol, 60))) + ")"};
    }
    if (depth < 2 && is_zip(b)) return archive_kind(b, depth);
    return {};
}

PayloadKind archive_kind(std::string_view bytes, int depth) {
    PayloadKind macro;
    for (const ZipEntry& e : zip_entries(bytes)) {
        if (!e.head.empty()) {
            PayloadKind inner = kind(e.head, true, depth + 1);
            if (inner.danger == Danger::executable)
                return {Danger::executable, "ZIP archive holding " + e.name + ": " + inner.what};
            if (inner.danger == Danger::macro && macro.danger == Danger::none)
                macro = {Danger::macro, "ZIP archive holding " + e.name + ": " + inner.what};
        }
        if (executable_name(e.name))
            return {Danger::executable, "ZIP archive holding " + e.name + " (by its name in the archive)"};
        const std::size_t slash = e.name.rfind('/');
        const std::string_view base = std::string_view(e.name).substr(slash == std::string::npos ? 0 : slash + 1);
        if (bounce_detail::iequals(base, "vbaProject.bin") && macro.danger == Danger::none)
            macro = {Danger::macro, "Office document with macros (" + e.name + ")"};
    }
    return macro;
}

}  // namespace

PayloadKind payload_kind(std::string_view bytes, bool scripts) { return kind(bytes, scripts, 0); }

}  // namespace mailwarden::content_detail
