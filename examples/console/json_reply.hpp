// JSON answers: values serialised by Boost.JSON, errors in one shape
// {"error":{"code":"MW_E...","message":"..."}} with the HTTP status of the
// error's kind.
#pragma once

#include "http_types.hpp"

#include <mailwarden/error.hpp>

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace console {

Response json_reply(int status, const boost::json::value& body);
Response json_error(int status, std::string_view code, std::string_view message);
/// 400 invalid_argument/parse, 404 not_found, 409 already_exists, 422
/// policy, 503 io/transport, 500 otherwise; code is the kind's stable name.
Response json_error(const mailwarden::Error& error);
int http_status_of(const mailwarden::Error& error);

/// 405 for a route that has no such method, 404 for a path that is no API
/// route, 204 for a change with nothing to return.
Response method_not_allowed();
Response no_such_route();
Response no_content();

/// A JSON text a library function produced, as a value to embed.
boost::json::value parse_library_json(const std::string& text);

/// The body as a JSON object; nullopt (with `reply` set to 400) when it is not one.
std::optional<boost::json::object> parse_json_object(const std::string& body, Response& reply);

/// A string member of an object; empty when missing or not a string.
std::string string_member(const boost::json::object& object, std::string_view name);

}  // namespace console
