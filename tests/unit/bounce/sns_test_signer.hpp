// Signs SNS envelopes as SNS would, with a throw-away RSA key and a
// self-signed certificate made at first use: for confirmations, Subjects and
// payloads the real AWS-signed vectors do not have.
#pragma once

#include <mailwarden/sns.hpp>

#include <boost/json.hpp>
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "common/base64.hpp"

#include <string>

namespace sns_test {

namespace sns = mailwarden::sns;
namespace json = boost::json;

inline constexpr const char* url = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem";

struct Signer {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    std::string pem;

    Signer() {
        X509* cert = X509_new();
        X509_set_version(cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert), 0);
        X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
        X509_set_pubkey(cert, key);
        X509_NAME* name = X509_get_subject_name(cert);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sns.amazonaws.com"),
                                   -1, -1, 0);
        X509_set_issuer_name(cert, name);
        X509_sign(cert, key, EVP_sha256());
        BIO* bio = BIO_new(BIO_s_mem());
        PEM_write_bio_X509(bio, cert);
        char* data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        pem.assign(data, static_cast<std::size_t>(n));
        BIO_free(bio);
        X509_free(cert);
    }
    ~Signer() { EVP_PKEY_free(key); }
    Signer(const Signer&) = delete;
    Signer& operator=(const Signer&) = delete;

    std::string sign(const std::string& text, const char* digest) const {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        EVP_DigestSignInit_ex(ctx, nullptr, digest, nullptr, nullptr, key, nullptr);
        std::size_t n = 0;
        EVP_DigestSign(ctx, nullptr, &n, reinterpret_cast<const unsigned char*>(text.data()), text.size());
        std::string sig(n, '\0');
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &n,
                       reinterpret_cast<const unsigned char*>(text.data()), text.size());
        EVP_MD_CTX_free(ctx);
        sig.resize(n);
        return mailwarden::common::base64_encode(sig);
    }
};

inline const Signer& signer() {
    static const Signer s;
    return s;
}

// Signs `o` as SNS would (through the library's own string to sign, which
// the real vectors pin down) and returns the body.
inline std::string signed_body(json::object o, const char* version) {
    o["SignatureVersion"] = version;
    o["SigningCertURL"] = url;
    o["Signature"] = "AAAA";  // parse_envelope wants one; replaced below
    const auto parsed = sns::parse_envelope(json::serialize(o));
    REQUIRE_MESSAGE(parsed.has_value(), parsed.error().describe());
    o["Signature"] = signer().sign(sns::string_to_sign(*parsed), std::string(version) == "1" ? "SHA1" : "SHA256");
    return json::serialize(o);
}

}  // namespace sns_test
