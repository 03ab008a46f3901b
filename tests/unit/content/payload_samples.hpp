// Small files made in the tests: the first bytes of a PE program, a Windows
// shortcut, OLE compound files (an MSI or an Office document) and stored
// ZIP archives. Only what the content checks read is filled in.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace content_samples {

inline std::string pe() {
    std::string b(0x80, '\0');
    b[0] = 'M';
    b[1] = 'Z';
    b[0x3C] = '\x40';  // e_lfanew
    b.replace(0x40, 4, std::string("PE\0\0", 4));
    return b;
}

inline std::string lnk() {
    return std::string("\x4C\x00\x00\x00\x01\x14\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 20) +
           std::string(56, '\0');
}

/// An OLE compound file of 512-byte sectors whose directory starts at
/// sector 0; `installer`: its root entry has MSI's CLSID.
inline std::string ole(bool installer) {
    std::string b(1024, '\0');
    b.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    b[0x1E] = 9;
    b.replace(512, 10, std::string("R\0o\0o\0t\0 \0", 10));
    if (installer)
        b.replace(512 + 0x50, 16, std::string("\x84\x10\x0C\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46", 16));
    return b;
}

inline void put16(std::string& s, std::size_t v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
}

inline void put32(std::string& s, std::size_t v) {
    put16(s, v & 0xFFFF);
    put16(s, (v >> 16) & 0xFFFF);
}

/// A ZIP archive of stored entries (CRCs left zero: nothing here checks them).
inline std::string zip(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string body, directory;
    for (const auto& [name, data] : files) {
        const std::size_t offset = body.size();
        body += std::string("PK\x03\x04", 4);
        put16(body, 20);  // version
        put16(body, 0);   // flags
        put16(body, 0);   // stored
        put32(body, 0);   // time, date
        put32(body, 0);   // crc
        put32(body, data.size());
        put32(body, data.size());
        put16(body, name.size());
        put16(body, 0);
        body += name;
        body += data;
        directory += std::string("PK\x01\x02", 4);
        put16(directory, 20);
        put16(directory, 20);
        put16(directory, 0);
        put16(directory, 0);
        put32(directory, 0);
        put32(directory, 0);
        put32(directory, data.size());
        put32(directory, data.size());
        put16(directory, name.size());
        put16(directory, 0);  // extra
        put16(directory, 0);  // comment
        put16(directory, 0);  // disk
        put16(directory, 0);  // internal attributes
        put32(directory, 0);  // external attributes
        put32(directory, offset);
        directory += name;
    }
    std::string out = body + directory;
    out += std::string("PK\x05\x06", 4);
    put16(out, 0);
    put16(out, 0);
    put16(out, files.size());
    put16(out, files.size());
    put32(out, directory.size());
    put32(out, body.size());
    put16(out, 0);
    return out;
}

}  // namespace content_samples
