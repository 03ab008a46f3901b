#include "suite_reader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace sigv4_test {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view RawRequest::path() const {
    const std::string_view t = target;
    return t.substr(0, t.find('?'));
}

std::string_view RawRequest::query() const {
    const std::string_view t = target;
    const auto q = t.find('?');
    return q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

std::vector<mailwarden::sigv4::Header> RawRequest::header_views() const {
    std::vector<mailwarden::sigv4::Header> out;
    for (const auto& [name, value] : headers) out.push_back({name, value});
    return out;
}

std::vector<std::string> RawRequest::values(std::string_view name) const {
    std::vector<std::string> out;
    const std::string wanted = lower(name);
    for (const auto& [n, v] : headers)
        if (lower(n) == wanted) out.emplace_back(trim(v));
    return out;
}

std::optional<RawRequest> parse_raw_request(std::string_view text) {
    RawRequest r;
    std::size_t pos = 0;
    auto next_line = [&](std::string_view& line) {
        if (pos > text.size()) return false;
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return true;
    };
    std::string_view line;
    if (!next_line(line)) return std::nullopt;
    // The target may hold spaces ("/example space/"): the method ends at the
    // first space, the version starts after the last one.
    const auto first = line.find(' ');
    const auto last = line.rfind(' ');
    if (first == std::string_view::npos || first == last) return std::nullopt;
    r.method = line.substr(0, first);
    r.target = line.substr(first + 1, last - first - 1);
    r.version = line.substr(last + 1);
    while (next_line(line)) {
        if (line.empty()) {
            if (pos <= text.size()) r.body = text.substr(pos);
            break;
        }
        if ((line.front() == ' ' || line.front() == '\t') && !r.headers.empty()) {
            r.headers.back().second.append("\n").append(line);
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) return std::nullopt;
        r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
    }
    return r;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

RawRequest apply_signature(const RawRequest& request, const mailwarden::sigv4::SignedRequest& signed_request) {
    RawRequest out = request;
    if (!signed_request.presigned_query().empty()) {
        out.target = std::string(request.path()) + "?" + std::string(signed_request.presigned_query());
        return out;
    }
    for (const auto& h : signed_request.headers_to_add()) {
        const std::string name = lower(h.name);
        std::erase_if(out.headers, [&](const auto& kv) { return lower(kv.first) == name; });
        out.headers.emplace_back(std::string(h.name), std::string(h.value));
    }
    return out;
}

bool same_request(const RawRequest& a, const RawRequest& b, std::string& why) {
    if (a.method != b.method || a.target != b.target || a.version != b.version) {
        why = "request line: '" + a.method + " " + a.target + " " + a.version + "' vs '" + b.method + " " + b.target +
              " " + b.version + "'";
        return false;
    }
    auto normal = [](const RawRequest& r) {
        std::vector<std::pair<std::string, std::string>> h;
        for (const auto& [n, v] : r.headers) h.emplace_back(lower(n), std::string(trim(v)));
        std::sort(h.begin(), h.end());
        return h;
    };
    const auto ha = normal(a);
    const auto hb = normal(b);
    if (ha != hb) {
        why = "headers differ:";
        for (const auto& [n, v] : ha) why += "\n  ours:     " + n + ": " + v;
        for (const auto& [n, v] : hb) why += "\n  expected: " + n + ": " + v;
        return false;
    }
    if (a.body != b.body) {
        why = "body differs";
        return false;
    }
    return true;
}

}  // namespace sigv4_test
