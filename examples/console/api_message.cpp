// /api/message-check: the "test your authentication settings" panel — a
// received message pasted or uploaded, checked as "Show original" would.
#include "console_app.hpp"
#include "json_reply.hpp"

#include <mailwarden/message_auth.hpp>

#include <cctype>
#include <string_view>

namespace console {

namespace {

bool ascii_iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

// The envelope sender a receiving server recorded: the address of the
// first Return-Path field ("" for the null sender or none). A pasted
// "Show original" has it, and SPF needs it.
std::string return_path(std::string_view message) {
    constexpr std::string_view name = "return-path:";
    std::size_t line_start = 0;
    while (line_start < message.size()) {
        const std::size_t end = message.find('\n', line_start);
        const std::string_view line =
            message.substr(line_start, (end == std::string_view::npos ? message.size() : end) - line_start);
        if (line.empty() || line == "\r") break;  // the end of the header
        if (line.size() > name.size() && ascii_iequals(line.substr(0, name.size()), name)) {
            const auto open = line.find('<'), close = line.rfind('>');
            if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
            return std::string(line.substr(open + 1, close - open - 1));
        }
        if (end == std::string_view::npos) break;
        line_start = end + 1;
    }
    return {};
}

}  // namespace

Response api_message(ConsoleApp& app, const Request& request, const std::vector<std::string>& segments) {
    if (segments.size() != 1) return no_such_route();
    if (request.method != "POST") return json_error(405, "MW_EINVAL", "use POST");
    Response bad;
    const auto object = parse_json_object(request.body, bad);
    if (!object) return bad;
    const std::string message = string_member(*object, "message");
    if (message.empty()) return json_error(400, "MW_EINVAL", "paste a received message, headers included");
    auto resolver = app.resolver();
    if (!resolver) return json_error(503, "MW_EIO", resolver.error().message);
    mailwarden::MessageCheckOptions options;
    options.resolver = *resolver;
    options.clock = app.channel.clock;
    mailwarden::ConnectionFacts facts;
    facts.client_ip = string_member(*object, "client_ip");
    facts.mail_from = string_member(*object, "mail_from");
    if (facts.mail_from.empty()) facts.mail_from = return_path(message);
    auto report = mailwarden::check_message(message, facts, options);
    if (!report) return json_error(report.error());
    return json_reply(200, parse_library_json(mailwarden::to_json(*report)));
}

}  // namespace console
