#include "http_types.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
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

bool percent_decode(const std::string& in, std::string& out) {
    const auto escaped = boost::urls::make_pct_string_view(in);
    if (!escaped) return false;
    out = escaped->decode();
    return true;
}

}  // namespace console
