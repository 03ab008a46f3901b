// The INI dialect of ~/.aws/credentials and ~/.aws/config. Messages name
// line numbers only: a line may hold a secret, so none is ever quoted.
#include <mailwarden/net/credentials.hpp>

#include <algorithm>

namespace mailwarden::aws {

namespace {

bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

// A '#' or ';' preceded by whitespace starts a comment.
std::string_view strip_inline_comment(std::string_view s) noexcept {
    for (std::size_t i = 1; i < s.size(); ++i)
        if ((s[i] == '#' || s[i] == ';') && is_blank(s[i - 1])) return trim(s.substr(0, i));
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    return out;
}

std::size_t indent_of(std::string_view line) noexcept {
    std::size_t n = 0;
    while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
    return n;
}

}  // namespace

const SharedConfigSection* SharedConfigParse::find(std::string_view name) const noexcept {
    for (const auto& s : sections)
        if (s.name == name) return &s;
    return nullptr;
}

SharedConfigParse parse_shared_config(std::string_view text) {
    SharedConfigParse result;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

    auto fail = [&result](std::size_t line, std::string_view why) {
        result.sections.clear();
        result.error = make_error_code(CredentialsErrc::malformed_file);
        result.error_line = line;
        result.message = "line " + std::to_string(line) + ": " + std::string(why);
    };

    SharedConfigSection* section = nullptr;
    std::string parent_key;        // the last key of the section
    std::size_t parent_indent = 0;  // its indentation
    bool parent_empty = false;      // "key =" with nothing after: sub-properties may follow

    std::size_t line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view raw = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;

        const std::size_t indent = indent_of(raw);
        if (line.front() == '[') {
            const std::size_t close = line.find(']');
            if (close == std::string_view::npos) {
                fail(line_no, "section header without ']'");
                return result;
            }
            const std::string_view after = trim(line.substr(close + 1));
            if (!after.empty() && after.front() != '#' && after.front() != ';') {
                fail(line_no, "text after the section header");
                return result;
            }
            const std::string_view name = trim(line.substr(1, close - 1));
            if (name.empty()) {
                fail(line_no, "empty section name");
                return result;
            }
            auto it = std::find_if(result.sections.begin(), result.sections.end(),
                                   [name](const SharedConfigSection& s) { return s.name == name; });
            if (it == result.sections.end()) {
                result.sections.push_back({std::string(name), {}});
                it = result.sections.end() - 1;
            }
            section = &*it;
            parent_key.clear();
            continue;
        }
        if (section == nullptr) {
            fail(line_no, "'key = value' before any [section]");
            return result;
        }

        // Deeper than the key above: a sub-property ("s3 =" then
        // "  max_concurrent_requests = 10") or a continuation of its value.
        if (!parent_key.empty() && indent > parent_indent) {
            const std::size_t eq = line.find('=');
            if (parent_empty && eq != std::string_view::npos) {
                const std::string sub = lower(trim(line.substr(0, eq)));
                if (sub.empty()) {
                    fail(line_no, "empty key");
                    return result;
                }
                section->values[parent_key + "." + sub] = std::string(strip_inline_comment(trim(line.substr(eq + 1))));
            } else {
                std::string& value = section->values[parent_key];
                if (!value.empty()) value.push_back('\n');
                value.append(strip_inline_comment(line));
                parent_empty = false;
            }
            continue;
        }

        const std::size_t eq = line.find('=');
        if (eq == std::string_view::npos) {
            fail(line_no, "expected 'key = value'");
            return result;
        }
        std::string key = lower(trim(line.substr(0, eq)));
        if (key.empty()) {
            fail(line_no, "empty key");
            return result;
        }
        const std::string_view value = strip_inline_comment(trim(line.substr(eq + 1)));
        section->values[key] = std::string(value);
        parent_key = std::move(key);
        parent_indent = indent;
        parent_empty = value.empty();
    }
    return result;
}

}  // namespace mailwarden::aws
