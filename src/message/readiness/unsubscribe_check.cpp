// One-click unsubscribe (RFC 8058): List-Unsubscribe with an https URI,
// List-Unsubscribe-Post: List-Unsubscribe=One-Click, and both fields under
// a DKIM signature that passes (else a forwarder could add them).
#include "message/readiness/readiness_checks.hpp"

#include "auth/tag_list.hpp"
#include "message/dkim/message_fields.hpp"

#include <algorithm>

namespace mailwarden::message_detail {

namespace {

using auth::iequals;

// The field's value unfolded and trimmed; nullopt when the field is absent.
std::optional<std::string> field_value(const RawMessage& message, std::string_view name) {
    for (const auto& f : message.fields) {
        if (!iequals(f.name, name)) continue;
        std::string value;
        for (const char c : f.text.substr(std::min(f.text.find(':') + 1, f.text.size())))
            if (c != '\r' && c != '\n') value += c;
        return std::string(auth::trim(value));
    }
    return std::nullopt;
}

bool has_https_uri(std::string_view value) {
    for (auto open = value.find('<'); open != std::string_view::npos; open = value.find('<', open + 1))
        if (iequals(value.substr(open + 1, std::min<std::size_t>(8, value.size() - open - 1)), "https://")) return true;
    return false;
}

bool signs(const DkimCheck& d, std::string_view field) {
    return std::any_of(d.signed_headers.begin(), d.signed_headers.end(), [&](const std::string& h) { return iequals(h, field); });
}

}  // namespace

void check_one_click_unsubscribe(const ReadinessContext& ctx, ReadinessRule& rule) {
    if (!ctx.sample) return settle(rule, RuleStatus::unknown, "no sample message: the headers cannot be seen");
    const auto message = split_message(*ctx.input.sample);
    const auto list = field_value(message, "List-Unsubscribe");
    if (!list) return settle(rule, RuleStatus::fail, "no List-Unsubscribe field");
    if (!has_https_uri(*list)) return settle(rule, RuleStatus::fail, "List-Unsubscribe has no https URI: " + *list);
    const auto post = field_value(message, "List-Unsubscribe-Post");
    if (!post) return settle(rule, RuleStatus::fail, "no List-Unsubscribe-Post field");
    if (!iequals(*post, "List-Unsubscribe=One-Click"))
        return settle(rule, RuleStatus::fail, "List-Unsubscribe-Post is \"" + *post + "\", not List-Unsubscribe=One-Click");
    const auto& dkim = ctx.sample->dkim;
    const auto covering = std::find_if(dkim.begin(), dkim.end(), [](const DkimCheck& d) {
        return d.result == "pass" && signs(d, "List-Unsubscribe") && signs(d, "List-Unsubscribe-Post");
    });
    if (covering == dkim.end())
        return settle(rule, RuleStatus::fail, "both fields present, but no passing DKIM signature covers both in h=");
    settle(rule, RuleStatus::pass, "List-Unsubscribe: " + *list + "; List-Unsubscribe-Post: " + *post + "; signed by d=" + covering->domain);
}

}  // namespace mailwarden::message_detail
