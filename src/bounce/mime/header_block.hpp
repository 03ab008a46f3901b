// RFC 5322 header fields: name, and value unfolded (continuation lines
// joined) but not decoded. Also used for the field groups of a
// message/delivery-status body, which have the same syntax.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::bounce_detail {

struct HeaderField {
    std::string_view name;
    std::string value;  ///< unfolded, trimmed, raw bytes (RFC 2047 words still encoded)
};

class HeaderBlock {
public:
    std::vector<HeaderField> fields;

    /// The first field of that name (any case); empty when absent.
    std::string_view get(std::string_view name) const noexcept;
    bool has(std::string_view name) const noexcept;
    bool empty() const noexcept { return fields.empty(); }
};

/// Reads the header fields at the start of `text` (LF line ends) into
/// `out` and returns where the body starts: after the empty line, or at the
/// first line that is neither a field nor a continuation. A leading mbox
/// "From " line is skipped. At most `max_fields` are kept.
std::size_t parse_header_block(std::string_view text, HeaderBlock& out, std::size_t max_fields = 1000);

}  // namespace mailwarden::bounce_detail
