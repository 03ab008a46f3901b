#include "sessions.hpp"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace console {

namespace {
constexpr auto session_lifetime = std::chrono::hours(12);
}

std::string random_hex(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) throw std::runtime_error("no random bytes");
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes * 2);
    for (unsigned char c : raw) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 0x0f]);
    }
    return out;
}

bool equal_secret(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
    return diff == 0;
}

Sessions::Sessions() : login_token_(random_hex(32)) {}

std::optional<Session> Sessions::redeem(const std::string& token) {
    std::lock_guard lock(mutex_);
    if (login_used_ || !equal_secret(token, login_token_)) return std::nullopt;
    login_used_ = true;
    Session s{random_hex(32), random_hex(32)};
    sessions_[s.id] = Entry{s.csrf, std::chrono::steady_clock::now() + session_lifetime};
    return s;
}

std::optional<Session> Sessions::find(const std::string& id) {
    if (id.empty()) return std::nullopt;
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    if (std::chrono::steady_clock::now() >= it->second.expires) {
        sessions_.erase(it);
        return std::nullopt;
    }
    return Session{it->first, it->second.csrf};
}

std::string cookie_value(const std::string& header, const std::string& name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        auto end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::string pair = header.substr(pos, end - pos);
        const auto first = pair.find_first_not_of(' ');
        if (first != std::string::npos) pair.erase(0, first);
        const auto eq = pair.find('=');
        if (eq != std::string::npos && pair.substr(0, eq) == name) {
            std::string value = pair.substr(eq + 1);
            while (!value.empty() && value.back() == ' ') value.pop_back();
            return value;
        }
        pos = end + 1;
    }
    return {};
}

}  // namespace console
