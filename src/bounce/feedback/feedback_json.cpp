// The JSON line of `mwctl bounces classify --json`, a contract scripts
// rely on: the field names and values are fixed, null where unknown.
#include <mailwarden/bounce.hpp>

#include <boost/json.hpp>

namespace mailwarden {

namespace {

namespace json = boost::json;

// Mail carries bytes of any charset the reader could not convert; JSON
// needs UTF-8. Invalid sequences become U+FFFD.
std::string utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n != 0 && i + n <= s.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok && n > 1) {
            // No overlong forms, surrogates or code points past U+10FFFF.
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(n == 2 && c < 0xC2) && !(n == 3 && c == 0xE0 && c1 < 0xA0) && !(n == 3 && c == 0xED && c1 >= 0xA0) &&
                 !(n == 4 && c == 0xF0 && c1 < 0x90) && !(n == 4 && (c > 0xF4 || (c == 0xF4 && c1 >= 0x90)));
        }
        if (ok) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            out.append("\xEF\xBF\xBD");
            ++i;
        }
    }
    return out;
}

json::value string_or_null(std::string_view s) { return s.empty() ? json::value(nullptr) : json::value(utf8(s)); }

}  // namespace

std::string to_json(const FeedbackEvent& event, std::string_view source) {
    json::array recipients;
    for (const RecipientFeedback& r : event.recipients) {
        json::object o;
        o["address"] = utf8(r.address);
        o["class"] = to_string(r.bounce_class);
        o["status"] = string_or_null(r.status);
        o["smtp_code"] = r.smtp_code == 0 ? json::value(nullptr) : json::value(r.smtp_code);
        o["reason"] = to_string(r.reason);
        o["diagnostic"] = string_or_null(r.diagnostic);
        recipients.emplace_back(std::move(o));
    }
    json::object o;
    o["source"] = utf8(source);
    o["format"] = to_string(event.format);
    o["kind"] = to_string(event.kind);
    o["recipients"] = std::move(recipients);
    return json::serialize(o);
}

}  // namespace mailwarden
