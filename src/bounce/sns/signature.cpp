#include "bounce/sns/signature.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <limits>

namespace mailwarden::sns_detail {

Result<PublicKey, Error> public_key_from_pem(std::string_view pem) {
    auto fail = [] { return unexpected(Error(errc::parse, "the SNS signing certificate is not a PEM X.509 certificate")); };
    if (pem.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return fail();
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                         &BIO_free);
    if (!bio) return fail();
    const std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                           &X509_free);
    if (!cert) return fail();
    EVP_PKEY* key = X509_get_pubkey(cert.get());
    if (key == nullptr) return fail();
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
        EVP_PKEY_free(key);
        return unexpected(Error(errc::parse, "the SNS signing certificate does not hold an RSA key"));
    }
    PublicKey out;
    out.key_ = std::shared_ptr<void>(key, [](void* k) { EVP_PKEY_free(static_cast<EVP_PKEY*>(k)); });
    return out;
}

bool PublicKey::verify(std::string_view version, std::string_view text, std::string_view signature) const noexcept {
    if (!key_) return false;
    const char* digest = version == "1" ? "SHA1" : version == "2" ? "SHA256" : nullptr;
    if (digest == nullptr) return false;
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx) return false;
    // RSA's default padding is PKCS #1 v1.5, which SNS uses.
    if (EVP_DigestVerifyInit_ex(ctx.get(), nullptr, digest, nullptr, nullptr, static_cast<EVP_PKEY*>(key_.get()),
                                nullptr) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char*>(text.data()), text.size()) == 1;
}

}  // namespace mailwarden::sns_detail
