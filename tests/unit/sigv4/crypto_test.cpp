// The hashing under SigV4: SHA-256 against the FIPS 180-2 examples, HMAC
// against the RFC 4231 vectors (short, long and over-long keys) and against
// OpenSSL's own HMAC() for every key and message length around the block
// boundaries.
#include "net/sigv4/crypto.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace detail = mailwarden::sigv4::detail;

namespace {

std::string hex(const detail::Digest& d) {
    std::string out(64, '?');
    detail::to_hex(d, out.data());
    return out;
}

std::string unhex(std::string_view h) {
    std::string out;
    for (std::size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<char>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
    return out;
}

std::span<const unsigned char> bytes(const std::string& s) {
    return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

std::string hmac_of(const std::string& key, const std::string& data) {
    detail::Digest d;
    detail::HmacKey(bytes(key)).mac(data, d);
    return hex(d);
}

}  // namespace

TEST_CASE("SHA-256: FIPS 180-2 examples") {
    detail::Digest d;
    detail::sha256("abc", d);
    CHECK(hex(d) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    detail::sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", d);
    CHECK(hex(d) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    detail::sha256(std::string(1'000'000, 'a'), d);
    CHECK(hex(d) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("HMAC-SHA256: RFC 4231 test cases") {
    CHECK(hmac_of(std::string(20, '\x0b'), "Hi There") ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(hmac_of("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(hmac_of(std::string(20, '\xaa'), std::string(50, '\xdd')) ==
          "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    CHECK(hmac_of(unhex("0102030405060708090a0b0c0d0e0f10111213141516171819"), std::string(50, '\xcd')) ==
          "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    // Case 5 truncates the output to 128 bits.
    CHECK(hmac_of(std::string(20, '\x0c'), "Test With Truncation").substr(0, 32) == "a3b6167473100ee06e0c796c2955552b");
    // Keys longer than the block are hashed first.
    CHECK(hmac_of(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First") ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    CHECK(hmac_of(std::string(131, '\xaa'),
                  "This is a test using a larger than block-size key and a larger than block-size data. The key needs "
                  "to be hashed before being used by the HMAC algorithm.") ==
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST_CASE("HMAC-SHA256: same as OpenSSL's HMAC() around the block boundaries") {
    std::string key;
    std::string data;
    for (const std::size_t key_size : {0UL, 1UL, 31UL, 32UL, 33UL, 63UL, 64UL, 65UL, 127UL, 128UL, 129UL, 300UL}) {
        key.assign(key_size, '\0');
        for (std::size_t i = 0; i < key_size; ++i) key[i] = static_cast<char>((i * 131 + 7) & 0xff);
        const detail::HmacKey keyed(bytes(key));
        for (std::size_t data_size = 0; data_size <= 200; ++data_size) {
            data.assign(data_size, '\0');
            for (std::size_t i = 0; i < data_size; ++i) data[i] = static_cast<char>((i * 17 + key_size) & 0xff);
            unsigned char expected[32];
            unsigned int n = 0;
            HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes(data).data(), data.size(), expected,
                 &n);
            detail::Digest ours;
            keyed.mac(data, ours);
            INFO("key ", key_size, " data ", data_size);
            REQUIRE(n == 32);
            CHECK(std::equal(ours.begin(), ours.end(), expected));
            detail::hmac_sha256(bytes(key), data, ours);
            CHECK(std::equal(ours.begin(), ours.end(), expected));
        }
    }
}

TEST_CASE("an HmacKey copy MACs like the original") {
    const std::string key = "signing key";
    const detail::HmacKey original(bytes(key));
    detail::HmacKey copy;
    copy = original;
    detail::Digest a;
    detail::Digest b;
    original.mac("message", a);
    copy.mac("message", b);
    CHECK(a == b);
    CHECK(hex(a) == hmac_of(key, "message"));
}
