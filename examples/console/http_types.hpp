// The request and response the console's routes see: plain values, so only
// the server's file speaks Beast.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace console {

struct Request {
    std::string method;  ///< "GET", "POST" ...
    std::string target;  ///< as received: path and query
    std::string path;    ///< percent-encoded path, without the query
    std::map<std::string, std::string> query;  ///< decoded parameters (the first of each name)
    std::map<std::string, std::string> headers;  ///< names lower-cased
    std::string body;
    std::string client_ip;

    /// The header's value, empty when absent.
    std::string header(const std::string& lower_name) const;
    bool has_header(const std::string& lower_name) const { return headers.count(lower_name) != 0; }
    /// The query parameter's value, empty when absent.
    std::string param(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type;  ///< empty: no body type (204, redirects)
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra fields (Location, Set-Cookie ...)
    bool no_store = true;  ///< Cache-Control: no-store (pages and API)
};

/// Splits a target into path and decoded query parameters; false when it
/// is not an origin-form target.
bool parse_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query);

/// The fields of an application/x-www-form-urlencoded body (the first of
/// each name); false when it is not one.
bool parse_form(const std::string& body, std::map<std::string, std::string>& fields);

/// The percent-decoded form of one path segment; false when malformed.
bool percent_decode(const std::string& in, std::string& out);

}  // namespace console
