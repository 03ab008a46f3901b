// SES notifications made up for the store tests: a bounce, complaint or
// delivery of message "m-<n>" to "r<n>@example.com", each with a stable
// feedback id, so the same notification can be delivered twice.
#pragma once

#include <string>

namespace mailwarden::test {

inline std::string recipient(int n) { return "r" + std::to_string(n) + "@example.com"; }
inline std::string message_id(int n) { return "m-" + std::to_string(n); }

inline std::string ses_mail(int n) {
    return R"("mail":{"timestamp":"2026-12-01T09:00:00.000Z","source":"news@acme.example","messageId":")" +
           message_id(n) + R"(","destination":[")" + recipient(n) + R"("]})";
}

inline std::string ses_hard_bounce(int n) {
    return R"({"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General",)"
           R"("bouncedRecipients":[{"emailAddress":")" +
           recipient(n) +
           R"(","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],)"
           R"("timestamp":"2026-12-01T10:00:00.000Z","feedbackId":"b-)" +
           std::to_string(n) + R"("},)" + ses_mail(n) + "}";
}

inline std::string ses_complaint(int n) {
    return R"({"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":")" + recipient(n) +
           R"("}],"timestamp":"2026-12-01T10:00:00.000Z","feedbackId":"c-)" + std::to_string(n) +
           R"(","complaintFeedbackType":"abuse"},)" + ses_mail(n) + "}";
}

inline std::string ses_delivery(int n) {
    return R"({"notificationType":"Delivery","delivery":{"timestamp":"2026-12-01T10:00:00.000Z","recipients":[")" +
           recipient(n) + R"("],"smtpResponse":"250 ok"},)" + ses_mail(n) + "}";
}

}  // namespace mailwarden::test
