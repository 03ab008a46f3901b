// The order of the checks matters: everything that can be decided from the
// message alone (envelope, version, SigningCertURL, topic) comes before the
// certificate source is asked, so a forged message never causes a fetch.
#include "bounce/sns/rejection.hpp"
#include "bounce/sns/signature.hpp"
#include "common/base64.hpp"

#include <algorithm>
#include <map>

namespace mailwarden::sns {

namespace {

using sns_detail::reject;

// Certificates rotate rarely; a handful of keys covers every region in use.
constexpr std::size_t max_cached_keys = 32;

}  // namespace

struct Verifier::State {
    std::shared_ptr<CertificateSource> certificates;
    SnsPolicy policy;
    mutable std::mutex mutex;
    mutable std::map<std::string, sns_detail::PublicKey, std::less<>> keys;

    Result<sns_detail::PublicKey, Error> key_for(std::string_view url) const {
        {
            const std::lock_guard lock(mutex);
            if (const auto it = keys.find(url); it != keys.end()) return it->second;
        }
        // Outside the lock: the source may take its time (a fetch).
        auto pem = certificates->certificate_pem(url);
        if (!pem) return unexpected(std::move(pem).error());
        auto key = sns_detail::public_key_from_pem(*pem);
        if (!key) return key;
        const std::lock_guard lock(mutex);
        if (keys.size() >= max_cached_keys) keys.clear();
        keys.insert_or_assign(std::string(url), *key);
        return key;
    }
};

Verifier::Verifier(std::shared_ptr<CertificateSource> certificates, SnsPolicy policy)
    : state_(std::make_unique<State>()) {
    state_->certificates = std::move(certificates);
    state_->policy = std::move(policy);
}

Verifier::~Verifier() = default;

const SnsPolicy& Verifier::policy() const noexcept { return state_->policy; }

Result<Envelope, Error> Verifier::verify(std::string_view body) const {
    auto parsed = parse_envelope(body);
    if (!parsed) {
        if (state_->policy.trusted_raw_channel && rejection_of(parsed.error()) == Rejection::not_an_envelope) {
            Envelope raw;
            raw.type = MessageType::raw;
            raw.message = std::string(body);
            return raw;
        }
        return parsed;
    }
    Envelope& e = *parsed;
    if (auto url = check_signing_cert_url(e.signing_cert_url); !url) return unexpected(std::move(url).error());
    const auto& topics = state_->policy.allowed_topic_arns;
    if (!topics.empty() && std::find(topics.begin(), topics.end(), e.topic_arn) == topics.end())
        return unexpected(reject(Rejection::topic_not_allowed, "TopicArn " + e.topic_arn + " is not allowed"));
    const auto signature = common::base64_decode(e.signature);
    if (!signature || signature->empty())
        return unexpected(reject(Rejection::bad_signature, "the SNS Signature is not base64"));
    if (!state_->certificates)
        return unexpected(Error(errc::invalid_argument, "the SNS verifier has no certificate source"));
    auto key = state_->key_for(e.signing_cert_url);
    if (!key) return unexpected(std::move(key).error());
    if (!key->verify(e.signature_version, string_to_sign(e), *signature))
        return unexpected(reject(Rejection::bad_signature, "the SNS signature does not verify with the certificate at " +
                                                               e.signing_cert_url));
    return parsed;
}

}  // namespace mailwarden::sns
