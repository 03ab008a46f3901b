#include "bounce/mime/entity.hpp"

#include "bounce/mime/ascii.hpp"
#include "bounce/mime/charset.hpp"
#include "bounce/mime/encoded_words.hpp"
#include "bounce/mime/line_endings.hpp"
#include "bounce/mime/transfer_encoding.hpp"

namespace mailwarden::bounce_detail {

namespace {

struct Reader {
    Mail& mail;
    std::size_t entities = 0;

    // Fills `e` from `text` (headers then body); `default_type` applies when
    // it has no Content-Type (message/rfc822 in a multipart/digest).
    void read(Entity& e, std::string_view text, int depth, std::string_view default_type, bool headers_only) {
        ++entities;
        const std::size_t body_at = parse_header_block(text, e.headers);
        e.body = headers_only ? std::string_view{} : text.substr(body_at);
        const std::string_view ct = e.headers.get("Content-Type");
        e.content_type = parse_content_type(ct, default_type);
        if (headers_only) return;
        if (depth >= max_mime_depth || entities >= max_mime_entities) {
            if (e.is_multipart() || e.holds_message()) mail.truncated = true;
            return;
        }
        if (e.is_multipart()) {
            split_parts(e, depth);
        } else if (e.holds_message()) {
            read_inner_message(e, depth);
        }
    }

    void read_inner_message(Entity& e, int depth) {
        const bool headers_only = e.content_type.subtype == "rfc822-headers" ||
                                  e.content_type.subtype == "global-headers";
        std::string_view inner = e.body;
        const std::string_view cte = trim(e.headers.get("Content-Transfer-Encoding"));
        if (iequals(cte, "base64") || iequals(cte, "quoted-printable")) {
            mail.buffers.push_back(to_lf(decode_transfer_encoding(e.body, cte)));
            inner = mail.buffers.back();
        }
        e.children.emplace_back();
        if (headers_only) {
            // Header-only parts hold no body: the whole text is headers.
            parse_header_block(inner, e.children.back().headers);
            ++entities;
            return;
        }
        read(e.children.back(), inner, depth + 1, "text/plain", false);
    }

    // "--boundary" at the start of a line, followed by "--", blanks or the
    // line end: 1 for a delimiter, 2 for the close delimiter, 0 otherwise.
    static int delimiter_at(std::string_view body, std::size_t at, std::string_view boundary) {
        if (body.compare(at, 2, "--") != 0 || body.compare(at + 2, boundary.size(), boundary) != 0) return 0;
        std::size_t i = at + 2 + boundary.size();
        int kind = 1;
        if (body.compare(i, 2, "--") == 0) {
            kind = 2;
            i += 2;
        }
        while (i < body.size() && (body[i] == ' ' || body[i] == '\t')) ++i;
        return i == body.size() || body[i] == '\n' ? kind : 0;
    }

    void split_parts(Entity& e, int depth) {
        const std::string_view boundary = e.content_type.param("boundary");
        if (boundary.empty() || boundary.size() > 200) return;
        const bool digest = e.content_type.subtype == "digest";
        const std::string_view body = e.body;
        std::size_t part_start = std::string_view::npos;
        std::size_t line = 0;
        while (line < body.size()) {
            const int kind = body[line] == '-' ? delimiter_at(body, line, boundary) : 0;
            if (kind != 0) {
                // The line end before a delimiter belongs to the delimiter.
                if (part_start != std::string_view::npos) {
                    const std::size_t end = line > part_start ? line - 1 : part_start;
                    add_part(e, body.substr(part_start, end - part_start), depth, digest);
                    if (entities >= max_mime_entities) {
                        mail.truncated = true;
                        return;
                    }
                }
                if (kind == 2) return;
                const std::size_t nl = body.find('\n', line);
                part_start = nl == std::string_view::npos ? body.size() : nl + 1;
                line = part_start;
                continue;
            }
            const std::size_t nl = body.find('\n', line);
            if (nl == std::string_view::npos) break;
            line = nl + 1;
        }
        // No close delimiter: the last part runs to the end.
        if (part_start != std::string_view::npos && part_start < body.size())
            add_part(e, body.substr(part_start), depth, digest);
    }

    void add_part(Entity& parent, std::string_view text, int depth, bool digest) {
        parent.children.emplace_back();
        read(parent.children.back(), text, depth + 1, digest ? "message/rfc822" : "text/plain", false);
    }
};

}  // namespace

bool Entity::holds_message() const noexcept {
    const ContentType& ct = content_type;
    if (ct.type == "message")
        return ct.subtype == "rfc822" || ct.subtype == "global" || ct.subtype == "rfc822-headers" ||
               ct.subtype == "global-headers";
    return ct.type == "text" && ct.subtype == "rfc822-headers";
}

std::string Entity::decoded_body() const {
    return decode_transfer_encoding(body, headers.get("Content-Transfer-Encoding"));
}

std::string Entity::text() const {
    std::string charset(content_type.param("charset"));
    return to_utf8(decoded_body(), charset);
}

std::string Entity::header_text(std::string_view name) const { return decode_header_value(headers.get(name)); }

Mail parse_mail(std::string_view raw) {
    Mail mail;
    mail.buffers.push_back(to_lf(raw));
    Reader reader{mail};
    reader.read(mail.root, mail.buffers.front(), 0, "text/plain", false);
    return mail;
}

}  // namespace mailwarden::bounce_detail
