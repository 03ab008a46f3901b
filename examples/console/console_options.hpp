// mailwarden-console's command line.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace console {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct ConsoleOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8025;  ///< 0: any free port
    std::string home;           ///< state folder (MAILWARDEN_HOME ...)
    std::string store;          ///< SQLite file or PostgreSQL URL
    std::string outbox;         ///< the local transport's Maildir
    std::string dns;            ///< HOST:PORT of a DNS server; empty: the system's
    bool no_dns = false;        ///< no lookups at all (offline demos): domain and message checks say so
    bool allow_special_use = false;
    double rate_limit = 50;     ///< requests per second per client IP; burst 4x
    std::string sns_cert;       ///< PEM file pinned for SNS signatures; empty: fetched from SigningCertURL
    std::string sns_ca_file;    ///< roots for that fetch; empty: the system's
    bool help = false;
};

/// Reads the arguments (without the program name) and fills in the
/// defaults from the environment as mwctl does. Throws UsageError.
ConsoleOptions parse_console_options(const std::vector<std::string>& args);

extern const char* const console_usage;

}  // namespace console
