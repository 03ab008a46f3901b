// The benchmark request, shared by the C++ benchmark and (through
// --write-body) the node peers: an Amazon SES v2 SendEmail call with a
// 1 KB JSON body.
#pragma once

#include <string>

namespace bench {

inline constexpr const char* sigv4_host = "email.us-east-1.amazonaws.com";
inline constexpr const char* sigv4_path = "/v2/email/outbound-emails";
inline constexpr const char* sigv4_date = "20260101T120000Z";
inline constexpr const char* sigv4_access_key = "AKIDEXAMPLE";
inline constexpr const char* sigv4_secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// A SendEmail body padded to exactly 1024 bytes.
inline std::string sigv4_send_email_body() {
    std::string body =
        R"({"FromEmailAddress":"Example Sender <sender@example.com>","Destination":{"ToAddresses":["recipient@example.org"]},)"
        R"("Content":{"Simple":{"Subject":{"Data":"Your weekly report","Charset":"UTF-8"},"Body":{"Text":{"Data":")";
    const std::string tail = R"(","Charset":"UTF-8"}}}},"ConfigurationSetName":"default"})";
    const std::string filler = "Hello, this is the text of the message. ";
    while (body.size() + tail.size() < 1024) body.push_back(filler[body.size() % filler.size()]);
    body += tail;
    return body;
}

}  // namespace bench
