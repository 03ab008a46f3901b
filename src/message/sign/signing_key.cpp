#include "message/sign/signing_key.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <new>

namespace mailwarden::message_detail {

namespace {

// Without a callback OpenSSL asks on the terminal for an encrypted key's passphrase.
int no_passphrase(char*, int, int, void*) { return -1; }

}  // namespace

Result<SigningKey, Error> read_signing_key(std::string_view pem) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    if (!bio) throw std::bad_alloc();
    KeyHandle key(PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr), EVP_PKEY_free);
    if (!key) return unexpected(Error(errc::invalid_argument, "not an unencrypted PEM private key"));
    SigningKey out{key, DkimAlgorithm::rsa_sha256, static_cast<unsigned>(EVP_PKEY_get_bits(key.get()))};
    switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_ED25519:
        out.algorithm = DkimAlgorithm::ed25519_sha256;
        return out;
    case EVP_PKEY_RSA:
        if (out.bits < min_signing_rsa_bits)
            return unexpected(Error(errc::invalid_argument, "the RSA key has " + std::to_string(out.bits) +
                                                                " bits; DKIM needs 1024 at least (RFC 8301)"));
        return out;
    default:
        return unexpected(Error(errc::invalid_argument, "DKIM signs with RSA or Ed25519 keys only"));
    }
}

std::string private_key_pem(EVP_PKEY* key) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) throw std::bad_alloc();
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace mailwarden::message_detail
