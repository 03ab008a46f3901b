#include "bounce/mail/dsn_fields.hpp"

#include "bounce/classify/diagnostic_text.hpp"
#include "bounce/mime/ascii.hpp"
#include "bounce/mime/header_block.hpp"

#include <algorithm>

namespace mailwarden::bounce_detail {

namespace {

// "rfc822; x" / "dns; x" -> "x" (only a short type made of letters, digits, '-').
std::string_view strip_type(std::string_view v) noexcept {
    v = trim(v);
    const std::size_t semi = v.find(';');
    if (semi == std::string_view::npos || semi > 16) return v;
    for (std::size_t i = 0; i < semi; ++i) {
        const char c = v[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return v;
    }
    return trim(v.substr(semi + 1));
}

}  // namespace

std::string clean_address(std::string_view text) {
    std::string_view v = strip_type(text);
    // <a@b> anywhere wins: "Name <a@b>", "<a@b> (comment)".
    if (const std::size_t lt = v.find('<'); lt != std::string_view::npos) {
        const std::size_t gt = v.find('>', lt);
        if (gt != std::string_view::npos && v.substr(lt + 1, gt - lt - 1).find('@') != std::string_view::npos)
            v = v.substr(lt + 1, gt - lt - 1);
    }
    v = trim(v);
    // A source route ("@relay:user@domain"): the mailbox is after the colon.
    if (v.starts_with('@')) {
        if (const std::size_t colon = v.find(':'); colon != std::string_view::npos) v = v.substr(colon + 1);
    }
    // A quoted local part keeps its quotes ("a..b"@c); otherwise a comment
    // or text after a blank goes.
    const bool quoted_local = v.starts_with('"') && v.find("\"@") != std::string_view::npos;
    if (!quoted_local) {
        if (const std::size_t sp = v.find_first_of(" \t("); sp != std::string_view::npos) v = v.substr(0, sp);
        while (!v.empty() && (v.front() == '"' || v.front() == '\'' || v.front() == '<' || v.front() == '['))
            v.remove_prefix(1);
    }
    while (!v.empty() && (v.back() == '"' || v.back() == '\'' || v.back() == '>' || v.back() == ']' ||
                          v.back() == '.' || v.back() == ',' || v.back() == ';' || v.back() == ':'))
        v.remove_suffix(1);
    if (v.find('@') == std::string_view::npos && !quoted_local) {
        // "|/usr/bin/procmail a@b" (a pipe Exim names): the word with an '@'.
        const std::string_view whole = strip_type(text);
        std::size_t pos = 0;
        while (pos < whole.size()) {
            const std::size_t end = std::min(whole.find_first_of(" \t", pos), whole.size());
            const std::string_view word = whole.substr(pos, end - pos);
            if (word.find('@') != std::string_view::npos && word != text) return clean_address(word);
            pos = end + 1;
        }
        return {};
    }
    if (v.size() > 320) return {};
    // Encoded words are not allowed in an address (RFC 2047 5): kept as written.
    return std::string(v);
}

DsnReport parse_dsn_fields(std::string_view body) {
    DsnReport report;
    DsnRecipient* current = nullptr;
    std::size_t pos = 0;
    std::size_t guard = 0;
    while (pos < body.size() && guard++ < 10000) {
        HeaderBlock group;
        const std::size_t next = parse_header_block(body.substr(pos), group);
        if (next == 0) {
            // Not a field line: skip it.
            const std::size_t nl = body.find('\n', pos);
            pos = nl == std::string_view::npos ? body.size() : nl + 1;
            continue;
        }
        pos += next;
        std::size_t finals = 0;
        bool names_recipient = false;
        for (const HeaderField& f : group.fields) {
            if (iequals(f.name, "Final-Recipient")) ++finals;
            names_recipient = names_recipient || iequals(f.name, "Final-Recipient") || iequals(f.name, "Original-Recipient");
        }
        // One recipient per group, whatever the order of its fields; a group
        // with several Final-Recipients (no blank lines between them) is
        // split at each.
        const bool sequential = finals > 1;
        bool opened = false;
        if (!sequential && names_recipient) {
            if (report.recipients.size() >= max_dsn_recipients) return report;
            report.recipients.emplace_back();
            current = &report.recipients.back();
            opened = true;
        }
        for (const HeaderField& f : group.fields) {
            const std::string_view name = f.name;
            const std::string_view value = f.value;
            if (iequals(name, "Reporting-MTA")) {
                report.reporting_mta = std::string(strip_type(value));
                continue;
            }
            const bool final = iequals(name, "Final-Recipient");
            const bool original = iequals(name, "Original-Recipient");
            const bool open = sequential && ((final && !(opened && current->final_recipient.empty())) ||
                                             (original && (!opened || !current->original_recipient.empty())));
            if (open) {
                if (report.recipients.size() >= max_dsn_recipients) return report;
                report.recipients.emplace_back();
                current = &report.recipients.back();
                opened = true;
            }
            if (current == nullptr) continue;  // per-message fields
            if (final) {
                current->final_recipient = clean_address(value);
                // "@relay:user@host" (an LMTP route): the Original-Recipient reads better.
                current->routed = trim(strip_type(value)).starts_with('@') || trim(strip_type(value)).starts_with("<@");
            } else if (original) {
                current->original_recipient = clean_address(value);
            } else if (iequals(name, "Action")) {
                current->action = to_lower(trim(value));
            } else if (iequals(name, "Status")) {
                current->status = std::string(trim(value));
            } else if (iequals(name, "Remote-MTA")) {
                current->remote_mta = std::string(strip_type(value));
            } else if (iequals(name, "Diagnostic-Code")) {
                const std::string_view v = trim(value);
                const std::string_view text = strip_diagnostic_type(v);
                if (text.size() != v.size()) current->diagnostic_type = to_lower(trim(v.substr(0, v.find(';'))));
                current->diagnostic = one_line(text);
            }
        }
    }
    return report;
}

}  // namespace mailwarden::bounce_detail
