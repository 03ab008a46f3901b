// DKIM canonicalization (RFC 6376 3.4): "simple" and "relaxed" for header
// fields and for the body. Bare LF line ends count as CRLF, so a message
// stored with Unix line ends verifies like the one that was sent.
#pragma once

#include "message/dkim/signature.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

/// Appends the canonical form of one header field (`field` as written,
/// without its final line end) to `out`, without a trailing CRLF.
void canonicalize_header(Canonicalization mode, std::string_view field, std::string& out);

/// The body, fed in chunks of any size; the canonical bytes go to `sink` in
/// pieces. One pass, constant work per input byte: runs of blank lines and
/// of whitespace are counted, not rescanned, so no input is quadratic.
class BodyCanonicalizer {
public:
    using Sink = std::function<void(std::string_view)>;

    BodyCanonicalizer(Canonicalization mode, Sink sink);

    void update(std::string_view chunk);
    /// Ends the body (adds the CRLF an unterminated last line lacks, drops
    /// trailing blank lines) and hands the rest to the sink.
    void finish();

private:
    void bare_cr();
    void text(std::string_view run);  // bytes written as they are (no line end, no relaxed blank)
    void line_end();
    void begin_line();
    void put(char c);
    void flush();

    Canonicalization mode_;
    Sink sink_;
    std::string buffer_;             // fixed size; the first used_ bytes are pending
    std::size_t used_ = 0;
    std::uint64_t blank_lines_ = 0;  // empty lines not yet written: dropped if nothing follows
    std::uint64_t written_ = 0;
    bool line_started_ = false;      // bytes of the current line were written
    bool space_pending_ = false;     // relaxed: whitespace since the last byte written
    bool cr_pending_ = false;        // a CR ended the last chunk
};

}  // namespace mailwarden::message_detail
