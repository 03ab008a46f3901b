#include "content/structure/header_injection.hpp"

#include "bounce/mime/ascii.hpp"
#include "bounce/mime/encoded_words.hpp"
#include "content/spamd/spamd_protocol.hpp"

#include <array>

namespace mailwarden::content_detail {

namespace {

namespace bd = bounce_detail;

void add(std::vector<ContentFinding>& findings, std::string evidence) {
    findings.push_back({"header.injection", ContentSeverity::block, std::move(evidence)});
}

// The header block's raw lines (up to the first empty one), each without its
// LF; a line keeps its CR.
void raw_line_breaks(std::string_view raw, std::vector<ContentFinding>& findings) {
    bool crlf = false;
    bool first = true;
    bool nul = false, lone_cr = false, lone_lf = false;
    std::size_t at = 0;
    while (at < raw.size()) {
        std::size_t end = raw.find('\n', at);
        if (end == std::string_view::npos) end = raw.size();
        std::string_view line = raw.substr(at, end - at);
        const bool has_cr = line.ends_with('\r');
        if (has_cr) line.remove_suffix(1);
        if (first) {
            crlf = has_cr;
            first = false;
        }
        if (line.empty()) break;
        if (!nul && line.find('\0') != std::string_view::npos) {
            nul = true;
            add(findings, "NUL byte in header line \"" + printable_excerpt(line, 80) + "\"");
        }
        if (!lone_cr && line.find('\r') != std::string_view::npos) {
            lone_cr = true;
            add(findings, "CR that is not a line end in header line \"" + printable_excerpt(line, 80) + "\"");
        }
        if (!lone_lf && crlf && !has_cr && end < raw.size()) {
            lone_lf = true;
            add(findings, "LF without CR in the header block of a CRLF message, after \"" +
                              printable_excerpt(line, 80) + "\"");
        }
        at = end + 1;
    }
}

void encoded_breaks(const bd::HeaderBlock& headers, std::vector<ContentFinding>& findings) {
    for (const bd::HeaderField& f : headers.fields) {
        if (f.value.find("=?") == std::string::npos) continue;
        const std::string decoded = bd::decode_header_value(f.value);
        const std::size_t brk = decoded.find_first_of(std::string_view("\r\n\0", 3));
        if (brk == std::string::npos) continue;
        std::string evidence = std::string(f.name) + " field decodes to a line break or NUL: \"" +
                               printable_excerpt(decoded, 100) + "\"";
        // A header-like line after the break: what the injection wanted.
        std::string_view rest = std::string_view(decoded).substr(brk);
        while (!rest.empty() && (rest.front() == '\r' || rest.front() == '\n' || rest.front() == '\0'))
            rest.remove_prefix(1);
        const std::size_t colon = rest.find(':');
        if (colon != std::string_view::npos && colon > 0 && colon < 40 &&
            rest.substr(0, colon).find(' ') == std::string_view::npos)
            evidence += " (a " + std::string(rest.substr(0, colon)) + ": line)";
        add(findings, std::move(evidence));
    }
}

void duplicates(const bd::HeaderBlock& headers, std::vector<ContentFinding>& findings) {
    static constexpr std::array<std::string_view, 9> once = {"From", "Sender", "Reply-To", "To", "Cc",
                                                             "Bcc", "Subject", "Date", "Message-ID"};
    for (std::string_view name : once) {
        std::size_t n = 0;
        for (const bd::HeaderField& f : headers.fields) if (bd::iequals(f.name, name)) ++n;
        if (n > 1) add(findings, std::to_string(n) + " " + std::string(name) + " fields (RFC 5322 allows one)");
    }
}

}  // namespace

void header_injection_findings(std::string_view raw, const bd::HeaderBlock& headers,
                               std::vector<ContentFinding>& findings) {
    raw_line_breaks(raw, findings);
    encoded_breaks(headers, findings);
    duplicates(headers, findings);
}

}  // namespace mailwarden::content_detail
