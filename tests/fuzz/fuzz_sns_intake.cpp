// libFuzzer target: what the SNS host may answer to a certificate fetch or a
// subscription confirmation. The first byte's low bit picks the reader: the
// one-PEM-certificate check (OpenSSL's PEM and X.509 parsers underneath) or
// the ConfirmSubscriptionResponse reader. Each gives a value or its typed
// error; a certificate that passes is one block that passes again.
#include "bounce/intake/intake_readers.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace sns = mailwarden::sns;
namespace detail = mailwarden::sns_detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    if ((data[0] & 1) == 0) {
        const auto pem = detail::single_certificate_pem(body);
        if (!pem) {
            if (pem.error().code != sns::FetchError::not_a_certificate) std::abort();
            return 0;
        }
        const auto again = detail::single_certificate_pem(*pem);
        if (!again || *again != *pem) std::abort();
    } else {
        const auto confirmation = detail::read_confirmation(body);
        if (!confirmation) {
            if (confirmation.error().code != sns::FetchError::not_a_confirmation) std::abort();
            return 0;
        }
        if (confirmation->subscription_arn.rfind("arn:", 0) != 0) std::abort();
    }
    return 0;
}
