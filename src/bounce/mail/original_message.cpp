#include "bounce/mail/original_message.hpp"

#include "bounce/mail/dsn_fields.hpp"
#include "bounce/mail/report_text.hpp"
#include "bounce/mime/ascii.hpp"
#include "bounce/mime/encoded_words.hpp"

namespace mailwarden::bounce_detail {

namespace {

void from_headers(const HeaderBlock& h, OriginalMessage& out) {
    out.found = true;
    std::string_view id = trim(h.get("Message-ID"));
    if (id.starts_with('<') && id.find('>') != std::string_view::npos) id = id.substr(1, id.find('>') - 1);
    out.message_id = std::string(id);
    const auto from = addresses_in(h.get("From"));
    if (!from.empty()) out.from = from.front();
    for (const HeaderField& f : h.fields)
        if (iequals(f.name, "To") || iequals(f.name, "Cc"))
            for (std::string& a : addresses_in(f.value)) out.to.push_back(std::move(a));
}

}  // namespace

std::vector<std::string> addresses_in(std::string_view value) {
    std::vector<std::string> out;
    // Commas inside quoted display names do not separate addresses.
    std::size_t start = 0;
    bool quoted = false;
    for (std::size_t i = 0; i <= value.size(); ++i) {
        if (i < value.size() && value[i] == '"') quoted = !quoted;
        if (i == value.size() || (value[i] == ',' && !quoted)) {
            std::string a = clean_address(value.substr(start, i - start));
            if (!a.empty()) out.push_back(std::move(a));
            start = i + 1;
            if (out.size() >= 100) break;
        }
    }
    return out;
}

OriginalMessage find_original_message(const Mail& mail) {
    OriginalMessage out;
    const Entity* part = find_entity(mail.root, [](const Entity& e) { return e.holds_message(); });
    if (part != nullptr && !part->children.empty()) {
        from_headers(part->children.front().headers, out);
        return out;
    }
    // A plain-text bounce quoting the original after a marker line.
    const Entity* text = find_entity(mail.root, [](const Entity& e) { return e.content_type.type == "text"; });
    if (text == nullptr) return out;
    const std::string body = text->text();
    const std::size_t marker = original_message_marker(body);
    if (marker == std::string_view::npos) return out;
    std::string_view rest = std::string_view(body).substr(marker);
    const std::size_t nl = rest.find('\n');
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    while (!rest.empty() && trim(rest.substr(0, rest.find('\n'))).empty()) {
        const std::size_t next = rest.find('\n');
        rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
    }
    HeaderBlock h;
    parse_header_block(rest, h);
    if (!h.empty()) from_headers(h, out);
    return out;
}

}  // namespace mailwarden::bounce_detail
