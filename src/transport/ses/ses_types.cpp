// Wire names of the SES enumerations.
#include <mailwarden/ses/types.hpp>

#include <boost/json.hpp>

#include <array>

namespace mailwarden::ses {

namespace {

constexpr std::array<std::string_view, 6> status_names = {"PENDING", "SUCCESS", "FAILED", "TEMPORARY_FAILURE",
                                                          "NOT_STARTED", "UNKNOWN"};

}  // namespace

std::string_view to_string(VerificationStatus status) noexcept {
    const auto i = static_cast<std::size_t>(status);
    return i < status_names.size() ? status_names[i] : "UNKNOWN";
}

VerificationStatus parse_verification_status(std::string_view wire) noexcept {
    for (std::size_t i = 0; i + 1 < status_names.size(); ++i)
        if (status_names[i] == wire) return static_cast<VerificationStatus>(i);
    return VerificationStatus::unknown;
}

std::string_view to_string(SuppressionReason reason) noexcept {
    return reason == SuppressionReason::complaint ? "COMPLAINT" : "BOUNCE";
}

std::string to_json(const EmailIdentity& id) {
    boost::json::array tokens;
    for (const auto& t : id.dkim.tokens) tokens.emplace_back(t);
    return boost::json::serialize(boost::json::object{
        {"name", id.name},
        {"type", id.identity_type},
        {"verification_status", to_string(id.verification_status)},
        {"verified_for_sending", id.verified_for_sending},
        {"dkim",
         {{"signing_enabled", id.dkim.signing_enabled},
          {"status", to_string(id.dkim.status)},
          {"tokens", std::move(tokens)}}},
        {"mail_from",
         {{"domain", id.mail_from.mail_from_domain},
          {"status", to_string(id.mail_from.status)},
          {"behavior_on_mx_failure", id.mail_from.behavior_on_mx_failure}}},
        {"configuration_set", id.configuration_set},
    });
}

}  // namespace mailwarden::ses
