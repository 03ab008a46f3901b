#include "common/message_builder.hpp"

#include "common/base64.hpp"
#include "common/mail_format.hpp"

namespace mailwarden::common {

namespace {

// 8bit when every line fits RFC 5322's 998 octets, else base64 in 76-column lines.
std::string body_part(std::string_view content_type, std::string_view body) {
    bool short_lines = true;
    std::size_t line = 0;
    for (const char c : body) {
        line = (c == '\n') ? 0 : line + 1;
        if (line > 998 || c == '\r') short_lines = false;
    }
    std::string out = "Content-Type: " + std::string(content_type) + "; charset=UTF-8\r\n";
    if (short_lines) {
        out += "Content-Transfer-Encoding: 8bit\r\n\r\n";
        for (const char c : body) {
            if (c == '\n') out += "\r\n";
            else out.push_back(c);
        }
        if (body.empty() || body.back() != '\n') out += "\r\n";
    } else {
        out += "Content-Transfer-Encoding: base64\r\n\r\n";
        const std::string encoded = common::base64_encode(body);
        for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
    }
    return out;
}

}  // namespace

Result<std::string, Error> build_message(const MessageParts& p) {
    if (common::has_line_break(p.subject) || common::has_line_break(p.from_header))
        return unexpected(Error(errc::invalid_argument, "line break in a header field"));
    std::string to;
    for (const auto& r : p.to) {
        if (common::has_line_break(r)) return unexpected(Error(errc::invalid_argument, "line break in a recipient"));
        if (!to.empty()) to += ", ";
        to += r;
    }
    std::string m;
    m += "From: " + p.from_header + "\r\n";
    m += "To: " + to + "\r\n";
    m += "Subject: " + common::encode_header_text(p.subject) + "\r\n";
    m += "Date: " + common::rfc5322_date(p.date) + "\r\n";
    m += "Message-ID: <" + p.message_id + ">\r\n";
    if (auto checked = common::check_extra_headers(p.headers); !checked) return unexpected(std::move(checked).error());
    for (const auto& [name, value] : p.headers) m += name + ": " + value + "\r\n";
    m += "MIME-Version: 1.0\r\n";
    if (!p.text.empty() && !p.html.empty()) {
        const std::string boundary = "=_mailwarden_" + p.message_id;
        m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
        m += "--" + boundary + "\r\n" + body_part("text/plain", p.text);
        m += "--" + boundary + "\r\n" + body_part("text/html", p.html);
        m += "--" + boundary + "--\r\n";
    } else if (!p.html.empty()) {
        m += body_part("text/html", p.html);
    } else {
        m += body_part("text/plain", p.text);
    }
    return m;
}

Result<std::string, Error> compose_message(const OutgoingMessage& message, std::string_view display_name,
                                           std::string message_id, TimePoint date) {
    MessageParts parts;
    auto from = format_address(display_name, message.from);
    if (!from) return unexpected(std::move(from).error());
    parts.from_header = std::move(*from);
    parts.to = message.to;
    parts.subject = message.subject;
    parts.text = message.text;
    parts.html = message.html;
    parts.headers = message.headers;
    parts.message_id = std::move(message_id);
    parts.date = date;
    return build_message(parts);
}

}  // namespace mailwarden::common
