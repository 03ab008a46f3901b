// Signing keys kept as <folder>/<domain>/<selector>.pem, and which of them
// may sign mail from a given From domain.
#include <mailwarden/dkim_sign.hpp>

#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace mailwarden;
namespace fs = std::filesystem;

namespace {

std::string new_pem(DkimKeyType type = DkimKeyType::rsa) {
    auto key = generate_dkim_key(type, 1024);
    REQUIRE(key);
    return key->private_key_pem;
}

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> names(const std::vector<DkimSigner>& signers) {
    std::vector<std::string> out;
    for (const auto& s : signers) out.push_back(s.selector() + "._domainkey." + s.domain() + " " + std::string(s.algorithm()));
    return out;
}

}  // namespace

TEST_CASE("a folder's keys load sorted by domain and selector; other files are ignored") {
    TempDir dir;
    const fs::path root = dir.path() / "dkim";
    write(root / "example.org" / "s2026.pem", new_pem());
    write(root / "example.org" / "ed.PEM", new_pem(DkimKeyType::ed25519));
    write(root / "example.org" / "s2026.txt", "s2026._domainkey.example.org. IN TXT \"v=DKIM1; ...\"");
    write(root / "a.example" / "k1.pem", new_pem());
    write(root / "stray.pem", new_pem());  // not under a domain folder
    const auto signers = load_dkim_keys(root.string());
    REQUIRE(signers);
    CHECK(names(*signers) == std::vector<std::string>{"k1._domainkey.a.example rsa-sha256",
                                                      "ed._domainkey.example.org ed25519-sha256",
                                                      "s2026._domainkey.example.org rsa-sha256"});
}

TEST_CASE("a folder that does not exist holds no keys") {
    TempDir dir;
    const auto signers = load_dkim_keys((dir.path() / "none").string());
    REQUIRE(signers);
    CHECK(signers->empty());
}

TEST_CASE("a .pem that is not a key, or a name DKIM cannot carry, is an error naming the file") {
    TempDir dir;
    const fs::path root = dir.path() / "dkim";
    write(root / "example.org" / "bad.pem", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    auto signers = load_dkim_keys(root.string());
    REQUIRE_FALSE(signers);
    CHECK(signers.error().kind() == errc::invalid_argument);
    CHECK(signers.error().message.find("bad.pem") != std::string::npos);

    fs::remove(root / "example.org" / "bad.pem");
    write(root / "example.org" / "no;pe.pem", new_pem());
    signers = load_dkim_keys(root.string());
    REQUIRE_FALSE(signers);
    CHECK(signers.error().message.find("no;pe.pem") != std::string::npos);
}

TEST_CASE("the signers for a From domain are its own and its parents', most specific first") {
    const std::string pem = new_pem();
    const auto make = [&](const std::string& domain, const std::string& selector) {
        auto s = DkimSigner::create(pem, domain, selector);
        REQUIRE(s);
        return *s;
    };
    const std::vector<DkimSigner> all{make("example.org", "a"), make("mail.example.org", "b"),
                                      make("badexample.org", "c"), make("x.mail.example.org", "d"), make("example.org", "e")};
    CHECK(names(dkim_signers_for(all, "mail.Example.ORG.")) ==
          std::vector<std::string>{"b._domainkey.mail.example.org rsa-sha256", "a._domainkey.example.org rsa-sha256",
                                   "e._domainkey.example.org rsa-sha256"});
    CHECK(names(dkim_signers_for(all, "example.org")).size() == 2);  // not a child's key
    CHECK(dkim_signers_for(all, "example.com").empty());
    CHECK(dkim_signers_for(all, "").empty());
}
