// Reading the vendored SigV4 suites: raw HTTP request files (request line
// with spaces or raw UTF-8 in the target, folded header lines, duplicate
// names, a body after the blank line) and the expected-output files.
#pragma once

#include <mailwarden/net/sigv4.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sigv4_test {

struct RawRequest {
    std::string method;
    std::string target;   // as on the request line: path[?query]
    std::string version;
    std::vector<std::pair<std::string, std::string>> headers;  // value as written, folded lines joined with '\n'
    std::string body;

    std::string_view path() const;
    std::string_view query() const;
    /// Views of `headers` for the signer.
    std::vector<mailwarden::sigv4::Header> header_views() const;
    /// Values of every header named `name` (case-insensitive), trimmed.
    std::vector<std::string> values(std::string_view name) const;
};

/// nullopt when there is no request line.
std::optional<RawRequest> parse_raw_request(std::string_view text);

std::string read_file(const std::filesystem::path& path);

/// `request` after signing as an HTTP client would send it: headers_to_add
/// replace same-named headers (case-insensitive), or the presigned query
/// replaces the query.
RawRequest apply_signature(const RawRequest& request, const mailwarden::sigv4::SignedRequest& signed_request);

/// Same request line, body, and the same multiset of (lower-case name,
/// trimmed value) headers. `why` says what differs.
bool same_request(const RawRequest& a, const RawRequest& b, std::string& why);

std::string lower(std::string_view s);

}  // namespace sigv4_test
