// libFuzzer target: SNS HTTP deliveries. The input is parsed as an
// envelope, checked by a Verifier (the real signing certificate for any
// URL that passes the policy; the first byte chooses a trusted or untrusted
// channel and a topic allow-list), and its string is checked as a
// certificate URL and a subscribe URL. Each step gives a value or its typed
// rejection; a verified message is one whose signature really verifies, so
// nothing here may verify.
#include "sns_cert.hpp"

#include <mailwarden/bounce.hpp>
#include <mailwarden/sns.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace sns = mailwarden::sns;

namespace {

class AnyUrl final : public sns::CertificateSource {
public:
    mailwarden::Result<std::string, mailwarden::Error> certificate_pem(std::string_view) override {
        return std::string(fuzz_sns::signing_cert);
    }
};

void expect_rejection(const mailwarden::Error& e) {
    if (!sns::rejection_of(e)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    static const sns::Verifier untrusted(std::make_shared<AnyUrl>(), {});
    static const sns::Verifier trusted(std::make_shared<AnyUrl>(),
                                       {{"arn:aws:sns:us-east-2:295079676684:topic"}, true});
    const sns::Verifier& v = (data[0] & 1) ? trusted : untrusted;

    if (auto e = sns::parse_envelope(input)) {
        (void)sns::string_to_sign(*e);
        if (auto p = mailwarden::parse_sns_payload(*e)) (void)mailwarden::to_json(*p, "fuzz");
    } else {
        expect_rejection(e.error());
    }
    if (auto r = v.verify(input)) {
        // Only a raw delivery on the trusted channel gets through: the fuzzer
        // cannot forge an RSA signature.
        if (r->type != sns::MessageType::raw || &v != &trusted) std::abort();
    } else {
        expect_rejection(r.error());
    }
    if (auto u = sns::check_signing_cert_url(input); !u) expect_rejection(u.error());
    if (auto u = sns::check_sns_url(input); !u) expect_rejection(u.error());
    return 0;
}
