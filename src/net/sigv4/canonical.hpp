// The pieces of a SigV4 canonical request: URI encoding (RFC 3986
// unreserved set, upper-case hex), the canonical path, the canonical query
// and canonical header values. Each appends to a caller's buffer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::sigv4::detail {

/// A-Z a-z 0-9 - . _ ~
bool is_unreserved(unsigned char c) noexcept;

/// Appends `bytes` with every byte but the unreserved ones (and '/' when
/// `keep_slash`) written as %XX.
void append_uri_encoded(std::string& out, std::string_view bytes, bool keep_slash);

/// Appends `text` percent-decoded: a '%' followed by two hex digits becomes
/// that byte, anything else (a '+' included) stays as it is.
void append_percent_decoded(std::string& out, std::string_view text);

/// Appends the canonical URI of a wire-form path. `normalize`: drop empty
/// and "." segments, let ".." remove the previous one, keep a trailing '/'
/// when segments remain. `double_encode`: URI-encode the result once more
/// ('%' becomes %25); otherwise only bytes that may not appear raw in a
/// path (controls, space, non-ASCII, "\"<>\\^`{|}#?[]") are encoded.
/// `segments` is scratch storage.
void append_canonical_path(std::string& out, std::string_view wire_path, bool normalize, bool double_encode,
                           std::vector<std::string_view>& segments);

/// One query parameter, key and value already in canonical (encoded) form,
/// as offsets into a scratch string.
struct QueryItem {
    std::uint32_t key_offset;
    std::uint32_t key_size;
    std::uint32_t value_offset;
    std::uint32_t value_size;
};

/// Collects the query parameters of canonical requests without allocating
/// once its buffers have grown.
class QueryBuilder {
public:
    void clear() {
        storage_.clear();
        items_.clear();
    }
    /// Every '&'-separated parameter of a wire-form query (empty ones
    /// skipped; "k" counts as "k="), decoded then encoded canonically.
    void add_wire_query(std::string_view query);
    /// A parameter given decoded (raw bytes).
    void add_decoded(std::string_view key, std::string_view value);
    /// Appends "k=v&k=v..." sorted by encoded key, then encoded value.
    void append_sorted(std::string& out);

private:
    void add_wire_component(std::string_view text);
    std::string storage_;
    std::string decoded_;
    std::vector<QueryItem> items_;
};

/// Appends a header value with leading/trailing whitespace removed and each
/// inner run of SP, HT, CR, LF written as one space.
void append_folded_value(std::string& out, std::string_view value);

/// True for a non-empty RFC 9110 token (the valid header names).
bool is_token(std::string_view name) noexcept;

}  // namespace mailwarden::sigv4::detail
