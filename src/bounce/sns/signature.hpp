// RSA signature checks for SNS through OpenSSL: the public key of a PEM
// certificate, and EVP_DigestVerify with SHA-1 (SignatureVersion 1) or
// SHA-256 (SignatureVersion 2), PKCS #1 v1.5 padding.
#pragma once

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <memory>
#include <string_view>

namespace mailwarden::sns_detail {

/// A certificate's public key (an EVP_PKEY underneath), shared between
/// threads: verifying does not modify it.
class PublicKey {
public:
    bool verify(std::string_view signature_version, std::string_view signed_text,
                std::string_view signature) const noexcept;

private:
    friend Result<PublicKey, Error> public_key_from_pem(std::string_view pem);
    std::shared_ptr<void> key_;
};

/// The RSA public key of the first certificate in `pem`; errc::parse when
/// there is none.
Result<PublicKey, Error> public_key_from_pem(std::string_view pem);

}  // namespace mailwarden::sns_detail
