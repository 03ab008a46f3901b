#include "message/sign/key_record.hpp"

#include "common/base64.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <new>

namespace mailwarden::message_detail {

std::string public_key_text(EVP_PKEY* key) {
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519) {
        std::string raw(32, '\0');
        std::size_t n = raw.size();
        if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &n) != 1) throw std::bad_alloc();
        raw.resize(n);
        return common::base64_encode(raw);
    }
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(key, &der);
    if (n <= 0) throw std::bad_alloc();
    std::string out = common::base64_encode(std::string_view(reinterpret_cast<char*>(der), static_cast<std::size_t>(n)));
    OPENSSL_free(der);
    return out;
}

std::string key_record(EVP_PKEY* key, std::string_view extra_tags) {
    const bool ed25519 = EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519;
    std::string out = ed25519 ? "v=DKIM1; k=ed25519; " : "v=DKIM1; k=rsa; ";
    out.append(extra_tags);
    return out + "p=" + public_key_text(key);
}

std::vector<std::string> character_strings(std::string_view text, std::size_t max) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size(); i += max) out.emplace_back(text.substr(i, max));
    return out;
}

}  // namespace mailwarden::message_detail
