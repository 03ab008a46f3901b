#include "transport/local/simulator_events.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace mailwarden::local {

namespace {

namespace json = boost::json;

constexpr std::string_view simulator_domain = "@simulator.amazonses.com";

// The simulator mailbox without +label, lower case; empty if not one.
std::string simulator_box(std::string_view address) {
    std::string lower(address);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.size() <= simulator_domain.size() || !lower.ends_with(simulator_domain)) return {};
    std::string box = lower.substr(0, lower.size() - simulator_domain.size());
    if (const auto plus = box.find('+'); plus != std::string::npos) box.resize(plus);
    for (const char* known : {"success", "bounce", "complaint", "suppressionlist", "ooto"})
        if (box == known) return box;
    return {};
}

std::string iso8601_millis(TimePoint t) {
    std::string s = format_rfc3339(t);  // ...SSZ
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms));
    s.insert(s.size() - 1, frac);
    return s;
}

json::object mail_object(std::string_view source, const std::vector<std::string>& destination,
                         std::string_view message_id, const std::string& timestamp) {
    json::array dest;
    for (const auto& d : destination) dest.emplace_back(d);
    return {{"timestamp", timestamp}, {"source", source}, {"messageId", message_id}, {"destination", dest}};
}

}  // namespace

bool is_simulator_address(std::string_view address) noexcept { return !simulator_box(address).empty(); }

std::optional<std::string> simulator_notification(std::string_view recipient, std::string_view source,
                                                  const std::vector<std::string>& destination,
                                                  std::string_view message_id, TimePoint sent_at) {
    const std::string box = simulator_box(recipient);
    if (box.empty()) return std::nullopt;
    const std::string ts = iso8601_millis(sent_at);
    const std::string feedback_id = std::string(message_id) + "-feedback";
    json::object n;
    if (box == "bounce" || box == "suppressionlist") {
        const bool suppressed = box == "suppressionlist";
        n["notificationType"] = "Bounce";
        n["bounce"] = json::object{
            {"bounceType", "Permanent"},
            {"bounceSubType", suppressed ? "OnAccountSuppressionList" : "General"},
            {"bouncedRecipients",
             json::array{json::object{{"emailAddress", recipient},
                                      {"action", "failed"},
                                      {"status", "5.1.1"},
                                      {"diagnosticCode", suppressed ? "Amazon SES did not send the message to this "
                                                                      "address because it is on the suppression list"
                                                                    : "smtp; 550 5.1.1 user unknown"}}}},
            {"timestamp", ts},
            {"feedbackId", feedback_id},
            {"reportingMTA", "dsn; simulator.amazonses.com"},
        };
    } else if (box == "complaint") {
        n["notificationType"] = "Complaint";
        n["complaint"] = json::object{
            {"complainedRecipients", json::array{json::object{{"emailAddress", recipient}}}},
            {"timestamp", ts},
            {"feedbackId", feedback_id},
            {"complaintFeedbackType", "abuse"},
        };
    } else {  // success, ooto: delivered (ooto also triggers an automatic reply)
        n["notificationType"] = "Delivery";
        n["delivery"] = json::object{
            {"timestamp", ts},
            {"processingTimeMillis", 0},
            {"recipients", json::array{json::value(recipient)}},
            {"smtpResponse", "250 2.6.0 Message received"},
            {"reportingMTA", "simulator.amazonses.com"},
        };
    }
    n["mail"] = mail_object(source, destination, message_id, ts);
    return json::serialize(n);
}

}  // namespace mailwarden::local
