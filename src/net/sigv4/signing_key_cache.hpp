// Derived SigV4 signing keys, cached per (secret, date, region, service).
// The secret is identified by its SHA-256 fingerprint, never by the access
// key id alone: two secrets under one key id (a rotated key) get two keys.
#pragma once

#include "crypto.hpp"

#include <mailwarden/net/credentials.hpp>

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::sigv4::detail {

class SigningKeyCache {
public:
    explicit SigningKeyCache(std::size_t capacity);
    ~SigningKeyCache();
    SigningKeyCache(const SigningKeyCache&) = delete;
    SigningKeyCache& operator=(const SigningKeyCache&) = delete;

    /// The key for `date8` ("20150830"), deriving it on a miss, ready for
    /// HMAC (pads absorbed). Thread-safe.
    HmacKey get(const aws::Credentials& credentials, std::string_view date8, std::string_view region,
                std::string_view service);

    std::size_t size() const;
    std::size_t derivations() const;
    void clear();

private:
    struct Entry {
        std::array<unsigned char, 32> fingerprint{};
        std::array<char, 8> date{};
        std::string region;
        std::string service;
        HmacKey key;
        std::uint64_t last_used = 0;
    };

    mutable std::mutex mutex_;
    std::vector<Entry> entries_;
    std::size_t capacity_;
    std::uint64_t clock_ = 0;
    std::size_t derivations_ = 0;
};

/// The four-HMAC derivation: kSecret = "AWS4" + secret, then date, region,
/// service and "aws4_request".
void derive_signing_key(std::string_view secret, std::string_view date8, std::string_view region,
                        std::string_view service, Digest& key);

}  // namespace mailwarden::sigv4::detail
