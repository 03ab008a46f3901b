#include "message/dkim/message_fields.hpp"

namespace mailwarden::message_detail {

namespace {

// The length of the field name at the start of `line`, or 0 when the line
// is not a field: printable ASCII up to the colon, where obsolete syntax
// allows blanks before the colon.
std::size_t field_name_length(std::string_view line) noexcept {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return 0;
    std::size_t name = colon;
    while (name > 0 && (line[name - 1] == ' ' || line[name - 1] == '\t')) --name;
    for (std::size_t i = 0; i < name; ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c <= 32 || c >= 127) return 0;
    }
    return name;
}

struct Line {
    std::string_view content;  ///< without its line end
    std::size_t next;          ///< where the next line starts
};

Line line_at(std::string_view text, std::size_t pos) noexcept {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return {text.substr(pos), text.size()};
    std::size_t end = nl;
    if (end > pos && text[end - 1] == '\r') --end;
    return {text.substr(pos, end - pos), nl + 1};
}

}  // namespace

RawMessage split_message(std::string_view message) {
    RawMessage out;
    std::size_t pos = 0;
    if (message.starts_with("From ")) pos = line_at(message, 0).next;
    std::size_t field_start = 0;
    std::size_t field_end = 0;  // end of the current field's last line, without its line end
    bool in_field = false;
    auto close_field = [&] {
        if (in_field) out.fields.back().text = message.substr(field_start, field_end - field_start);
    };
    while (pos < message.size()) {
        const Line line = line_at(message, pos);
        if (line.content.empty()) {
            close_field();
            out.body = message.substr(line.next);
            return out;
        }
        if (line.content[0] == ' ' || line.content[0] == '\t') {
            if (!in_field) break;
            field_end = pos + line.content.size();
            pos = line.next;
            continue;
        }
        const std::size_t name = field_name_length(line.content);
        if (name == 0) break;
        close_field();
        out.fields.push_back({line.content.substr(0, name), {}});
        in_field = true;
        field_start = pos;
        field_end = pos + line.content.size();
        pos = line.next;
    }
    close_field();
    out.body = message.substr(pos);
    return out;
}

}  // namespace mailwarden::message_detail
