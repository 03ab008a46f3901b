// DNS as the domain parts see it: a question, an answer that tells a missing
// record from a failed lookup, and an abstract Resolver. The c-ares resolver
// (make_resolver) is the real one; tests inject their own.
#pragma once

#include <mailwarden/export.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace mailwarden::dns {

enum class RecordType : std::uint16_t {
    a = 1,
    ns = 2,
    cname = 5,
    soa = 6,
    ptr = 12,
    mx = 15,
    txt = 16,
    aaaa = 28,
    spf = 99,  ///< the deprecated SPF RR type (RFC 7208 section 3.1)
};

/// "A", "MX", "TXT" ...
MAILWARDEN_EXPORT std::string_view to_string(RecordType type) noexcept;

/// How a query ended. A temporary failure (servfail, timeout) is never
/// reported as a missing record.
enum class Status : int {
    ok = 0,        ///< an answer with at least one record of the type asked
    nxdomain = 1,  ///< the name does not exist
    nodata = 2,    ///< the name exists but has no record of this type
    servfail = 3,  ///< the server failed or refused (temporary)
    timeout = 4,   ///< no answer in time after every retry (temporary)
    malformed = 5, ///< the question or the response could not be used
};

/// "ok", "nxdomain", "nodata", "servfail", "timeout", "malformed".
MAILWARDEN_EXPORT std::string_view to_string(Status status) noexcept;

/// An IPv4 or IPv6 address, stored as 16 bytes (IPv4 in the first 4).
struct MAILWARDEN_EXPORT IpAddress {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};

    /// Dotted quad or RFC 4291 text; nullopt when it is neither.
    static std::optional<IpAddress> parse(std::string_view text);
    std::string to_string() const;
    std::size_t size() const noexcept { return v6 ? 16 : 4; }
    /// True when the first `prefix` bits equal those of `network` (same family).
    bool in_network(const IpAddress& network, unsigned prefix) const noexcept;
    friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

struct MxRecord {
    std::uint16_t preference = 0;
    std::string exchange;  ///< lower case, no trailing dot; "" for a null MX (RFC 7505 ".")
    bool is_null() const noexcept { return exchange.empty(); }
    friend bool operator==(const MxRecord&, const MxRecord&) = default;
};

struct Answer {
    Status status = Status::servfail;
    /// Seconds the answer may be cached: the smallest record TTL, or for a
    /// negative answer the SOA minimum.
    std::uint32_t ttl = 0;
    /// TXT and SPF: one entry per record, its character-strings joined with
    /// nothing in between (RFC 7208 section 3.3).
    std::vector<std::string> texts;
    std::vector<MxRecord> mx;              ///< MX, in the order received
    std::vector<IpAddress> addresses;      ///< A / AAAA
    std::vector<std::string> names;        ///< CNAME target, PTR and NS names (lower case, no trailing dot)

    bool ok() const noexcept { return status == Status::ok; }
    /// NXDOMAIN or NODATA: the record is definitely not there.
    bool missing() const noexcept { return status == Status::nxdomain || status == Status::nodata; }
    /// SERVFAIL, timeout, malformed: nothing can be concluded.
    bool temporary_failure() const noexcept { return !ok() && !missing(); }
};

/// Something that answers DNS questions. Implementations are thread-safe.
class MAILWARDEN_EXPORT Resolver {
public:
    virtual ~Resolver();

    /// Blocks until the answer (or the failure) is known.
    virtual Answer query(std::string_view name, RecordType type) = 0;

    /// Calls `done` exactly once with the answer, possibly on another thread.
    /// The default runs query() on the calling thread.
    virtual void async_query(std::string name, RecordType type, std::function<void(Answer)> done);
};

struct ResolverOptions {
    /// "127.0.0.1:5353", "[::1]:53", "192.0.2.53"; empty: the system's (/etc/resolv.conf).
    std::vector<std::string> servers;
    std::chrono::milliseconds timeout{2000};  ///< per try
    int tries = 3;
    bool cache = true;                         ///< honour TTLs, cache negative answers too
    std::size_t cache_max_entries = 10000;
    std::chrono::seconds max_negative_ttl{300};
    std::size_t max_concurrency = 64;          ///< queries in flight at once; the rest wait in order
    /// EDNS(0) UDP payload size to advertise; 0 sends plain DNS (512-byte UDP
    /// answers). Either way a truncated answer is asked again over TCP.
    std::uint16_t edns_udp_size = 1232;
};

/// The c-ares resolver: one channel driven by its own thread, on which
/// async_query() completions run; query() blocks on it (so a completion must
/// not call query() on the same resolver: it would get servfail). With
/// `options.cache` the answers pass through a TTL cache and identical queries
/// in flight are sent once. Destroying the last reference cancels what is
/// still pending: those completions get servfail. Thread-safe.
/// Errors: errc::invalid_argument for a malformed server address, tries < 1,
/// a timeout under 1 ms or max_concurrency 0; errc::internal when c-ares
/// cannot start.
MAILWARDEN_EXPORT std::shared_ptr<Resolver> make_resolver(const ResolverOptions& options, std::error_code& ec);

}  // namespace mailwarden::dns
