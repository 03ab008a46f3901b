// Wire names of the SES enumerations.
#include <mailwarden/ses_types.hpp>

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

}  // namespace mailwarden::ses
