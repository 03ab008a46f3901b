// New DKIM keys and the records that publish them.
#include <mailwarden/dkim_sign.hpp>

#include "message/sign/key_record.hpp"
#include "message/sign/signing_key.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace mailwarden {

namespace md = message_detail;

Result<DkimKeyPair, Error> generate_dkim_key(DkimKeyType type, unsigned bits) {
    // 8192 bits already takes seconds to make and minutes of CPU per million signatures.
    if (type == DkimKeyType::rsa && (bits < md::min_signing_rsa_bits || bits > 8192))
        return unexpected(Error(errc::invalid_argument, "RSA DKIM keys have 1024 to 8192 bits, not " + std::to_string(bits)));
    const md::KeyHandle key(type == DkimKeyType::rsa ? EVP_RSA_gen(bits) : EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"),
                            EVP_PKEY_free);
    if (!key) return unexpected(Error(errc::internal, "OpenSSL could not make the key"));
    DkimKeyPair out;
    out.private_key_pem = md::private_key_pem(key.get());
    out.txt_record = md::key_record(key.get());
    out.txt_strings = md::character_strings(out.txt_record);
    return out;
}

std::string dkim_zone_line(std::string_view domain, std::string_view selector, const std::vector<std::string>& strings) {
    if (domain.ends_with('.')) domain.remove_suffix(1);
    std::string out = std::string(selector) + "._domainkey." + std::string(domain) + ". IN TXT";
    for (const auto& s : strings) {
        out += " \"";
        for (const char c : s) {
            if (c == '"' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
        out.push_back('"');
    }
    return out;
}

}  // namespace mailwarden
