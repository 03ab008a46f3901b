#include "intake_readers.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <climits>
#include <memory>
#include <optional>

namespace mailwarden::sns_detail {

namespace {

constexpr std::string_view begin_marker = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view end_marker = "-----END CERTIFICATE-----";

bool blank(std::string_view s) noexcept {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Error not_a_certificate(std::string what) { return {sns::FetchError::not_a_certificate, std::move(what)}; }
Error not_a_confirmation(std::string what) { return {sns::FetchError::not_a_confirmation, std::move(what)}; }

// The text of the first <name>...</name> (an element without attributes);
// nullopt when absent.
std::optional<std::string_view> element_text(std::string_view xml, std::string_view name) {
    const std::string open = "<" + std::string(name) + ">";
    const std::string close = "</" + std::string(name) + ">";
    const auto start = xml.find(open);
    if (start == std::string_view::npos) return std::nullopt;
    const auto text = start + open.size();
    const auto end = xml.find(close, text);
    if (end == std::string_view::npos) return std::nullopt;
    return xml.substr(text, end - text);
}

std::string_view trim(std::string_view s) noexcept {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

Result<std::string, Error> single_certificate_pem(std::string_view body) {
    const auto begin = body.find(begin_marker);
    if (begin == std::string_view::npos) return unexpected(not_a_certificate("no PEM certificate in the answer"));
    const auto end = body.find(end_marker, begin);
    if (end == std::string_view::npos) return unexpected(not_a_certificate("the PEM certificate is not closed"));
    const auto after = end + end_marker.size();
    if (!blank(body.substr(0, begin)) || !blank(body.substr(after)))
        return unexpected(not_a_certificate("the answer holds more than one PEM certificate"));
    const std::string_view block = body.substr(begin, after - begin);
    if (block.size() > static_cast<std::size_t>(INT32_MAX)) return unexpected(not_a_certificate("the block is too long"));
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(block.data(), static_cast<int>(block.size())),
                                                        &BIO_free);
    if (!bio) return unexpected(Error(errc::out_of_memory, "BIO_new_mem_buf failed"));
    const std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                           &X509_free);
    if (!cert) return unexpected(not_a_certificate("the PEM block is not an X.509 certificate"));
    return std::string(block) + "\n";
}

Result<sns::Confirmation, Error> read_confirmation(std::string_view body) {
    if (body.find("<ConfirmSubscriptionResponse") == std::string_view::npos)
        return unexpected(not_a_confirmation("the answer is no ConfirmSubscriptionResponse"));
    const auto arn = element_text(body, "SubscriptionArn");
    if (!arn || trim(*arn).substr(0, 4) != "arn:")
        return unexpected(not_a_confirmation("the ConfirmSubscriptionResponse names no SubscriptionArn"));
    sns::Confirmation out;
    out.subscription_arn = std::string(trim(*arn));
    if (const auto id = element_text(body, "RequestId")) out.request_id = std::string(trim(*id));
    return out;
}

}  // namespace mailwarden::sns_detail
