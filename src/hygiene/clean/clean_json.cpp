// The JSON form of a verdict (mwctl list clean --json, the bindings).
#include <mailwarden/list_clean.hpp>

#include <boost/json.hpp>

namespace mailwarden {

std::string_view to_string(MailDomainStatus status) noexcept {
    switch (status) {
    case MailDomainStatus::not_checked: return "not_checked";
    case MailDomainStatus::accepts_mail: return "accepts_mail";
    case MailDomainStatus::implicit_mx: return "implicit_mx";
    case MailDomainStatus::null_mx: return "null_mx";
    case MailDomainStatus::no_mail_domain: return "no_mail_domain";
    case MailDomainStatus::unknown: return "unknown";
    }
    return "not_checked";
}

std::string to_json(const CleanVerdict& v) {
    namespace json = boost::json;
    json::array reasons;
    for (const auto& r : v.reasons) reasons.emplace_back(r);
    return json::serialize(json::object{
        {"input", v.input},
        {"address", v.address.empty() ? json::value(nullptr) : json::value(v.address)},
        {"verdict", to_string(v.verdict)},
        {"reasons", std::move(reasons)},
        {"duplicate_of", v.duplicate_of ? json::value(*v.duplicate_of) : json::value(nullptr)},
        {"suggestion", v.suggestion.empty() ? json::value(nullptr) : json::value(v.suggestion)},
        {"row", v.row},
        {"domain", to_string(v.domain)},
    });
}

}  // namespace mailwarden
