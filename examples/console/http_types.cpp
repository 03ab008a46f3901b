#include "http_types.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace console {

std::string Request::header(const std::string& lower_name) const {
    const auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::param(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

bool parse_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query) {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) return false;
    path = std::string(parsed->encoded_path());
    query.clear();
    for (const auto& param : parsed->params()) query.emplace(param.key, param.has_value ? param.value : std::string());
    return true;
}

bool parse_form(const std::string& body, std::map<std::string, std::string>& fields) {
    std::string path;  // a form body has a query's syntax, "+" for a space included
    return parse_target("/?" + body, path, fields);
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool percent_decode(const std::string& in, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) return false;
        const int hi = hex_value(in[i + 1]);
        const int lo = hex_value(in[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

}  // namespace console
