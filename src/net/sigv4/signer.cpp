// Header signing and presigning: canonical request, string to sign,
// signature, in one pass over reusable buffers.
#include "amz_date.hpp"
#include "canonical.hpp"
#include "crypto.hpp"
#include "signed_request.hpp"
#include "signing_key_cache.hpp"

#include <mailwarden/error.hpp>
#include <mailwarden/net/sigv4.hpp>

#include <algorithm>
#include <array>
#include <charconv>

namespace mailwarden::sigv4 {

namespace {

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view unsigned_payload = "UNSIGNED-PAYLOAD";
constexpr std::chrono::seconds max_expires{7 * 24 * 3600};

// Headers a proxy or the HTTP stack may add, drop or rewrite on the way:
// signing them would break the signature, so none is signed (the set the
// AWS SDKs leave out), nor "proxy-*" and "sec-*" ones.
bool unsignable(std::string_view lower) noexcept {
    static constexpr std::string_view names[] = {
        "authorization", "cache-control", "connection", "expect", "from",
        "keep-alive", "max-forwards", "pragma", "referer", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    };
    if (lower.empty()) return false;
    const char first = lower.front();
    if (first != 'a' && first != 'c' && first != 'e' && first != 'f' && first != 'k' && first != 'm' && first != 'p' &&
        first != 'r' && first != 's' && first != 't' && first != 'u' && first != 'x')
        return false;
    if (lower.starts_with("proxy-") || lower.starts_with("sec-")) return true;
    for (const std::string_view n : names)
        if (n.size() == lower.size() && n.front() == first && n == lower) return true;
    return false;
}

void append_lower(std::string& out, std::string_view s) {
    const std::size_t at = out.size();
    out.append(s);
    for (auto it = out.begin() + static_cast<std::ptrdiff_t>(at); it != out.end(); ++it)
        if (*it >= 'A' && *it <= 'Z') *it = static_cast<char>(*it + ('a' - 'A'));
}

// Stable, in place, no allocation: requests carry a handful of headers.
template <typename Entry>
void sort_by_name(std::vector<Entry>& entries) {
    if (entries.size() > 32) {
        std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) { return x.name < y.name; });
        return;
    }
    for (std::size_t i = 1; i < entries.size(); ++i) {
        const Entry e = entries[i];
        std::size_t j = i;
        for (; j > 0 && e.name < entries[j - 1].name; --j) entries[j] = entries[j - 1];
        entries[j] = e;
    }
}

