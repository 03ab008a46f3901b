// The cross-check's side of mailwarden: verifies messages with the DKIM
// verifier and signs them with the unit tests' signer.
//
//   dkim_driver verify KEYS_FILE MESSAGE...
//       KEYS_FILE: lines "<name>\t<TXT record>". Prints, per signature of
//       each message, "<file>\t<result>\t<reason>"; "<file>\tnone\tnone"
//       for a message without one.
//   dkim_driver arc KEYS_FILE MESSAGE...
//       Prints, per message, "<file>\t<cv>\t<reason>\t<oldest-pass>".
//   dkim_driver sign KEY_PEM ALGORITHM HEADER_C/BODY_C DOMAIN SELECTOR H LENGTH IN OUT
//       LENGTH is "-" (no l=) or "body" (l= the whole canonical body).
//   dkim_driver sign-production KEY_PEM HEADER_C/BODY_C DOMAIN SELECTOR IN OUT
//       signs with DkimSigner and its defaults.
#include <mailwarden/dkim_sign.hpp>

#include "message/arc/arc_verifier.hpp"
#include "message/dkim/verifier.hpp"

#include "unit/message/dkim_test_signer.hpp"
#include "support/memory_resolver.hpp"

#include <openssl/pem.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace md = mailwarden::message_detail;

namespace {

std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot read ") + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The keys file: lines "<name>\t<TXT record>".
md::TxtLookup keys_from(const char* path) {
    auto dns = std::make_shared<test_support::MemoryResolver>();
    std::istringstream keys(read_file(path));
    for (std::string line; std::getline(keys, line);) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos) dns->txt(line.substr(0, tab), line.substr(tab + 1));
    }
    return md::resolver_lookup(dns);
}

int verify(int argc, char** argv) {
    const md::TxtLookup lookup = keys_from(argv[2]);
    for (int i = 3; i < argc; ++i) {
        const auto results = md::verify_dkim(read_file(argv[i]), lookup);
        if (results.empty()) std::cout << argv[i] << "\tnone\tnone\n";
        for (const auto& r : results)
            std::cout << argv[i] << '\t' << md::to_string(r.result) << '\t' << md::to_string(r.reason) << '\n';
    }
    return 0;
}

int arc(int argc, char** argv) {
    const md::TxtLookup lookup = keys_from(argv[2]);
    for (int i = 3; i < argc; ++i) {
        const std::string message = read_file(argv[i]);
        const auto v = md::verify_arc(md::split_message(message), lookup);
        std::cout << argv[i] << '\t' << md::to_string(v.cv) << '\t' << md::to_string(v.reason) << '\t' << v.oldest_pass << '\n';
    }
    return 0;
}

md::Canonicalization canonicalization(std::string_view name) {
    return name == "simple" ? md::Canonicalization::simple : md::Canonicalization::relaxed;
}

int sign(char** argv) {
    std::FILE* pem = std::fopen(argv[2], "r");
    if (pem == nullptr) throw std::runtime_error(std::string("cannot read ") + argv[2]);
    const dkim_test::KeyPtr key(PEM_read_PrivateKey(pem, nullptr, nullptr, nullptr), EVP_PKEY_free);
    std::fclose(pem);
    if (!key) throw std::runtime_error("not a PEM private key");
    dkim_test::SignRequest r;
    r.key = key.get();
    const std::string_view algorithm = argv[3];
    r.algorithm = algorithm == "ed25519-sha256" ? md::DkimAlgorithm::ed25519_sha256
                  : algorithm == "rsa-sha1"     ? md::DkimAlgorithm::rsa_sha1
                                                : md::DkimAlgorithm::rsa_sha256;
    const std::string_view c = argv[4];
    r.header_canonicalization = canonicalization(c.substr(0, c.find('/')));
    r.body_canonicalization = canonicalization(c.substr(c.find('/') + 1));
    r.domain = argv[5];
    r.selector = argv[6];
    r.headers = argv[7];
    const std::string message = read_file(argv[9]);
    if (std::string_view(argv[8]) == "body") {
        const auto body = md::hash_body(md::split_message(message).body, r.body_canonicalization, r.algorithm, std::nullopt, UINT64_MAX);
        r.length = body.canonical_length;
    }
    std::ofstream(argv[10], std::ios::binary) << dkim_test::sign(message, r);
    return 0;
}

mailwarden::DkimCanonicalization production_canonicalization(std::string_view name) {
    return name == "simple" ? mailwarden::DkimCanonicalization::simple : mailwarden::DkimCanonicalization::relaxed;
}

int sign_production(char** argv) {
    const std::string_view c = argv[3];
    mailwarden::DkimSignOptions options;
    options.header_canonicalization = production_canonicalization(c.substr(0, c.find('/')));
    options.body_canonicalization = production_canonicalization(c.substr(c.find('/') + 1));
    auto signer = mailwarden::DkimSigner::create(read_file(argv[2]), argv[4], argv[5], options);
    if (!signer) throw std::runtime_error(signer.error().describe());
    auto signed_message = signer->sign_message(read_file(argv[6]));
    if (!signed_message) throw std::runtime_error(signed_message.error().describe());
    std::ofstream(argv[7], std::ios::binary) << *signed_message;
    return 0;
}

}  // namespace

int main(int argc, char** argv) try {
    const std::string_view command = argc > 1 ? argv[1] : "";
    if (command == "verify" && argc >= 3) return verify(argc, argv);
    if (command == "arc" && argc >= 3) return arc(argc, argv);
    if (command == "sign" && argc == 11) return sign(argv);
    if (command == "sign-production" && argc == 8) return sign_production(argv);
    std::cerr << "usage: dkim_driver verify KEYS MESSAGE... | arc KEYS MESSAGE... | sign KEY_PEM ALGORITHM C DOMAIN SELECTOR H LENGTH IN OUT\n";
    return 2;
} catch (const std::exception& e) {
    std::cerr << "dkim_driver: " << e.what() << '\n';
    return 1;
}
