// One signature field of a message checked in RFC 6376 6.1's order: tags,
// x=/t=, the key, the body hash, the signature, then local policy. DKIM
// signatures and ARC's (RFC 8617: the message signature and the seal) go
// through the same steps, so both verifiers use this.
#pragma once

#include "message/dkim/key_cache.hpp"
#include "message/dkim/key_lookup.hpp"
#include "message/dkim/message_fields.hpp"
#include "message/dkim/signature.hpp"
#include "message/dkim/verifier.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace mailwarden::message_detail {

class BodyHashes;

/// Verifies signature fields of one message; body hashes are shared
/// between the signatures checked through one instance.
class SignatureVerification {
public:
    /// What b= signs, built once the signature parsed and its body hash held.
    using SignedInput = std::function<std::string(std::size_t field, const DkimSignature& signature)>;

    SignatureVerification(const RawMessage& message, const TxtLookup& lookup, const DkimVerifyOptions& options,
                          KeyCache& keys, std::int64_t now);
    ~SignatureVerification();

    /// The signature in `message.fields[field]`, read as `kind`. An
    /// `over_limit` one is only reported. `signed_input` defaults to the
    /// h= fields and the field itself (header_hash_input); seals have no body hash.
    DkimSignatureResult run(std::size_t field, SignatureKind kind = SignatureKind::dkim, bool over_limit = false,
                            const SignedInput& signed_input = {});

private:
    void report_tags(DkimSignatureResult& out) const;
    std::optional<SignatureProblem> check_times() const;
    std::optional<SignatureProblem> check_body(DkimSignatureResult& out);
    DkimSignatureResult finish(DkimSignatureResult& out, SignatureProblem problem);

    const RawMessage& message_;
    const TxtLookup& lookup_;
    const DkimVerifyOptions& options_;
    KeyCache& keys_;
    std::int64_t now_;
    std::unique_ptr<BodyHashes> bodies_;
    DkimSignature signature_;
};

}  // namespace mailwarden::message_detail
