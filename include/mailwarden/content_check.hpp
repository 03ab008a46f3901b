// Content checks of a user-generated message before it goes out: its links
// against DNS blocklists, its HTML made safe, SpamAssassin's score when a
// spamd is configured, and structural red flags — a verdict (pass, review,
// block) with every finding's evidence.
//
//   mailwarden::ContentCheckOptions options;
//   options.resolver = resolver;
//   options.blocklists.push_back({.name = "dbl", .zone = "dbl.example.net", .kind = mailwarden::BlocklistKind::domain});
//   auto report = mailwarden::check_content(raw_message, options);
//   if (report->verdict != mailwarden::ContentVerdict::pass) std::cout << mailwarden::to_json(*report);
#pragma once

#include <mailwarden/dns.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

/// Ordered: a report's verdict is its worst finding's severity.
enum class ContentVerdict : int { pass = 0, review = 1, block = 2 };
/// "pass", "review", "block".
MAILWARDEN_EXPORT std::string_view to_string(ContentVerdict verdict) noexcept;

/// What one finding asks for: nothing (info), a person's look, or a refusal.
enum class ContentSeverity : int { info = 0, review = 1, block = 2 };
/// "info", "review", "block".
MAILWARDEN_EXPORT std::string_view to_string(ContentSeverity severity) noexcept;

struct ContentFinding {
    std::string id;  ///< stable: "link.listed", "html.only", "attachment.executable" ... (docs/content-checks.md)
    ContentSeverity severity = ContentSeverity::info;
    std::string evidence;  ///< what was seen, for people
};

enum class BlocklistKind : int {
    domain = 0,  ///< <domain>.<zone>: the link's host and its registrable domain
    ip = 1,      ///< <reversed IPv4 octets or IPv6 nibbles>.<zone>: literal IPs and the hosts' addresses
};

/// One DNS blocklist. None is built in: which lists a platform may query
/// (and under what terms) is its configuration.
struct Blocklist {
    std::string name;  ///< how findings and links name it
    std::string zone;  ///< "dbl.example.net"
    BlocklistKind kind = BlocklistKind::domain;
    /// What an A answer means, by address: "127.0.1.2" -> "spam domain".
    /// A 127.0.0.0/8 answer not listed here still counts as listed (reason
    /// "listed (127.0.1.9)").
    std::map<std::string, std::string> codes;
    /// Answers meaning "query refused / over limit / not allowed from this
    /// resolver", never taken as listed: the link's status there is
    /// unknown. Default: 127.255.255.0/24 (the form the big lists use).
    std::vector<std::string> refusal_codes;
    ContentSeverity severity = ContentSeverity::block;  ///< of a listed link
};

/// The platform's SpamAssassin daemon (spamd), spoken to as spamc does.
struct SpamdServer {
    std::string host = "127.0.0.1";
    std::uint16_t port = 783;
    std::chrono::milliseconds timeout{10000};
    double review_at = 5.0;  ///< score at which the message needs review
    double block_at = 10.0;  ///< score at which it is blocked
};

struct ContentCheckOptions {
    /// For the blocklists; null: links are found and judged, not looked up.
    std::shared_ptr<dns::Resolver> resolver;
    std::vector<Blocklist> blocklists;
    std::size_t max_concurrent_lookups = 16;
    /// Optional; without it no spam score is given.
    std::optional<SpamdServer> spamd;
    /// Link hosts reported as shorteners (the target is hidden); empty:
    /// default_shortener_domains().
    std::vector<std::string> shortener_domains;
    std::size_t max_message_bytes = 10 * 1024 * 1024;  ///< larger: "message.oversized" (block)
    std::size_t max_links = 500;                       ///< the rest are counted, not looked up
};

/// bit.ly, tinyurl.com, t.co, goo.gl, ow.ly, is.gd, buff.ly, rebrand.ly,
/// cutt.ly, shorturl.at, tiny.cc, rb.gy, s.id, lnkd.in.
MAILWARDEN_EXPORT const std::vector<std::string>& default_shortener_domains();

/// A link found in the message and what the blocklists say of it.
struct LinkCheck {
    std::string url;     ///< normalized: scheme and host lower case, hxxp undone, percent-decoded host
    std::string domain;  ///< the host (A-labels); empty for an IP literal
    std::string ip;      ///< the literal IP, if the host is one
    std::string source;  ///< "href", "src", "action" (a form), "text" (a bare URL in a text part or in HTML text)
    bool obfuscated = false;  ///< hxxp, [.], percent-encoded or mixed-script host
    bool shortener = false;
    std::vector<std::string> listed_on;   ///< blocklist names, with the reason: "dbl: spam domain"
    std::vector<std::string> unknown_on;  ///< lists that refused or failed: nothing can be said
};

struct SpamScore {
    double score = 0;
    double threshold = 0;             ///< spamd's own required score
    std::vector<std::string> rules;  ///< rule names that hit
};

/// An HTML body made safe to send: what is left after the allow-list, the
/// plain-text alternative made from it, and what was taken out.
struct SanitizedHtml {
    std::string html;
    std::string text;
    std::vector<std::string> removed;  ///< "script", "onclick", "javascript: URL in href", ...
};

struct ContentReport {
    ContentVerdict verdict = ContentVerdict::pass;
    std::vector<ContentFinding> findings;
    std::vector<LinkCheck> links;
    std::optional<SpamScore> spam;  ///< when spamd was asked and answered
    /// The first HTML part made safe; absent for messages without HTML.
    /// Never sent in place of the original: the caller decides.
    std::optional<SanitizedHtml> sanitized;

    bool has_finding(std::string_view id) const noexcept;
};

/// Checks `raw` (RFC 5322, CRLF or LF). Blocks for the DNS lookups and
/// spamd. DNS or spamd failures are findings ("dnsbl.unknown",
/// "spamd.unavailable", severity info), not errors. Thread-safe.
/// Errors: invalid_argument (an empty message).
MAILWARDEN_EXPORT Result<ContentReport, Error> check_content(std::string_view raw, const ContentCheckOptions& options);

/// The HTML sanitizer on its own (the HTML5 parsing algorithm, through
/// gumbo): an allow-list of elements and attributes; scripts, event
/// handlers, javascript:/vbscript:/data: URLs (data: images excepted),
/// forms, frames, objects, remote fonts and CSS expressions removed.
/// Errors: out_of_range (over 16 MiB).
MAILWARDEN_EXPORT Result<SanitizedHtml, Error> sanitize_html(std::string_view html);

/// One JSON object: verdict, findings [{id, severity, evidence}], links
/// [{url, domain, ip, source, obfuscated, shortener, listed_on,
/// unknown_on}], spam_score (spamd's score, or null), spam (null or
/// {score, threshold, rules}).
MAILWARDEN_EXPORT std::string to_json(const ContentReport& report);

}  // namespace mailwarden