// Region and service go into the scope between '/': no separators there.
bool valid_scope_part(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (const char c : s)
        if (c == '/' || static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
    return true;
}

bool valid_payload_hash(std::string_view h) noexcept {
    if (h == unsigned_payload) return true;
    if (h.size() != 64) return false;
    return std::all_of(h.begin(), h.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

// ---------------------------------------------------------------- SignedRequest

SignedRequest::SignedRequest() : b_(std::make_unique<Buffers>()) {}
SignedRequest::SignedRequest(const SignedRequest& other) : b_(std::make_unique<Buffers>(*other.b_)) {}
SignedRequest::SignedRequest(SignedRequest&&) noexcept = default;
SignedRequest& SignedRequest::operator=(const SignedRequest& other) {
    if (this != &other) b_ = std::make_unique<Buffers>(*other.b_);
    return *this;
}
SignedRequest& SignedRequest::operator=(SignedRequest&&) noexcept = default;
SignedRequest::~SignedRequest() = default;

std::string_view SignedRequest::authorization() const noexcept { return b_ ? std::string_view(b_->authorization) : ""; }
std::string_view SignedRequest::amz_date() const noexcept { return b_ ? std::string_view(b_->amz_date) : ""; }
std::string_view SignedRequest::credential_scope() const noexcept { return b_ ? std::string_view(b_->scope) : ""; }
std::string_view SignedRequest::signed_headers() const noexcept { return b_ ? std::string_view(b_->signed_headers) : ""; }
std::string_view SignedRequest::payload_hash() const noexcept { return b_ ? std::string_view(b_->payload_hash) : ""; }
std::string_view SignedRequest::signature() const noexcept { return b_ ? std::string_view(b_->signature) : ""; }
std::string_view SignedRequest::canonical_request() const noexcept { return b_ ? std::string_view(b_->canonical) : ""; }
std::string_view SignedRequest::string_to_sign() const noexcept { return b_ ? std::string_view(b_->string_to_sign) : ""; }
std::string_view SignedRequest::content_sha256() const noexcept {
    return b_ && b_->content_sha256_added ? std::string_view(b_->payload_hash) : "";
}
std::string_view SignedRequest::security_token() const noexcept {
    return b_ && b_->token_added ? std::string_view(b_->token) : "";
}
std::string_view SignedRequest::presigned_query() const noexcept {
    return b_ ? std::string_view(b_->presigned_query) : "";
}

SignedRequest::HeaderList SignedRequest::headers_to_add() const noexcept {
    HeaderList list;
    if (!b_ || b_->presigned || b_->authorization.empty()) return list;
    list.items[list.count++] = {"X-Amz-Date", b_->amz_date};
    if (b_->content_sha256_added) list.items[list.count++] = {"X-Amz-Content-Sha256", b_->payload_hash};
    if (b_->token_added) list.items[list.count++] = {"X-Amz-Security-Token", b_->token};
    list.items[list.count++] = {"Authorization", b_->authorization};
    return list;
}

// ---------------------------------------------------------------- Signer

struct Signer::Impl {
    explicit Impl(std::size_t capacity) : keys(capacity) {}
    detail::SigningKeyCache keys;

    std::error_code run(const Request& request, const aws::Credentials& credentials, const SigningConfig& config,
                        bool presign, SignedRequest::Buffers& b);
};

std::error_code Signer::Impl::run(const Request& request, const aws::Credentials& credentials,
                                  const SigningConfig& config, bool presign, SignedRequest::Buffers& b) {
    const auto invalid = make_error_code(errc::invalid_argument);
    if (!detail::is_token(request.method) || !valid_scope_part(config.region) || !valid_scope_part(config.service) ||
        credentials.empty())
        return invalid;
    if (!config.payload_hash.empty() && !valid_payload_hash(config.payload_hash)) return invalid;
    if (presign && (config.expires < std::chrono::seconds{1} || config.expires > max_expires)) return invalid;

    b.authorization.clear();
    b.presigned_query.clear();
    b.presigned = presign;
    b.content_sha256_added = false;
    b.token_added = false;

    // Requests signed within the same second share the date text.
    const auto seconds = std::chrono::floor<std::chrono::seconds>(config.time);
    if (b.amz_date.size() != 16 || seconds != b.amz_date_of) {
        b.amz_date.resize(16);
        if (!detail::write_amz_date(config.time, b.amz_date.data())) {
            b.amz_date.clear();
            return invalid;
        }
        b.amz_date_of = seconds;
    }
    const std::string_view date8 = std::string_view(b.amz_date).substr(0, 8);

    b.scope.clear();
    b.scope.append(date8).append("/").append(config.region).append("/").append(config.service).append("/aws4_request");

    // Header names, lower-cased, in storage that will not move while the
    // entries point into it.
    std::size_t names_size = 0;
    for (const Header& h : request.headers) names_size += h.name.size();
    b.names.clear();
    b.names.reserve(names_size);

    const bool has_token = credentials.has_session_token();
    const bool sign_token = has_token && !config.omit_session_token;
    bool has_host = false;
    std::string_view declared_payload_hash;
    b.entries.clear();
    b.entries.reserve(request.headers.size() + 4);
    for (const Header& h : request.headers) {
        if (!detail::is_token(h.name)) return invalid;
        const std::size_t at = b.names.size();
        append_lower(b.names, h.name);
        const std::string_view lower = std::string_view(b.names).substr(at);
        if (unsignable(lower) || lower == "x-amz-date") continue;
        if (has_token && lower == "x-amz-security-token") continue;  // replaced by the credentials' token
        if (lower == "host") has_host = true;
        if (lower == "x-amz-content-sha256" && !presign) declared_payload_hash = trim(h.value);
        b.entries.push_back({lower, h.value});
    }
    if (!has_host) {
        if (request.host.empty()) return invalid;
        b.entries.push_back({"host", request.host});
    }

    // The payload hash: what the request already declares, else what the
    // caller computed, else UNSIGNED-PAYLOAD or the body's SHA-256.
    if (!declared_payload_hash.empty()) {
        b.payload_hash.assign(declared_payload_hash);
    } else if (!config.payload_hash.empty()) {
        b.payload_hash.assign(config.payload_hash);
    } else if (config.unsigned_payload) {
        b.payload_hash.assign(unsigned_payload);
    } else {
        detail::Digest digest;
        detail::sha256(request.body, digest);
        char hex[64];  // appended, not resized into: resize() would zero-fill first
        detail::to_hex(digest, hex);
        b.payload_hash.assign(hex, sizeof hex);
    }

    if (has_token) b.token.assign(credentials.session_token());
    if (!presign) {
        b.entries.push_back({"x-amz-date", b.amz_date});
        if (config.content_sha256_header && declared_payload_hash.empty()) {
            b.entries.push_back({"x-amz-content-sha256", b.payload_hash});
            b.content_sha256_added = true;
        }
        if (sign_token) b.entries.push_back({"x-amz-security-token", b.token});
    }

    // Canonical headers, sorted by name; equal names keep their order and
    // their values are joined with ','.
    sort_by_name(b.entries);
    b.headers_block.clear();
    b.signed_headers.clear();
    for (std::size_t i = 0; i < b.entries.size(); ++i) {
        const auto& e = b.entries[i];
        const bool same_as_previous = i != 0 && b.entries[i - 1].name == e.name;
        if (same_as_previous) {
            b.headers_block.back() = ',';  // replaces the previous '\n'
        } else {
            if (!b.signed_headers.empty()) b.signed_headers.push_back(';');
            b.signed_headers.append(e.name);
            b.headers_block.append(e.name).push_back(':');
        }
        detail::append_folded_value(b.headers_block, e.value);
        b.headers_block.push_back('\n');
    }

    // Canonical request.
    std::string& c = b.canonical;
    c.clear();
    c.append(request.method).push_back('\n');
    detail::append_canonical_path(c, request.path, config.normalize_path, config.double_encode_path, b.segments);
    c.push_back('\n');
    char expires_text[24];
    std::string_view expires;
    if (presign) {
        const auto r = std::to_chars(std::begin(expires_text), std::end(expires_text), config.expires.count());
        expires = std::string_view(expires_text, static_cast<std::size_t>(r.ptr - expires_text));
        b.credential.clear();
        b.credential.append(credentials.access_key_id()).append("/").append(b.scope);
    }
    if (!request.query.empty() || presign) {
        b.query.clear();
        b.query.add_wire_query(request.query);
        if (presign) {
            b.query.add_decoded("X-Amz-Algorithm", algorithm);
            b.query.add_decoded("X-Amz-Credential", b.credential);
            b.query.add_decoded("X-Amz-Date", b.amz_date);
            b.query.add_decoded("X-Amz-Expires", expires);
            b.query.add_decoded("X-Amz-SignedHeaders", b.signed_headers);
            if (sign_token) b.query.add_decoded("X-Amz-Security-Token", b.token);
        }
        b.query.append_sorted(c);
    }
    c.push_back('\n');
    c.append(b.headers_block).push_back('\n');
    c.append(b.signed_headers).push_back('\n');
    c.append(b.payload_hash);

    // String to sign.
    detail::Digest digest;
    detail::sha256(c, digest);
    std::string& sts = b.string_to_sign;
    sts.clear();
    sts.append(algorithm).push_back('\n');
    sts.append(b.amz_date).push_back('\n');
    sts.append(b.scope).push_back('\n');
    char hex[64];
    detail::to_hex(digest, hex);
    sts.append(hex, sizeof hex);

    // Signature.
    keys.get(credentials, date8, config.region, config.service).mac(sts, digest);
    detail::to_hex(digest, hex);
    b.signature.assign(hex, sizeof hex);

    if (!presign) {
        std::string& a = b.authorization;
        a.append(algorithm).append(" Credential=").append(credentials.access_key_id()).push_back('/');
        a.append(b.scope).append(", SignedHeaders=").append(b.signed_headers);
        a.append(", Signature=").append(b.signature);
        b.token_added = has_token;
    } else {
        std::string& q = b.presigned_query;
        q.append(request.query);
        if (!q.empty()) q.push_back('&');
        q.append("X-Amz-Algorithm=").append(algorithm);
        q.append("&X-Amz-Credential=");
        detail::append_uri_encoded(q, b.credential, false);
        q.append("&X-Amz-Date=").append(b.amz_date);
        q.append("&X-Amz-SignedHeaders=");
        detail::append_uri_encoded(q, b.signed_headers, false);
        q.append("&X-Amz-Expires=").append(expires);
        if (has_token) {
            q.append("&X-Amz-Security-Token=");
            detail::append_uri_encoded(q, b.token, false);
        }
        q.append("&X-Amz-Signature=").append(b.signature);
    }
    return {};
}

Signer::Signer(std::size_t key_cache_capacity) : impl_(std::make_unique<Impl>(key_cache_capacity)) {}
Signer::~Signer() = default;

std::error_code Signer::sign(const Request& request, const aws::Credentials& credentials, const SigningConfig& config,
                             SignedRequest& out) const {
    if (!out.b_) out.b_ = std::make_unique<SignedRequest::Buffers>();
    return impl_->run(request, credentials, config, false, *out.b_);
}

std::error_code Signer::presign(const Request& request, const aws::Credentials& credentials,
                                const SigningConfig& config, SignedRequest& out) const {
    if (!out.b_) out.b_ = std::make_unique<SignedRequest::Buffers>();
    return impl_->run(request, credentials, config, true, *out.b_);
}

std::size_t Signer::cached_keys() const { return impl_->keys.size(); }
std::size_t Signer::key_derivations() const { return impl_->keys.derivations(); }
void Signer::clear_cache() { impl_->keys.clear(); }

Signer& default_signer() {
    static Signer signer;
    return signer;
}

std::optional<SignedRequest> sign(const Request& request, const aws::Credentials& credentials,
                                  const SigningConfig& config, std::error_code& ec) {
    SignedRequest out;
    ec = default_signer().sign(request, credentials, config, out);
    if (ec) return std::nullopt;
    return out;
}

std::string sha256_hex(std::string_view data) {
    detail::Digest digest;
    detail::sha256(data, digest);
    std::string out(64, '0');
    detail::to_hex(digest, out.data());
    return out;
}

}  // namespace mailwarden::sigv4
