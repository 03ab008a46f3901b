#include "console_options.hpp"

#include "environment.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <cstdlib>
#include <filesystem>

namespace console {

namespace fs = std::filesystem;

const char* const console_usage =
    "usage: mailwarden-console [--listen HOST:PORT] [--home DIR] [--store LOCATION] [--outbox DIR]\n"
    "                          [--dns HOST:PORT | --no-dns] [--allow-special-use] [--rate-limit N]\n"
    "                          [--sns-cert PEMFILE | --sns-ca-file PEMFILE]\n"
    "  --listen HOST:PORT    where to serve (default 127.0.0.1:8025; port 0: any free port)\n"
    "  --home DIR            state folder (default $MAILWARDEN_HOME, else ~/.local/share/mailwarden)\n"
    "  --store LOCATION      SQLite file or PostgreSQL URL (default $MAILWARDEN_STORE, else HOME/senders.db)\n"
    "  --outbox DIR          the local transport's outbox (default HOME/outbox)\n"
    "  --dns HOST:PORT       DNS server for domain and message checks (default: the system's)\n"
    "  --no-dns              no DNS lookups (offline): those checks answer that DNS is off\n"
    "  --allow-special-use   accept .test, example.com ... senders (demos)\n"
    "  --rate-limit N        requests per second per client address, burst 4N (default 50)\n"
    "  --sns-cert PEMFILE    the certificate SNS signs with, pinned (each SigningCertURL is still\n"
    "                        checked); without it, fetched from that URL over HTTPS\n"
    "  --sns-ca-file PEMFILE roots for that fetch (default: the system's)\n"
    "  MAILWARDEN_NOW (2026-11-26T12:00:00Z) pins the clock.\n";

namespace {

void parse_listen(const std::string& value, ConsoleOptions& options) {
    const auto colon = value.rfind(':');
    if (colon == std::string::npos || colon == 0) throw UsageError("--listen must be HOST:PORT");
    std::string host = value.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string port = value.substr(colon + 1);
    unsigned parsed = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), parsed);
    if (ec != std::errc() || end != port.data() + port.size() || port.empty() || parsed > 65535)
        throw UsageError("--listen: bad port '" + port + "'");
    options.host = host;
    options.port = static_cast<std::uint16_t>(parsed);
}

double parse_rate(const std::string& value) {
    double parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size() || !(parsed > 0))
        throw UsageError("--rate-limit must be a positive number");
    return parsed;
}

}  // namespace

ConsoleOptions parse_console_options(const std::vector<std::string>& args) {
    ConsoleOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            options.help = true;
            continue;
        }
        if (a == "--allow-special-use") {
            options.allow_special_use = true;
            continue;
        }
        if (a == "--no-dns") {
            options.no_dns = true;
            continue;
        }
        static const char* const valued[] = {"--listen", "--home",       "--store",    "--outbox",
                                             "--dns",    "--rate-limit", "--sns-cert", "--sns-ca-file"};
        if (std::find(std::begin(valued), std::end(valued), a) == std::end(valued))
            throw UsageError(a.rfind("--", 0) == 0 ? "unknown option '" + a + "'" : "unexpected argument '" + a + "'");
        if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
        const std::string& value = args[++i];
        if (a == "--listen") parse_listen(value, options);
        else if (a == "--home") options.home = value;
        else if (a == "--store") options.store = value;
        else if (a == "--outbox") options.outbox = value;
        else if (a == "--dns") options.dns = value;
        else if (a == "--sns-cert") options.sns_cert = value;
        else if (a == "--sns-ca-file") options.sns_ca_file = value;
        else options.rate_limit = parse_rate(value);
    }
    if (options.no_dns && !options.dns.empty()) throw UsageError("--dns and --no-dns exclude each other");
    if (!options.sns_cert.empty() && !options.sns_ca_file.empty())
        throw UsageError("--sns-cert and --sns-ca-file exclude each other");
    if (options.home.empty()) options.home = mailwarden::examples::home_dir();
    if (options.store.empty()) options.store = mailwarden::examples::store_location(options.home);
    if (options.outbox.empty()) options.outbox = (fs::path(options.home) / "outbox").string();
    return options;
}

}  // namespace console
