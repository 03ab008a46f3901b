// libFuzzer target: what an SES endpoint may answer. The first byte picks the
// reader: one of the response parsers (the rest is the body), or the error
// mapping (the second byte is the HTTP status class, the text before the
// first newline the X-Amzn-ErrorType header, the rest the body). Each reader
// must give a value or a typed error and never read outside the input.
#include "transport/ses/ses_error_mapping.hpp"
#include "transport/ses/ses_operations.hpp"

#include <mailwarden/clock.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace ses = mailwarden::ses;
namespace wire = mailwarden::ses::wire;

namespace {

// A parser either succeeds or says the response was not understood.
template <class T>
void expect_value_or_malformed(const wire::Parsed<T>& r) {
    if (!r && r.error().code != ses::errc::malformed_response) std::abort();
}

void map_error(std::string_view input) {
    if (input.empty()) return;
    static constexpr int statuses[] = {400, 403, 404, 409, 429, 500, 503, 418};
    const int status = statuses[static_cast<unsigned char>(input[0]) % 8];
    input.remove_prefix(1);
    const std::size_t newline = input.find('\n');
    const std::string_view header = input.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
    const ses::Error e = ses::error_from_response(status, header, "request-id", body);
    if (e.http_status != status || e.code.category() != ses::error_category() || !e.code) std::abort();
    (void)e.describe();
    const std::string_view type = ses::normalise_error_type(header);
    // The normalised type is a piece of what it came from.
    if (!type.empty() && (type.data() < header.data() || type.data() + type.size() > header.data() + header.size()))
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 8) {
    case 0: expect_value_or_malformed(wire::parse_create_email_identity("iana.org", body)); break;
    case 1: expect_value_or_malformed(wire::parse_get_email_identity("news@iana.org", body)); break;
    case 2: expect_value_or_malformed(wire::parse_list_email_identities(body)); break;
    case 3: expect_value_or_malformed(wire::parse_message_id(body)); break;
    case 4: expect_value_or_malformed(wire::parse_get_account(body)); break;
    case 5: {
        const auto d = wire::parse_get_suppressed_destination(body);
        expect_value_or_malformed(d);
        // As mwctl and the C ABI's JSON show it.
        if (d) (void)mailwarden::format_rfc3339(mailwarden::from_unix_seconds(d->last_update_time));
        break;
    }
    case 6: {
        const auto page = wire::parse_list_suppressed_destinations(body);
        expect_value_or_malformed(page);
        if (page)
            for (const auto& d : page->destinations)
                (void)mailwarden::format_rfc3339(mailwarden::from_unix_seconds(d.last_update_time));
        break;
    }
    default: map_error(body); break;
    }
    return 0;
}
