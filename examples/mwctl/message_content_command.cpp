// mwctl message content: a message checked before it goes out — links
// against DNS blocklists, HTML made safe, spamd's score, structural red
// flags — with a verdict and the evidence.
#include "cli_args.hpp"
#include "commands.hpp"
#include "dns_option.hpp"

#include <mailwarden/content_check.hpp>

#include <charconv>
#include <fstream>
#include <iostream>

namespace mwctl {

namespace {

constexpr const char* content_usage =
    "usage: mwctl message content FILE|- [--dns HOST:PORT] [--dnsbl ZONE[:domain|ip]]... [--spamd HOST:PORT]\n"
    "                           [--sanitize-html OUT] [--json]\n"
    "\n"
    "Checks a message (RFC 5322, CRLF or LF) before it is sent: every link (href, src, bare URLs,\n"
    "obfuscated ones) looked up in each --dnsbl zone (a domain list unless :ip), the HTML made\n"
    "safe (--sanitize-html writes it to OUT), SpamAssassin's score from --spamd, and structural\n"
    "red flags (HTML only, images only, hidden text, executable attachments, header injection,\n"
    "confusable From names). A blocklist answer 127.255.255.x (refused / over limit) is unknown,\n"
    "never listed.\n"
    "exit status: 0 pass, 1 review or block, 2 usage error\n";

mailwarden::Blocklist blocklist_from(const std::string& spec) {
    mailwarden::Blocklist list;
    const auto colon = spec.rfind(':');
    list.zone = colon == std::string::npos ? spec : spec.substr(0, colon);
    const std::string kind = colon == std::string::npos ? "domain" : spec.substr(colon + 1);
    if (kind != "domain" && kind != "ip") throw UsageError("--dnsbl " + spec + ": the kind is domain or ip");
    if (list.zone.empty()) throw UsageError("--dnsbl needs a zone");
    list.kind = kind == "ip" ? mailwarden::BlocklistKind::ip : mailwarden::BlocklistKind::domain;
    list.name = list.zone;
    return list;
}

mailwarden::SpamdServer spamd_from(const std::string& spec) {
    mailwarden::SpamdServer server;
    const auto colon = spec.rfind(':');
    if (colon == std::string::npos || colon == 0) throw UsageError("--spamd is HOST:PORT");
    server.host = spec.substr(0, colon);
    const std::string port = spec.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
        throw UsageError("--spamd " + spec + ": not a port");
    server.port = static_cast<std::uint16_t>(value);
    return server;
}

void print_report(const mailwarden::ContentReport& r) {
    std::cout << "Content: " << mailwarden::to_string(r.verdict) << '\n';
    for (const auto& f : r.findings)
        std::cout << "  [" << mailwarden::to_string(f.severity) << "] " << f.id << ": " << f.evidence << '\n';
    for (const auto& l : r.links) {
        std::cout << "  link " << l.url;
        for (const auto& on : l.listed_on) std::cout << "  LISTED " << on;
        for (const auto& on : l.unknown_on) std::cout << "  unknown on " << on;
        std::cout << '\n';
    }
    if (r.spam) std::cout << "  spam score " << r.spam->score << " / " << r.spam->threshold << '\n';
}

}  // namespace

int run_message_content(const std::vector<std::string>& argv) {
    const Args args(argv, {{"--json", "--help"}, {"--dns", "--dnsbl", "--spamd", "--sanitize-html"}, {"--dnsbl"}});
    if (args.flag("--help")) {
        std::cout << content_usage;
        return exit_ok;
    }
    if (args.positionals().size() != 1) throw UsageError("expected one FILE (or - for standard input)");
    mailwarden::ContentCheckOptions options;
    for (const auto& spec : args.values("--dnsbl")) options.blocklists.push_back(blocklist_from(spec));
    if (args.has("--spamd")) options.spamd = spamd_from(args.value("--spamd"));
    if (!options.blocklists.empty()) options.resolver = open_resolver(args);
    const auto raw = read_input(args.positionals()[0]);
    if (!raw) throw UsageError("cannot read " + args.positionals()[0]);
    auto report = mailwarden::check_content(*raw, options);
    if (!report) {
        if (report.error().kind() == mailwarden::errc::invalid_argument) throw UsageError(report.error().describe());
        throw std::runtime_error(report.error().describe());
    }
    if (const auto out = args.value_or("--sanitize-html", ""); !out.empty()) {
        std::ofstream file(out, std::ios::binary | std::ios::trunc);
        if (report->sanitized) file << report->sanitized->html;
        if (!file || !file.flush()) throw std::runtime_error("cannot write " + out);
    }
    if (args.flag("--json")) std::cout << mailwarden::to_json(*report) << '\n';
    else print_report(*report);
    return report->verdict == mailwarden::ContentVerdict::pass ? exit_ok : exit_findings;
}

}  // namespace mwctl
