#include "auth/tag_list.hpp"

#include <cctype>

namespace mailwarden::auth {

std::string_view trim(std::string_view s) noexcept {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

std::vector<std::string_view> split_list(std::string_view value, char separator) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = value.find(separator, start);
        out.push_back(trim(value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

std::string remove_whitespace(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value)
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c);
    return out;
}

namespace {

bool valid_tag_name(std::string_view name) {
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
    for (const char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

}  // namespace

const Tag* find_tag(const std::vector<Tag>& tags, std::string_view name, bool ignore_case) {
    for (const auto& t : tags)
        if (ignore_case ? iequals(t.name, name) : t.name == name) return &t;
    return nullptr;
}

std::optional<std::vector<Tag>> parse_tag_list(std::string_view text, TagListError& error, bool ignore_case) {
    std::vector<Tag> tags;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(';', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view element = trim(text.substr(start, end - start));
        const bool last = end == text.size();
        start = end + 1;
        if (element.empty()) {
            if (last) break;  // "a=b;" ends with an empty element
            error.message = "empty element between ';'";
            return std::nullopt;
        }
        const std::size_t eq = element.find('=');
        if (eq == std::string_view::npos) {
            error.message = "element '" + std::string(element) + "' has no '='";
            return std::nullopt;
        }
        Tag tag{std::string(trim(element.substr(0, eq))), std::string(trim(element.substr(eq + 1)))};
        if (!valid_tag_name(tag.name)) {
            error.message = "invalid tag name '" + tag.name + "'";
            return std::nullopt;
        }
        if (find_tag(tags, tag.name, ignore_case) != nullptr) {
            error.message = "tag '" + tag.name + "' appears twice";
            return std::nullopt;
        }
        tags.push_back(std::move(tag));
        if (last) break;
    }
    return tags;
}

}  // namespace mailwarden::auth
