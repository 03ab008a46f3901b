// Bounds-checked reads and name decompression (RFC 1035 section 4.1.4).
#include "net/dns/wire_reader.hpp"

namespace mailwarden::dns::detail {

namespace {

constexpr std::size_t max_name_octets = 255;  // RFC 1035 section 2.3.4, length octets included
constexpr int max_pointers = 127;             // a name of 255 octets has at most 127 labels

void append_label_byte(std::string& out, std::uint8_t b) {
    if (b >= 'A' && b <= 'Z') {
        out += static_cast<char>(b - 'A' + 'a');
    } else if (b == '.' || b == '\\') {
        out += '\\';
        out += static_cast<char>(b);
    } else if (b < 0x21 || b > 0x7e) {
        out += '\\';
        out += static_cast<char>('0' + b / 100);
        out += static_cast<char>('0' + b / 10 % 10);
        out += static_cast<char>('0' + b % 10);
    } else {
        out += static_cast<char>(b);
    }
}

}  // namespace

void WireReader::fail() noexcept {
    ok_ = false;
    position_ = message_.size();
}

void WireReader::seek(std::size_t position) noexcept {
    if (position > message_.size()) fail();
    else position_ = position;
}

void WireReader::skip(std::size_t count) noexcept {
    if (count > message_.size() - position_) fail();
    else position_ += count;
}

std::uint8_t WireReader::u8() noexcept {
    if (message_.size() - position_ < 1) {
        fail();
        return 0;
    }
    return message_[position_++];
}

std::uint16_t WireReader::u16() noexcept {
    if (message_.size() - position_ < 2) {
        fail();
        return 0;
    }
    const auto v = static_cast<std::uint16_t>(message_[position_] << 8 | message_[position_ + 1]);
    position_ += 2;
    return v;
}

std::uint32_t WireReader::u32() noexcept {
    const std::uint32_t high = u16();
    const std::uint32_t low = u16();
    return high << 16 | low;
}

std::span<const std::uint8_t> WireReader::bytes(std::size_t count) noexcept {
    if (count > message_.size() - position_) {
        fail();
        return {};
    }
    const auto out = message_.subspan(position_, count);
    position_ += count;
    return out;
}

std::string WireReader::name() {
    std::string out;
    std::size_t at = position_;
    std::size_t octets = 1;  // the root label
    bool jumped = false;
    int pointers = 0;
    for (;;) {
        if (at >= message_.size()) break;
        const std::uint8_t length = message_[at];
        if ((length & 0xc0) == 0xc0) {
            if (at + 1 >= message_.size()) break;
            const std::size_t target = static_cast<std::size_t>(length & 0x3f) << 8 | message_[at + 1];
            // Pointers lead backwards only; with the count this ends every loop.
            if (target >= at || ++pointers > max_pointers) break;
            if (!jumped) position_ = at + 2;
            jumped = true;
            at = target;
            continue;
        }
        if ((length & 0xc0) != 0) break;  // 0x40 and 0x80: extended/reserved label types
        if (length == 0) {
            if (!jumped) position_ = at + 1;
            return out;
        }
        octets += 1u + length;
        if (octets > max_name_octets || length >= message_.size() - at) break;
        if (!out.empty()) out += '.';
        for (std::size_t i = 1; i <= length; ++i) append_label_byte(out, message_[at + i]);
        at += 1u + length;
    }
    fail();
    return {};
}

}  // namespace mailwarden::dns::detail
