#include "auth/dkim/dkim_key.hpp"

#include "auth/tag_list.hpp"
#include "common/base64.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace mailwarden::auth {

namespace {

std::vector<std::string> split_colon_list(std::string_view v) {
    std::vector<std::string> out;
    for (const std::string_view item : split_list(v))
        if (!item.empty()) out.emplace_back(item);
    return out;
}

struct PkeyFree {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};

}  // namespace

std::optional<DkimKey> parse_dkim_key(std::string_view record, DkimKeyError& error) {
    TagListError tag_error;
    const auto tags = parse_tag_list(record, tag_error);
    if (!tags) {
        error.message = tag_error.message;
        return std::nullopt;
    }
    DkimKey key;
    if (const Tag* v = find_tag(*tags, "v")) {
        if (&tags->front() != v || v->value != "DKIM1") {
            error.message = "v= must come first and be DKIM1";
            return std::nullopt;
        }
    }
    if (const Tag* k = find_tag(*tags, "k")) key.key_type = k->value;
    if (const Tag* h = find_tag(*tags, "h")) key.hash_algorithms = split_colon_list(h->value);
    if (const Tag* s = find_tag(*tags, "s")) key.services = split_colon_list(s->value);
    if (const Tag* t = find_tag(*tags, "t")) {
        for (const auto& flag : split_colon_list(t->value)) {
            if (flag == "y") key.testing = true;
            if (flag == "s") key.strict_subdomains = true;
        }
    }
    const Tag* p = find_tag(*tags, "p");
    if (p == nullptr) {
        error.message = "the record has no p= (public key) tag";
        return std::nullopt;
    }
    const std::string encoded = remove_whitespace(p->value);
    if (encoded.empty()) {
        key.revoked = true;
        return key;
    }
    const auto der = common::base64_decode(encoded);
    if (!der) {
        error.message = "p= is not valid base64";
        return std::nullopt;
    }
    if (key.key_type == "ed25519") {
        if (der->size() != 32) {
            error.message = "an ed25519 key must be 32 bytes, this one has " + std::to_string(der->size());
            return std::nullopt;
        }
        const auto* raw = reinterpret_cast<const unsigned char*>(der->data());
        key.public_key.reset(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw, der->size()), PkeyFree{});
        if (!key.public_key) {
            error.message = "p= does not hold an ed25519 public key";
            return std::nullopt;
        }
        key.key_bits = 256;
        return key;
    }
    if (key.key_type != "rsa") {
        error.message = "unknown key type k=" + key.key_type;
        return std::nullopt;
    }
    const auto* bytes = reinterpret_cast<const unsigned char*>(der->data());
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey(d2i_PUBKEY(nullptr, &bytes, static_cast<long>(der->size())));
    if (!pkey || EVP_PKEY_base_id(pkey.get()) != EVP_PKEY_RSA) {
        // Some publishers put a bare RSAPublicKey (PKCS#1) in p=; accept it too.
        bytes = reinterpret_cast<const unsigned char*>(der->data());
        pkey.reset(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &bytes, static_cast<long>(der->size())));
        if (!pkey) {
            error.message = "p= does not hold an RSA public key";
            return std::nullopt;
        }
    }
    key.key_bits = static_cast<unsigned>(EVP_PKEY_get_bits(pkey.get()));
    key.public_key.reset(pkey.release(), PkeyFree{});
    return key;
}

}  // namespace mailwarden::auth
