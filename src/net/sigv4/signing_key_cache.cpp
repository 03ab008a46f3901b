#include "signing_key_cache.hpp"

#include <openssl/crypto.h>

#include <algorithm>
#include <cstring>

namespace mailwarden::sigv4::detail {

void derive_signing_key(std::string_view secret, std::string_view date8, std::string_view region,
                        std::string_view service, Digest& key) {
    std::string k_secret;
    k_secret.reserve(4 + secret.size());
    k_secret.append("AWS4").append(secret);
    const auto* secret_bytes = reinterpret_cast<const unsigned char*>(k_secret.data());
    Digest k_date;
    Digest k_region;
    Digest k_service;
    hmac_sha256({secret_bytes, k_secret.size()}, date8, k_date);
    hmac_sha256(k_date, region, k_region);
    hmac_sha256(k_region, service, k_service);
    hmac_sha256(k_service, "aws4_request", key);
    OPENSSL_cleanse(k_secret.data(), k_secret.size());
    OPENSSL_cleanse(k_date.data(), k_date.size());
    OPENSSL_cleanse(k_region.data(), k_region.size());
    OPENSSL_cleanse(k_service.data(), k_service.size());
}

SigningKeyCache::SigningKeyCache(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {
    entries_.reserve(std::min<std::size_t>(capacity_, 64));
}

SigningKeyCache::~SigningKeyCache() { clear(); }

HmacKey SigningKeyCache::get(const aws::Credentials& credentials, std::string_view date8, std::string_view region,
                             std::string_view service) {
    const auto& fingerprint = credentials.secret_fingerprint();
    const std::lock_guard lock(mutex_);
    ++clock_;
    for (Entry& e : entries_) {
        if (e.fingerprint == fingerprint && std::string_view(e.date.data(), e.date.size()) == date8 &&
            e.region == region && e.service == service) {
            e.last_used = clock_;
            return e.key;
        }
    }
    Digest derived;
    derive_signing_key(credentials.secret_access_key(), date8, region, service, derived);
    HmacKey key(derived);
    OPENSSL_cleanse(derived.data(), derived.size());
    ++derivations_;
    Entry* slot = nullptr;
    if (entries_.size() < capacity_) {
        slot = &entries_.emplace_back();
    } else {
        slot = &*std::min_element(entries_.begin(), entries_.end(),
                                  [](const Entry& a, const Entry& b) { return a.last_used < b.last_used; });
    }
    slot->fingerprint = fingerprint;
    std::copy_n(date8.data(), std::min<std::size_t>(date8.size(), slot->date.size()), slot->date.data());
    slot->region.assign(region);
    slot->service.assign(service);
    slot->key = key;
    slot->last_used = clock_;
    return key;
}

std::size_t SigningKeyCache::size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

std::size_t SigningKeyCache::derivations() const {
    const std::lock_guard lock(mutex_);
    return derivations_;
}

void SigningKeyCache::clear() {
    const std::lock_guard lock(mutex_);
    entries_.clear();  // each HmacKey wipes itself
}

}  // namespace mailwarden::sigv4::detail
