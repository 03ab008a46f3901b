#include "bounce/mail/report_text.hpp"

#include "bounce/mime/ascii.hpp"

#include <array>

namespace mailwarden::bounce_detail {

namespace {

// A report longer than this is cut: the explanation is at its start.
constexpr std::size_t max_report = 64 * 1024;

struct Collector {
    std::string out;

    // False once the returned message is reached: what follows is the
    // original, not the report.
    bool collect(const Entity& e) {
        if (out.size() >= max_report) return false;
        if (e.holds_message()) return false;
        const ContentType& ct = e.content_type;
        if (e.is_multipart() && !e.children.empty()) {
            if (ct.subtype == "alternative") return collect_alternative(e);
            for (const Entity& c : e.children)
                if (!collect(c)) return false;
            return true;
        }
        if (ct.type == "text" && ct.subtype == "html") {
            append(html_to_text(e.text()));
        } else if (ct.type == "text" || e.is_multipart()) {
            // A multipart whose boundary never occurs: its body is the text.
            append(e.text());
        }
        return true;
    }

    bool collect_alternative(const Entity& e) {
        for (const Entity& c : e.children)
            if (c.content_type.is("text", "plain")) return collect(c);
        for (const Entity& c : e.children)
            if (!collect(c)) return false;
        return true;
    }

    void append(std::string_view text) {
        if (!out.empty() && out.back() != '\n') out.push_back('\n');
        out.append(text.substr(0, max_report - std::min(max_report, out.size())));
    }
};

bool marker_line(std::string_view line) noexcept {
    const std::string_view trimmed = trim(line);
    if (trimmed.size() < 12 || trimmed.size() > 120) return false;
    // Lower case once, then plain searches.
    std::array<char, 120> buf;
    for (std::size_t i = 0; i < trimmed.size(); ++i) buf[i] = ascii_lower(trimmed[i]);
    const std::string_view t(buf.data(), trimmed.size());
    static constexpr std::array<std::string_view, 14> anywhere = {
        "this is a copy of the message",
        "below this line is a copy of the message",
        "message headers follow",
        "header of the original message is following",
        "unsent message follows",
        "below is a copy of the original message",
        "included is a copy of the message header",
        "original message follows",
        "original message headers",
        "message text follows",
        "original mail info",
        "returned message follows",
        "copy of the original message follows",
        "undelivered message follows",
    };
    for (const std::string_view m : anywhere)
        if (t.find(m) != std::string_view::npos) return true;
    // A heading of its own: "Original Message:".
    if (t == "original message:" || t == "returned message:") return true;
    // "----- Original message -----", "------- Returned Message --------".
    const bool ruled = t.front() == '-' || t.front() == '=' || t.front() == '*' || t.front() == '|';
    return ruled && (t.find("original message") != std::string_view::npos ||
                     t.find("returned message") != std::string_view::npos ||
                     t.find("original mail") != std::string_view::npos);
}

}  // namespace

std::size_t original_message_marker(std::string_view text) noexcept {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        if (marker_line(text.substr(pos, end - pos))) return pos;
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return std::string_view::npos;
}

std::string report_text(const Mail& mail) {
    Collector c;
    c.collect(mail.root);
    const std::size_t cut = original_message_marker(c.out);
    if (cut != std::string_view::npos) c.out.resize(cut);
    return std::move(c.out);
}

std::string html_to_text(std::string_view html) {
    std::string out;
    out.reserve(html.size() / 2);
    std::size_t i = 0;
    while (i < html.size()) {
        const char c = html[i];
        if (c == '<') {
            // Comments, scripts and styles go whole.
            if (html.compare(i, 4, "<!--") == 0) {
                const std::size_t end = html.find("-->", i + 4);
                i = end == std::string_view::npos ? html.size() : end + 3;
                continue;
            }
            const std::size_t end = html.find('>', i);
            if (end == std::string_view::npos) break;
            const std::string_view tag = html.substr(i + 1, end - i - 1);
            bool skipped_block = false;
            for (const std::string_view skipped : {std::string_view("script"), std::string_view("style")}) {
                if (istarts_with(tag, skipped)) {
                    const std::size_t close = ifind(html, std::string("</") + std::string(skipped), end);
                    i = close == std::string_view::npos ? html.size() : close;  // at the closing tag
                    skipped_block = true;
                    break;
                }
            }
            if (skipped_block) continue;
            if (istarts_with(tag, "br") || istarts_with(tag, "/p") || istarts_with(tag, "/div") ||
                istarts_with(tag, "/tr") || istarts_with(tag, "/li") || istarts_with(tag, "p") ||
                istarts_with(tag, "/h"))
                out.push_back('\n');
            else
                out.push_back(' ');
            i = end + 1;
            continue;
        }
        if (c == '&') {
            static constexpr std::pair<std::string_view, char> entities[] = {
                {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&nbsp;", ' '}, {"&#39;", '\''}};
            bool decoded = false;
            for (const auto& [name, ch] : entities) {
                if (html.compare(i, name.size(), name) == 0) {
                    out.push_back(ch);
                    i += name.size();
                    decoded = true;
                    break;
                }
            }
            if (decoded) continue;
        }
        out.push_back(c);
        ++i;
    }
    return out;
}

}  // namespace mailwarden::bounce_detail
