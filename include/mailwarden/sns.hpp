// Amazon SNS HTTP deliveries: the JSON envelope SNS POSTs to an endpoint
// (Notification, SubscriptionConfirmation, UnsubscribeConfirmation), its
// signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) and the
// checks made before any certificate is fetched. Pure code: the signing
// certificate comes from a CertificateSource the host supplies.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailwarden::sns {

/// Why a delivery was refused. Each is a code in the "mailwarden.sns"
/// category; its kind (Error::kind()) is errc::auth for the first, third and
/// fourth (the message is not to be trusted), errc::parse for the others
/// (the message is not one this version can check).
enum class Rejection : int {
    bad_signature = 1,    ///< the signature does not verify, or is not base64
    unsupported_version,  ///< SignatureVersion is neither "1" nor "2"
    bad_cert_url,         ///< SigningCertURL is not https://sns.<region>.amazonaws.com[.cn]/....pem
    topic_not_allowed,    ///< TopicArn is not on the allow-list
    missing_field,        ///< a field the type signs (or the signature itself) is absent or not a string
    not_an_envelope,      ///< not a JSON object with a known Type (raw delivery on an untrusted channel)
};

/// The "mailwarden.sns" category.
MAILWARDEN_EXPORT const std::error_category& error_category() noexcept;
inline std::error_code make_error_code(Rejection r) noexcept { return {static_cast<int>(r), error_category()}; }

/// "bad_signature", "unsupported_version" ... as mwctl prints them.
MAILWARDEN_EXPORT std::string_view to_string(Rejection r) noexcept;
/// The rejection an Error carries; nullopt when the Error is another
/// failure (the certificate source's, for instance).
MAILWARDEN_EXPORT std::optional<Rejection> rejection_of(const Error& e) noexcept;

enum class MessageType : int {
    notification = 0,
    subscription_confirmation,
    unsubscribe_confirmation,
    raw,  ///< raw message delivery: no envelope, nothing signed (trusted channels only)
};

/// "Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation", "raw".
MAILWARDEN_EXPORT std::string_view to_string(MessageType t) noexcept;

/// One SNS delivery, as parsed. For a raw delivery only `message` is set.
struct MAILWARDEN_EXPORT Envelope {
    MessageType type = MessageType::notification;
    std::string message_id;  ///< SNS MessageId: the idempotency key of the delivery
    std::string topic_arn;
    std::string subject;
    bool has_subject = false;  ///< Subject is signed only when the key is present
    std::string message;       ///< the payload (for SES: its JSON document)
    std::string timestamp;
    std::string signature_version;  ///< "1" or "2"
    std::string signature;          ///< base64, as sent
    std::string signing_cert_url;   ///< SigningCertURL, or Lambda's SigningCertUrl
    std::string subscribe_url;      ///< confirmations only
    std::string unsubscribe_url;    ///< notifications (Lambda: UnsubscribeUrl)
    std::string token;              ///< confirmations only
};

/// Parses a delivery without checking its signature: the type's fields must
/// be present (missing_field), SignatureVersion must be 1 or 2
/// (unsupported_version), anything else is not_an_envelope. Unknown keys,
/// MessageAttributes among them, are ignored.
MAILWARDEN_EXPORT Result<Envelope, Error> parse_envelope(std::string_view body);

/// The exact text SNS signs for the envelope's type: "Key\nvalue\n" for each
/// signed key in byte order of the key names; Subject only when present.
MAILWARDEN_EXPORT std::string string_to_sign(const Envelope& envelope);

/// The SigningCertURL policy, checked before anything is fetched: scheme
/// https, no userinfo, no port, host exactly sns.<region>.amazonaws.com (or
/// sns.cn-<...>.amazonaws.com.cn), a path ending in ".pem", no query or
/// fragment. Fails with Rejection::bad_cert_url.
MAILWARDEN_EXPORT Result<Done, Error> check_signing_cert_url(std::string_view url);

/// The same host rule for a SubscribeURL or UnsubscribeURL, which carry a
/// query and no .pem path; to be called before a confirmation is visited.
MAILWARDEN_EXPORT Result<Done, Error> check_sns_url(std::string_view url);

/// Where signing certificates come from: the host's cache, a file, or (in a
/// later step) the project's HTTP client. Only called with URLs that passed
/// check_signing_cert_url. Implementations must be safe to call from any
/// thread that calls Verifier::verify.
class MAILWARDEN_EXPORT CertificateSource {
public:
    virtual ~CertificateSource();
    /// The PEM text of the certificate at `url`, or an error (errc::not_found
    /// when the source does not have it).
    virtual Result<std::string, Error> certificate_pem(std::string_view url) = 0;
};

/// Certificates the host already has, keyed by URL. Thread-safe.
class MAILWARDEN_EXPORT CertificateCache final : public CertificateSource {
public:
    void add(std::string url, std::string pem);
    Result<std::string, Error> certificate_pem(std::string_view url) override;

private:
    std::mutex mutex_;
    std::map<std::string, std::string, std::less<>> pems_;
};

/// What a Verifier accepts besides a good signature.
struct SnsPolicy {
    /// TopicArns accepted, compared exactly; empty accepts every topic.
    std::vector<std::string> allowed_topic_arns;
    /// Accept a body that is not an envelope as a raw message delivery. Only
    /// for channels the host trusts (an authenticated SQS queue): nothing in
    /// a raw delivery is signed.
    bool trusted_raw_channel = false;
};

/// Checks SNS deliveries: envelope, version, SigningCertURL, topic, then the
/// signature with the certificate from the source. Keeps the public keys of
/// the certificates it has used (by URL). verify() may be called from any
/// number of threads at once.
class MAILWARDEN_EXPORT Verifier {
public:
    Verifier(std::shared_ptr<CertificateSource> certificates, SnsPolicy policy);
    ~Verifier();
    Verifier(const Verifier&) = delete;
    Verifier& operator=(const Verifier&) = delete;

    /// The envelope when every check passes; otherwise an Error whose code
    /// is a Rejection (rejection_of()), or the certificate source's error.
    Result<Envelope, Error> verify(std::string_view body) const;

    const SnsPolicy& policy() const noexcept;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace mailwarden::sns

template <>
struct std::is_error_code_enum<mailwarden::sns::Rejection> : std::true_type {};
