#include "bounce/mime/header_block.hpp"

#include "bounce/mime/ascii.hpp"

namespace mailwarden::bounce_detail {

namespace {

// The length of a field name at the start of `line` (up to the colon), or
// 0 when the line is no field. Obsolete syntax allows blanks before the colon.
std::size_t field_name_length(std::string_view line) noexcept {
    std::size_t i = 0;
    while (i < line.size() && line[i] != ':') {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c <= 32 || c >= 127) break;
        ++i;
    }
    const std::size_t name = i;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    return name > 0 && i < line.size() && line[i] == ':' ? name : 0;
}

}  // namespace

std::string_view HeaderBlock::get(std::string_view name) const noexcept {
    for (const auto& f : fields)
        if (iequals(f.name, name)) return f.value;
    return {};
}

bool HeaderBlock::has(std::string_view name) const noexcept {
    for (const auto& f : fields)
        if (iequals(f.name, name)) return true;
    return false;
}

std::size_t parse_header_block(std::string_view text, HeaderBlock& out, std::size_t max_fields) {
    std::size_t pos = 0;
    if (text.starts_with("From ")) {
        const std::size_t nl = text.find('\n');
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    bool in_field = false;  // the last line was a field
    bool dropped = false;   // ... one over the limit, not kept
    while (pos < text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        const std::string_view line = text.substr(pos, end - pos);
        const std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
        if (trim(line).empty()) return next;
        if (line[0] == ' ' || line[0] == '\t') {
            if (!in_field) return pos;  // a body that starts indented
            if (!dropped) {
                std::string& value = out.fields.back().value;
                if (!value.empty()) value.push_back(' ');
                value.append(trim(line));
            }
            pos = next;
            continue;
        }
        const std::size_t name = field_name_length(line);
        if (name == 0) return pos;
        in_field = true;
        dropped = out.fields.size() >= max_fields;
        if (!dropped) {
            const std::size_t colon = line.find(':', name);
            out.fields.push_back({line.substr(0, name), std::string(trim(line.substr(colon + 1)))});
        }
        pos = next;
    }
    return text.size();
}

}  // namespace mailwarden::bounce_detail
