// DKIM key records with real keys made by OpenSSL.
#include "auth/dkim/dkim_key.hpp"
#include "common/base64.hpp"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <doctest/doctest.h>

using namespace mailwarden::auth;

namespace {

// base64 of the DER SubjectPublicKeyInfo of a fresh RSA key of `bits`.
std::string rsa_public_key(unsigned bits) {
    EVP_PKEY* key = EVP_RSA_gen(bits);
    REQUIRE(key != nullptr);
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(key, &der);
    REQUIRE(n > 0);
    std::string out = mailwarden::common::base64_encode(std::string_view(reinterpret_cast<char*>(der), static_cast<std::size_t>(n)));
    OPENSSL_free(der);
    EVP_PKEY_free(key);
    return out;
}

}  // namespace

TEST_CASE("RSA keys: size read from the key itself") {
    DkimKeyError e;
    const auto k2048 = parse_dkim_key("v=DKIM1; k=rsa; p=" + rsa_public_key(2048), e);
    REQUIRE(k2048.has_value());
    CHECK(k2048->key_bits == 2048);
    CHECK_FALSE(k2048->revoked);
    CHECK_FALSE(k2048->testing);

    const auto k1024 = parse_dkim_key("p=" + rsa_public_key(1024) + "; t=y:s", e);
    REQUIRE(k1024.has_value());
    CHECK(k1024->key_bits == 1024);
    CHECK(k1024->testing);
    CHECK(k1024->strict_subdomains);
    CHECK(k1024->key_type == "rsa");

    // Folded across lines and with spaces, as DNS tools often publish it.
    std::string folded = rsa_public_key(2048);
    folded.insert(40, " \r\n\t");
    CHECK(parse_dkim_key("v=DKIM1;\r\n k=rsa;\r\n p=" + folded + ";", e).has_value());
}

TEST_CASE("revoked, ed25519, and broken records") {
    DkimKeyError e;
    const auto revoked = parse_dkim_key("v=DKIM1; k=rsa; p=", e);
    REQUIRE(revoked.has_value());
    CHECK(revoked->revoked);

    const std::string raw32(32, '\x11');
    const auto ed = parse_dkim_key("v=DKIM1; k=ed25519; p=" + mailwarden::common::base64_encode(raw32), e);
    REQUIRE(ed.has_value());
    CHECK(ed->key_bits == 256);

    const char* broken[] = {
        "v=DKIM1; k=rsa",                   // no p=
        "k=rsa; v=DKIM1; p=",               // v= not first
        "v=DKIM2; p=",                      // wrong version
        "v=DKIM1; p=@@@@",                  // not base64
        "v=DKIM1; p=QUJD",                  // base64, not a key
        "v=DKIM1; k=dsa; p=QUJD",           // unknown key type
        "v=DKIM1; p=; p=",                  // duplicate tag
        "v=DKIM1;; p=",                     // empty element
        "v=DKIM1; 1x=y; p=",                // bad tag name
        "v=DKIM1; k=ed25519; p=QUJD",       // wrong ed25519 length
    };
    for (const char* r : broken) {
        INFO(r);
        DkimKeyError err;
        CHECK_FALSE(parse_dkim_key(r, err).has_value());
        CHECK_FALSE(err.message.empty());
    }
}
