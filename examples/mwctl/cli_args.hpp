// Command-line parsing shared by every mwctl command: positionals, --flags and
// --options with a value (as "--name value" or "--name=value").
#pragma once

#include "read_input.hpp"

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace mwctl {

/// Exit codes shared by all commands.
inline constexpr int exit_ok = 0;
inline constexpr int exit_findings = 1;  // ran fine, but something is not valid / not passing
inline constexpr int exit_usage = 2;

/// Thrown for a command line that cannot be understood; main prints it and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ArgSpec {
    std::set<std::string> flags;          // --json, --reject-role ...
    std::set<std::string> valued;         // --file F ...
    std::set<std::string> repeatable;     // subset of valued that may repeat (-H ...)
};

class Args {
public:
    Args(const std::vector<std::string>& argv, const ArgSpec& spec);

    bool flag(const std::string& name) const { return flags_.count(name) != 0; }
    bool has(const std::string& name) const { return values_.count(name) != 0; }
    /// The value of an option given once; throws UsageError when absent and no fallback.
    std::string value(const std::string& name) const;
    std::string value_or(const std::string& name, const std::string& fallback) const;
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::set<std::string> flags_;
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positionals_;
};

/// The body options shared by `send` and `ses send`: exactly one of --text,
/// --html-file, --raw-file; --subject unless raw. Files are read whole.
struct MessageBody {
    std::string subject;
    std::string text;
    std::string html;
    std::string raw;
};
MessageBody read_message_body(const Args& args);

using mailwarden::examples::read_input;

/// A positive whole number given to `option`; throws UsageError otherwise.
long parse_positive(const std::string& text, const std::string& option);

}  // namespace mwctl
