// What an attachment's bytes are, by content (the declared name and type
// are never trusted, only reported):
//   executable  PE (MZ header with a "PE\0\0" signature where e_lfanew
//               points), ELF, Mach-O (32/64-bit, both byte orders, and
//               universal), Java class files, "#!" scripts, Windows
//               shortcuts (.lnk: header size 0x4C and the shell-link CLSID),
//               Windows Installer files (an OLE file whose root CLSID is
//               MSI's, MSP's or MST's); a ZIP/JAR whose entries are such
//               files by content (stored entries) or carry an executable
//               extension or .class (any entry, by its name in the directory)
//   macro       OLE compound documents (Word/Excel/PowerPoint 97-2003; a
//               _VBA_PROJECT stream is named when seen) and ZIP documents
//               (OOXML, .docm/.xlsm) holding a vbaProject.bin
#pragma once

#include <string>
#include <string_view>

namespace mailwarden::content_detail {

struct PayloadKind {
    enum class Danger { none, executable, macro };
    Danger danger = Danger::none;
    std::string what;  ///< "PE executable", "ZIP holding invoice.exe (name)" ...
};

/// `scripts`: whether "#!" counts (not for the message's own text parts).
PayloadKind payload_kind(std::string_view bytes, bool scripts = true);

}  // namespace mailwarden::content_detail
