// DKIM key generation: the record parses with the domain report's key
// parser, splits at 255 bytes, and the private key signs what it verifies.
#include <mailwarden/dkim_sign.hpp>

#include "auth/dkim/dkim_key.hpp"
#include "message/sign/key_record.hpp"

#include <doctest/doctest.h>

using mailwarden::DkimKeyType;
using mailwarden::errc;

namespace {

std::string joined(const std::vector<std::string>& strings) {
    std::string out;
    for (const auto& s : strings) out += s;
    return out;
}

}  // namespace

TEST_CASE("an RSA key: 2048 bits by default, the record parses, split at 255 bytes") {
    auto key = mailwarden::generate_dkim_key(DkimKeyType::rsa);
    REQUIRE(key.has_value());
    CHECK(key->private_key_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    CHECK(key->txt_record.starts_with("v=DKIM1; k=rsa; p=MII"));
    mailwarden::auth::DkimKeyError error;
    const auto parsed = mailwarden::auth::parse_dkim_key(key->txt_record, error);
    REQUIRE(parsed.has_value());
    CHECK(parsed->key_type == "rsa");
    CHECK(parsed->key_bits == 2048);

    REQUIRE(key->txt_strings.size() == 2);  // 410 bytes
    CHECK(key->txt_strings[0].size() == 255);
    CHECK(joined(key->txt_strings) == key->txt_record);

    auto signer = mailwarden::DkimSigner::create(key->private_key_pem, "example.com", "s1");
    REQUIRE(signer.has_value());
    CHECK(signer->txt_record() == key->txt_record);
}

TEST_CASE("an Ed25519 key fits one string") {
    auto key = mailwarden::generate_dkim_key(DkimKeyType::ed25519, 0);
    REQUIRE(key.has_value());
    mailwarden::auth::DkimKeyError error;
    const auto parsed = mailwarden::auth::parse_dkim_key(key->txt_record, error);
    REQUIRE(parsed.has_value());
    CHECK(parsed->key_type == "ed25519");
    CHECK(key->txt_strings == std::vector<std::string>{key->txt_record});
}

TEST_CASE("RSA sizes: 1024 to 8192") {
    auto k1024 = mailwarden::generate_dkim_key(DkimKeyType::rsa, 1024);
    REQUIRE(k1024.has_value());
    mailwarden::auth::DkimKeyError error;
    CHECK(mailwarden::auth::parse_dkim_key(k1024->txt_record, error)->key_bits == 1024);
    CHECK(mailwarden::generate_dkim_key(DkimKeyType::rsa, 512).error().kind() == errc::invalid_argument);
    CHECK(mailwarden::generate_dkim_key(DkimKeyType::rsa, 16384).error().kind() == errc::invalid_argument);
}

TEST_CASE("character strings of at most 255 bytes, joined back unchanged") {
    const std::string text(600, 'a');
    const auto strings = mailwarden::message_detail::character_strings(text);
    REQUIRE(strings.size() == 3);
    CHECK(strings[0].size() == 255);
    CHECK(strings[1].size() == 255);
    CHECK(strings[2].size() == 90);
    CHECK(mailwarden::message_detail::character_strings(std::string(255, 'b')).size() == 1);
    CHECK(mailwarden::message_detail::character_strings("").empty());
}

TEST_CASE("the zone line") {
    CHECK(mailwarden::dkim_zone_line("example.org.", "s1", {"v=DKIM1; k=rsa; p=AB", "CD"}) ==
          "s1._domainkey.example.org. IN TXT \"v=DKIM1; k=rsa; p=AB\" \"CD\"");
    CHECK(mailwarden::dkim_zone_line("example.org", "s1", {"a\"b\\c"}) == "s1._domainkey.example.org. IN TXT \"a\\\"b\\\\c\"");
}
