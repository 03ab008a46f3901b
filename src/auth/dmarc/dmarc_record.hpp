// DMARC policy records (RFC 7489 6.3), published at _dmarc.<domain>.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::auth {

struct DmarcUri {
    std::string uri;        ///< "mailto:reports@iana.org"
    std::string address;    ///< the mailto address, lower-cased domain; empty for other schemes
    std::string size_limit; ///< "!10m" part without '!', empty if none
};

struct DmarcRecord {
    std::string policy;               ///< p=: none | quarantine | reject
    std::string subdomain_policy;     ///< sp=, empty = same as p
    bool strict_dkim = false;         ///< adkim=s
    bool strict_spf = false;          ///< aspf=s
    int pct = 100;
    std::vector<DmarcUri> rua;
    std::vector<DmarcUri> ruf;
    std::string failure_options = "0";  ///< fo=
    unsigned report_interval = 86400;   ///< ri=
    std::string nonexistent_policy;     ///< np= (RFC 9989), empty = same as sp
    char psd = 'u';                     ///< psd= (RFC 9989): 'y', 'n' or 'u'
    bool testing = false;               ///< t=y (RFC 9989)
};

struct DmarcError {
    std::string message;
};

/// True when the TXT record is meant as DMARC ("v=DMARC1" first), whether or
/// not the rest parses — used to count records at a name.
bool looks_like_dmarc(std::string_view txt) noexcept;

/// A record as a receiver reads it (RFC 9989 4.8): a malformed tag is set
/// aside and its default kept, so one typo does not void the record.
struct DmarcReading {
    DmarcRecord record;
    bool policy_present = false;       ///< p= is there (valid or not)
    bool policies_valid = true;        ///< p=, sp= and np= are each absent or valid (a missing p= is policy_present)
    std::vector<std::string> problems; ///< one sentence per malformed tag, in tag order
};

/// Reads one record leniently. nullopt (with `error`) only when it is no
/// tag list or does not start with v=DMARC1.
std::optional<DmarcReading> read_dmarc(std::string_view record, DmarcError& error);

/// Parses one record. Errors: v= not first or not DMARC1, p= missing or not
/// one of the three policies, a malformed known tag (pct, adkim, aspf, sp,
/// rua/ruf URIs, ri, fo, np, psd, t). Unknown tags are ignored, as the RFC says.
std::optional<DmarcRecord> parse_dmarc(std::string_view record, DmarcError& error);

/// The organisational domain of `domain` (public suffix list, libpsl):
/// "mail.example.co.uk" -> "example.co.uk".
std::string organizational_domain(std::string_view domain);

}  // namespace mailwarden::auth
