// The Credentials value: holds the secret, shows it to nobody but the signer.
#include "crypto.hpp"

#include <mailwarden/net/credentials.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <openssl/crypto.h>

#include <ostream>

namespace mailwarden::aws {

namespace {

// Zeroes the whole buffer (capacity, not only size) before it is released
// or reused, so no copy of a secret lingers in freed memory.
void wipe_string(std::string& s) noexcept {
    s.resize(s.capacity());
    OPENSSL_cleanse(s.data(), s.size());
    s.clear();
}

class CredentialsCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "mailwarden.aws.credentials"; }
    std::string message(int code) const override {
        switch (static_cast<CredentialsErrc>(code)) {
        case CredentialsErrc::no_credentials: return "no AWS credentials found";
        case CredentialsErrc::incomplete: return "incomplete AWS credentials";
        case CredentialsErrc::profile_not_found: return "AWS profile not found";
        case CredentialsErrc::unreadable_file: return "AWS shared file cannot be read";
        case CredentialsErrc::malformed_file: return "AWS shared file is malformed";
        case CredentialsErrc::no_region: return "no AWS region configured";
        }
        return "unknown AWS credentials error";
    }
};

}  // namespace

const std::error_category& credentials_category() noexcept {
    static const CredentialsCategory category;
    return category;
}

CredentialsResult CredentialsResult::failure(CredentialsErrc code, std::string message) {
    CredentialsResult r;
    r.error = make_error_code(code);
    r.message = std::move(message);
    return r;
}

Credentials::Credentials(std::string access_key_id, std::string secret_access_key, std::string session_token,
                         std::string source)
    : access_key_id_(std::move(access_key_id)),
      secret_(std::move(secret_access_key)),
      session_token_(std::move(session_token)),
      source_(std::move(source)) {
    sigv4::detail::sha256(secret_, fingerprint_);
}

Credentials::Credentials(const Credentials& other) = default;

Credentials::Credentials(Credentials&& other) noexcept
    : access_key_id_(std::move(other.access_key_id_)),
      secret_(std::move(other.secret_)),
      session_token_(std::move(other.session_token_)),
      source_(std::move(other.source_)),
      fingerprint_(other.fingerprint_) {
    other.wipe();
}

Credentials& Credentials::operator=(const Credentials& other) {
    if (this != &other) {
        wipe();
        access_key_id_ = other.access_key_id_;
        secret_ = other.secret_;
        session_token_ = other.session_token_;
        source_ = other.source_;
        fingerprint_ = other.fingerprint_;
    }
    return *this;
}

Credentials& Credentials::operator=(Credentials&& other) noexcept {
    if (this != &other) {
        wipe();
        access_key_id_ = std::move(other.access_key_id_);
        secret_ = std::move(other.secret_);
        session_token_ = std::move(other.session_token_);
        source_ = std::move(other.source_);
        fingerprint_ = other.fingerprint_;
        other.wipe();
    }
    return *this;
}

Credentials::~Credentials() { wipe(); }

void Credentials::wipe() noexcept {
    wipe_string(secret_);
    wipe_string(session_token_);
    OPENSSL_cleanse(fingerprint_.data(), fingerprint_.size());
    access_key_id_.clear();
    source_.clear();
}

std::string Credentials::to_string() const {
    std::string out = access_key_id_.empty() ? std::string("(no access key id)") : access_key_id_;
    out += " (secret: ";
    out += secret_.empty() ? "none" : "redacted";
    out += ", session token: ";
    out += session_token_.empty() ? "none" : "redacted";
    if (!source_.empty()) out += ", source: " + source_;
    out += ')';
    return out;
}

std::string Credentials::to_json() const {
    boost::json::object o;
    o["access_key_id"] = access_key_id_;
    o["secret_access_key"] = secret_.empty() ? "none" : "redacted";
    o["session_token"] = session_token_.empty() ? "none" : "redacted";
    o["source"] = source_;
    return boost::json::serialize(o);
}

std::ostream& operator<<(std::ostream& out, const Credentials& credentials) { return out << credentials.to_string(); }

CredentialsProvider::~CredentialsProvider() = default;

}  // namespace mailwarden::aws
