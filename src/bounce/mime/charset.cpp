#include "bounce/mime/charset.hpp"

#include "bounce/mime/ascii.hpp"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <utility>

namespace mailwarden::bounce_detail {

namespace {

// Names mail software writes that iconv spells differently.
std::string iconv_name(std::string_view charset) {
    std::string name = to_lower(trim(charset));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    static constexpr std::pair<std::string_view, std::string_view> aliases[] = {
        {"ks_c_5601-1987", "CP949"}, {"x-sjis", "SHIFT_JIS"}, {"shift-jis", "SHIFT_JIS"}, {"sjis", "SHIFT_JIS"},
        {"windows-31j", "CP932"},    {"x-gbk", "GBK"},        {"utf8", "UTF-8"},          {"x-euc-jp", "EUC-JP"},
        {"unicode-1-1-utf-7", "UTF-7"},
    };
    for (const auto& [from, to] : aliases)
        if (name == from) return std::string(to);
    return name;
}

bool passes_through(std::string_view name) noexcept {
    return name.empty() || name == "us-ascii" || name == "ascii" || name == "utf-8" || name == "ansi_x3.4-1968" ||
           name == "unknown-8bit" || name == "x-unknown" || name == "default" || name == "8bit";
}

bool all_ascii(std::string_view s) noexcept {
    for (const char c : s)
        if (static_cast<unsigned char>(c) >= 0x80 || c == 0x1B) return false;  // ESC starts ISO-2022 shifts
    return true;
}

// UTF-7, UTF-16, UTF-32 and UCS-2/4 are the charsets in mail whose ASCII
// text is not written as ASCII bytes.
bool ascii_compatible(std::string_view name) noexcept {
    return !(istarts_with(name, "utf-7") || istarts_with(name, "utf-16") || istarts_with(name, "utf-32") ||
             istarts_with(name, "utf16") || istarts_with(name, "utf32") || istarts_with(name, "ucs"));
}

// A few converters per thread: mail mixes at most a handful of charsets.
struct Converters {
    struct Slot {
        std::string name;
        iconv_t cd = reinterpret_cast<iconv_t>(-1);
        bool failed = false;
    };
    std::array<Slot, 8> slots;
    std::size_t next = 0;

    ~Converters() {
        for (auto& s : slots)
            if (s.cd != reinterpret_cast<iconv_t>(-1)) iconv_close(s.cd);
    }

    // nullptr when iconv does not know the charset.
    iconv_t* get(const std::string& name) {
        for (auto& s : slots)
            if (s.name == name) return s.failed ? nullptr : &s.cd;
        Slot& s = slots[next++ % slots.size()];
        if (s.cd != reinterpret_cast<iconv_t>(-1)) iconv_close(s.cd);
        s.name = name;
        s.cd = iconv_open("UTF-8", name.c_str());
        s.failed = s.cd == reinterpret_cast<iconv_t>(-1);
        return s.failed ? nullptr : &s.cd;
    }
};

}  // namespace

std::string to_utf8(std::string_view bytes, std::string_view charset) {
    const std::string name = iconv_name(charset);
    // Pure ASCII (no ESC, so no ISO-2022 shift either) reads the same in
    // every charset that extends ASCII: no converter needed.
    if (passes_through(name) || (all_ascii(bytes) && ascii_compatible(name))) return std::string(bytes);
    thread_local Converters converters;
    iconv_t* cd = converters.get(name);
    if (cd == nullptr) return std::string(bytes);
    iconv(*cd, nullptr, nullptr, nullptr, nullptr);  // initial shift state
    std::string out(bytes.size() * 3 + 16, '\0');
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
    std::size_t in_left = bytes.size();
    char* dst = out.data();
    std::size_t out_left = out.size();
    while (in_left > 0) {
        const std::size_t r = iconv(*cd, &in, &in_left, &dst, &out_left);
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) {
            const std::size_t used = static_cast<std::size_t>(dst - out.data());
            out.resize(out.size() * 2);
            dst = out.data() + used;
            out_left = out.size() - used;
            continue;
        }
        // EILSEQ / EINVAL: skip one byte, mark it, go on.
        if (out_left == 0) {
            const std::size_t used = static_cast<std::size_t>(dst - out.data());
            out.resize(out.size() * 2);
            dst = out.data() + used;
            out_left = out.size() - used;
        }
        *dst++ = '?';
        --out_left;
        ++in;
        --in_left;
    }
    // Flush a pending shift sequence.
    iconv(*cd, nullptr, nullptr, &dst, &out_left);
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return out;
}

}  // namespace mailwarden::bounce_detail
