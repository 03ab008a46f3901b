// One bounds-checked cursor over a received DNS message. Every read checks
// what is left; a failed read marks the reader bad and returns zeros, so a
// caller can read a whole record and check ok() once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace mailwarden::dns::detail {

class WireReader {
public:
    explicit WireReader(std::span<const std::uint8_t> message) noexcept : message_(message) {}

    bool ok() const noexcept { return ok_; }
    std::size_t position() const noexcept { return position_; }
    std::size_t size() const noexcept { return message_.size(); }

    /// Moves to `position` (at most size()); used to read RDATA again.
    void seek(std::size_t position) noexcept;
    void skip(std::size_t count) noexcept;
    std::uint8_t u8() noexcept;
    std::uint16_t u16() noexcept;
    std::uint32_t u32() noexcept;
    /// `count` bytes from the cursor; empty (and bad) when fewer are left.
    std::span<const std::uint8_t> bytes(std::size_t count) noexcept;

    /// A domain name at the cursor, following compression pointers anywhere
    /// in the message, as text: labels joined by '.', ASCII lower-cased, no
    /// trailing dot ("" for the root), '.' and '\' inside a label escaped with
    /// '\', other bytes outside '!'..'~' as \DDD. The cursor ends after the
    /// name as written at the cursor. Refuses pointer loops, reserved label
    /// types and names over 255 octets.
    std::string name();

private:
    void fail() noexcept;

    std::span<const std::uint8_t> message_;
    std::size_t position_ = 0;
    bool ok_ = true;
};

}  // namespace mailwarden::dns::detail
