// The JSON line of `mwctl bounces classify --json`, a contract scripts
// rely on: the field names and values are fixed, null where unknown.
#include <mailwarden/bounce.hpp>

#include "common/utf8.hpp"

#include <boost/json.hpp>

namespace mailwarden {

namespace {

namespace json = boost::json;

// Mail carries bytes of any charset the reader could not convert; JSON
// needs UTF-8.
using common::valid_utf8;

json::value string_or_null(std::string_view s) { return s.empty() ? json::value(nullptr) : json::value(valid_utf8(s)); }

}  // namespace

std::string to_json(const FeedbackEvent& event, std::string_view source) {
    json::array recipients;
    for (const RecipientFeedback& r : event.recipients) {
        json::object o;
        o["address"] = valid_utf8(r.address);
        o["class"] = to_string(r.bounce_class);
        o["status"] = string_or_null(r.status);
        o["smtp_code"] = r.smtp_code == 0 ? json::value(nullptr) : json::value(r.smtp_code);
        o["reason"] = to_string(r.reason);
        o["diagnostic"] = string_or_null(r.diagnostic);
        recipients.emplace_back(std::move(o));
    }
    json::object o;
    o["source"] = valid_utf8(source);
    o["format"] = to_string(event.format);
    o["kind"] = to_string(event.kind);
    o["recipients"] = std::move(recipients);
    return json::serialize(o);
}

}  // namespace mailwarden
