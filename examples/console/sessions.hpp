// Who is signed in: the one-time login token printed at start, the
// sessions it opens (a cookie) and each session's CSRF token. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace console {

/// `bytes` random bytes (OpenSSL's generator) as lower-case hex.
std::string random_hex(std::size_t bytes);

/// Compares without an early exit.
bool equal_secret(const std::string& a, const std::string& b);

struct Session {
    std::string id;
    std::string csrf;
};

class Sessions {
public:
    Sessions();
    /// The login token, for the line printed at start.
    const std::string& login_token() const { return login_token_; }
    /// A new session for the valid, unused login token; nullopt otherwise
    /// (the token then stays spent).
    std::optional<Session> redeem(const std::string& token);
    /// The live session with this id.
    std::optional<Session> find(const std::string& id);

private:
    std::mutex mutex_;
    std::string login_token_;
    bool login_used_ = false;
    struct Entry {
        std::string csrf;
        std::chrono::steady_clock::time_point expires;
    };
    std::map<std::string, Entry> sessions_;
};

/// The value of cookie `name` in a Cookie header, empty when absent.
std::string cookie_value(const std::string& cookie_header, const std::string& name);

}  // namespace console
