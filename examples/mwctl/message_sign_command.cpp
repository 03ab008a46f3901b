// mwctl message sign: DKIM-signs a message with one key, or with an RSA and
// an Ed25519 key for two signatures, and prints the signed message.
#include "channel_context.hpp"
#include "cli_args.hpp"
#include "commands.hpp"

#include <mailwarden/dkim_sign.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace mwctl {

namespace {

constexpr const char* sign_usage =
    "usage: mwctl message sign FILE|- --domain D --selector S --key PEMFILE\n"
    "                        [--ed25519-key PEMFILE [--ed25519-selector S2]] [-o OUT]\n"
    "\n"
    "Adds a DKIM-Signature (d=D, s=S, relaxed/relaxed, t= now) on top of the message (RFC 5322,\n"
    "CRLF or LF) and prints it, or writes it to OUT. --key is an RSA (1024 bits at least) or\n"
    "Ed25519 private key in PEM; --ed25519-key adds a second, ed25519-sha256 signature whose\n"
    "key is published at S2 (one selector holds one key; by default the key file's name without\n"
    "its extension, as `mwctl dkim keygen` names DIR/S2.pem). From, To, Cc, Subject, Date,\n"
    "Message-ID, Reply-To, Content-Type, MIME-Version and the List-* fields are signed, each\n"
    "once more than present.\n"
    "MAILWARDEN_NOW pins t=. exit status: 0 signed, 1 failure (a file, no From), 2 usage error\n";

mailwarden::DkimSigner make_signer(const std::string& pem_file, const std::string& domain, const std::string& selector) {
    const auto pem = read_input(pem_file);
    if (!pem) throw std::runtime_error("cannot read the key " + pem_file);
    mailwarden::DkimSignOptions options;
    options.clock = clock_from_environment();
    auto signer = mailwarden::DkimSigner::create(*pem, domain, selector, std::move(options));
    if (!signer) throw UsageError(pem_file + ": " + signer.error().describe());
    return std::move(*signer);
}

}  // namespace

int run_message_sign(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--help"}, {"--domain", "--selector", "--key", "--ed25519-key", "--ed25519-selector", "-o"}, {}});
    if (args.flag("--help")) {
        std::cout << sign_usage;
        return exit_ok;
    }
    if (args.positionals().size() != 1) throw UsageError("expected one FILE (or - for standard input)");
    const std::string domain = args.value("--domain");
    const std::string selector = args.value("--selector");
    std::vector<mailwarden::DkimSigner> signers{make_signer(args.value("--key"), domain, selector)};
    if (args.has("--ed25519-key")) {
        const std::string key_file = args.value("--ed25519-key");
        const std::string ed_selector =
            args.value_or("--ed25519-selector", std::filesystem::path(key_file).stem().string());
        signers.push_back(make_signer(key_file, domain, ed_selector));
        if (signers.back().algorithm() != "ed25519-sha256") throw UsageError("--ed25519-key is not an Ed25519 key");
    } else if (args.has("--ed25519-selector")) {
        throw UsageError("--ed25519-selector goes with --ed25519-key");
    }
    const auto raw = read_input(args.positionals()[0]);
    if (!raw) {
        std::cerr << "mwctl: cannot read " << args.positionals()[0] << '\n';
        return exit_findings;
    }
    auto signed_message = mailwarden::dkim_sign_message(*raw, signers);
    if (!signed_message) fail(signed_message.error());
    if (!args.has("-o")) {
        std::cout << *signed_message << std::flush;
        return exit_ok;
    }
    std::ofstream out(args.value("-o"), std::ios::binary | std::ios::trunc);
    if (!out || !(out << *signed_message) || !out.flush()) {
        std::cerr << "mwctl: cannot write " << args.value("-o") << '\n';
        return exit_findings;
    }
    return exit_ok;
}

}  // namespace mwctl
