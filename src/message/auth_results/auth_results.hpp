// An Authentication-Results field (RFC 8601) as read from a message or
// written by us: the authserv-id, then one entry per method applied.
// Names (method, result, property type and name) are lower case, values
// unquoted; comments are kept as text since receivers put details there
// ("(p=REJECT sp=REJECT dis=NONE)", "(sender IP is 192.0.2.1)").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

/// A propspec: ptype.property=value ("smtp.mailfrom=example.net").
struct AuthProperty {
    std::string type;     ///< "smtp", "header", "body", "policy"; empty for a bare name=value ("action=none")
    std::string name;     ///< "mailfrom", "from", "d", "i", "b"
    std::string value;    ///< unquoted
    std::string comment;  ///< comments after the value, parentheses removed
    bool operator==(const AuthProperty&) const = default;
};

/// A resinfo: method=result with its reason and properties.
struct AuthMethodResult {
    std::string method;                     ///< "spf", "dkim", "dmarc", "arc", "compauth" ...
    std::optional<unsigned> method_version; ///< "dkim/1"
    std::string result;                     ///< "pass", "fail", "none", "softfail" ...
    std::optional<std::string> reason;      ///< reason="..." or reason=token
    std::string comment;                    ///< comments after the result or the reason
    std::vector<AuthProperty> properties;
    bool operator==(const AuthMethodResult&) const = default;

    /// The value of the first property `type`.`name` (lower case), or nullptr.
    const std::string* property(std::string_view type, std::string_view name) const noexcept;
};

/// Departures from the grammar that real mail shows and that were read anyway.
struct AuthResultsDeviations {
    bool missing_authserv_id = false;  ///< the value starts with method=result
    bool missing_semicolon = false;    ///< a resinfo not preceded by ';'
    bool extra_semicolon = false;      ///< a trailing ';' or ';;'
    bool bare_property = false;        ///< name=value without a ptype ("action=none")
    bool unquoted_value = false;       ///< a value that needed quoting ("header.b=ab/cd")
    bool operator==(const AuthResultsDeviations&) const = default;
};

/// A part that could not be read: it is kept, not dropped.
struct AuthResultsProblem {
    std::size_t offset = 0;  ///< where `text` starts in the field value
    std::string text;        ///< the unread text as written, up to the next ';'
    std::string message;     ///< what was wrong
    bool operator==(const AuthResultsProblem&) const = default;
};

struct AuthResults {
    std::string authserv_id;          ///< unquoted; empty when missing
    std::optional<unsigned> version;  ///< authres-version, when written
    std::string comment;              ///< comments around the authserv-id
    bool none = false;                ///< "; none": no method was applied
    std::vector<AuthMethodResult> results;
    AuthResultsDeviations deviations;
    std::vector<AuthResultsProblem> problems;
    bool operator==(const AuthResults&) const = default;

    /// The entries of one method (lower case), in field order.
    std::vector<const AuthMethodResult*> find(std::string_view method) const;
};

/// An ARC-Authentication-Results field (RFC 8617 4.1.1): i=N, then the same.
struct ArcAuthResults {
    std::optional<unsigned> instance;  ///< i=; empty when unreadable (then a problem says so)
    AuthResults results;
    bool operator==(const ArcAuthResults&) const = default;
};

}  // namespace mailwarden::message_detail
