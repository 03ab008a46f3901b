// mwctl dkim keygen: a new DKIM key, written as DIR/S.pem (mode 0600), and
// the zone-file line publishing it at S._domainkey.D, written as DIR/S.txt.
#include "channel_context.hpp"
#include "cli_args.hpp"
#include "commands.hpp"

#include <mailwarden/dkim_sign.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace mwctl {

namespace {

namespace fs = std::filesystem;

constexpr const char* dkim_usage =
    "usage: mwctl dkim keygen --domain D --selector S [--type rsa|ed25519] [--bits N] [--out DIR]\n"
    "\n"
    "Makes a DKIM key (RSA of N bits, 2048 by default, 1024 to 8192; or Ed25519) and writes\n"
    "DIR/S.pem, the private key (mode 0600, never overwritten), and DIR/S.txt, the zone-file line\n"
    "to publish: S._domainkey.D. IN TXT \"v=DKIM1; k=rsa; p=...\" \"...\" (strings of at most\n"
    "255 bytes). The line is printed too. DIR defaults to $MAILWARDEN_HOME/dkim/D, where the\n"
    "local transport finds the keys it signs with and `mwctl domain check` the selectors it checks.\n"
    "exit status: 0 written, 1 failure, 2 usage error\n";

// Created, never replaced: overwriting a key whose record is published
// would break every signature made with it. Only the owner may read it.
void write_private(const fs::path& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + path.string() + ": " + std::strerror(errno));
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            ::close(fd);
            throw std::runtime_error("cannot write " + path.string());
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw std::runtime_error("cannot write " + path.string());
}

int run_keygen(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--help"}, {"--domain", "--selector", "--type", "--bits", "--out"}, {}});
    if (args.flag("--help")) {
        std::cout << dkim_usage;
        return exit_ok;
    }
    if (!args.positionals().empty()) throw UsageError("unexpected argument '" + args.positionals()[0] + "'");
    const std::string domain = args.value("--domain");
    const std::string selector = args.value("--selector");
    const fs::path dir = args.value_or("--out", (fs::path(home_dir()) / "dkim" / domain).string());
    const std::string type = args.value_or("--type", "rsa");
    if (type != "rsa" && type != "ed25519") throw UsageError("--type is rsa or ed25519");
    if (type == "ed25519" && args.has("--bits")) throw UsageError("--bits is for RSA keys");
    const long bits = args.has("--bits") ? parse_positive(args.value("--bits"), "--bits") : 2048;
    if (bits > 65536) throw UsageError("--bits: RSA DKIM keys have 1024 to 8192 bits");

    auto key = mailwarden::generate_dkim_key(type == "rsa" ? mailwarden::DkimKeyType::rsa : mailwarden::DkimKeyType::ed25519,
                                             static_cast<unsigned>(bits));
    if (!key) {
        if (key.error().kind() == mailwarden::errc::invalid_argument) throw UsageError(key.error().describe());
        throw std::runtime_error(key.error().describe());
    }
    // The names go into a zone file: let the signer's checks judge them first.
    auto signer = mailwarden::DkimSigner::create(key->private_key_pem, domain, selector);
    if (!signer) throw UsageError(signer.error().describe());

    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
    const std::string line = mailwarden::dkim_zone_line(domain, selector, key->txt_strings);
    write_private(dir / (selector + ".pem"), key->private_key_pem);
    std::ofstream txt(dir / (selector + ".txt"), std::ios::binary | std::ios::trunc);
    if (!txt || !(txt << line << '\n') || !txt.flush()) throw std::runtime_error("cannot write " + (dir / (selector + ".txt")).string());
    std::cout << line << '\n';
    return exit_ok;
}

}  // namespace

int run_dkim(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] == "--help") {
        std::cout << dkim_usage;
        return argv.empty() ? exit_usage : exit_ok;
    }
    if (argv[0] != "keygen") throw UsageError("dkim: unknown subcommand '" + argv[0] + "'");
    return run_keygen(std::vector<std::string>(argv.begin() + 1, argv.end()));
}

}  // namespace mwctl
