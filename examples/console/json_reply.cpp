#include "json_reply.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace console {

Response json_reply(int status, const boost::json::value& body) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = boost::json::serialize(body);
    return r;
}

Response json_error(int status, std::string_view code, std::string_view message) {
    boost::json::object error;
    error["code"] = code;
    error["message"] = message;
    boost::json::object body;
    body["error"] = std::move(error);
    return json_reply(status, body);
}

Response method_not_allowed() { return json_error(405, "MW_EINVAL", "method not allowed here"); }

Response no_such_route() { return json_error(404, "MW_ENOTFOUND", "no such API route"); }

Response no_content() {
    Response r;
    r.status = 204;
    return r;
}

int http_status_of(const mailwarden::Error& error) {
    using mailwarden::errc;
    switch (error.kind()) {
        case errc::invalid_argument:
        case errc::parse: return 400;
        case errc::not_found: return 404;
        case errc::already_exists: return 409;
        case errc::policy: return 422;
        case errc::io:
        case errc::transport: return 503;
        default: return 500;
    }
}

Response json_error(const mailwarden::Error& error) {
    return json_error(http_status_of(error), mailwarden::status_name(static_cast<int>(error.kind())), error.message);
}

boost::json::value parse_library_json(const std::string& text) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec) return boost::json::value(nullptr);
    return v;
}

std::optional<boost::json::object> parse_json_object(const std::string& body, Response& reply) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) {
        reply = json_error(400, mailwarden::status_name(static_cast<int>(mailwarden::errc::parse)),
                           "the request body must be a JSON object");
        return std::nullopt;
    }
    return std::move(v.as_object());
}

std::string string_member(const boost::json::object& object, std::string_view name) {
    const auto* v = object.if_contains(name);
    if (v == nullptr || !v->is_string()) return {};
    return std::string(v->as_string());
}

}  // namespace console
