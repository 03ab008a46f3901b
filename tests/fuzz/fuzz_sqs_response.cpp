// libFuzzer target: what an SQS endpoint may answer. The first byte picks the
// reader: ReceiveMessage, a batch answer (for 1 to 10 entries, from the
// second byte), SendMessage / queue URL, or the error mapping (the second
// byte picks the HTTP status, the first line is X-Amzn-ErrorType, the second
// x-amzn-query-error, the rest the body). Every reader gives a value or a
// typed error and never reads outside the input.
#include "net/sqs/sqs_error_mapping.hpp"
#include "net/sqs/sqs_wire.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace sqs = mailwarden::sqs;
namespace wire = mailwarden::sqs::wire;

namespace {

template <class T>
void expect_value_or_malformed(const wire::Parsed<T>& r) {
    if (!r && (r.error().code != sqs::errc::malformed_response || r.error().message.empty())) std::abort();
}

void receive(std::string_view body) {
    const auto r = wire::parse_receive_message(body);
    expect_value_or_malformed(r);
    if (!r) return;
    if (r->size() > wire::max_batch_entries) std::abort();
    for (const auto& m : *r)
        if (m.receive_count < 0) std::abort();
}

void batch(std::string_view input) {
    if (input.empty()) return;
    const std::size_t entries = 1 + static_cast<unsigned char>(input[0]) % wire::max_batch_entries;
    const auto r = wire::parse_batch_result(input.substr(1), entries);
    expect_value_or_malformed(r);
    if (!r) return;
    // Every entry is in exactly one list, failures name entries of the batch.
    if (r->succeeded + r->failed.size() != entries) std::abort();
    std::vector<bool> seen(entries, false);
    for (const auto& f : r->failed) {
        if (f.index >= entries || seen[f.index]) std::abort();
        seen[f.index] = true;
    }
}

std::string_view line(std::string_view& input) {
    const std::size_t newline = input.find('\n');
    const std::string_view first = input.substr(0, newline);
    input = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
    return first;
}

void map_error(std::string_view input) {
    if (input.empty()) return;
    static constexpr int statuses[] = {400, 403, 404, 429, 500, 503, 302, 418};
    const int status = statuses[static_cast<unsigned char>(input[0]) % 8];
    input.remove_prefix(1);
    const std::string_view type = line(input);
    const std::string_view query = line(input);
    const sqs::Error e = sqs::error_from_response(status, type, query, "request-id", input);
    if (e.http_status != status || e.code.category() != sqs::error_category() || !e.code) std::abort();
    if (e.retryable != sqs::is_retryable(e)) std::abort();
    (void)e.describe();
    const std::string_view code = sqs::query_error_code(query);
    if (!code.empty() && (code.data() < query.data() || code.data() + code.size() > query.data() + query.size()))
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 5) {
    case 0: receive(rest); break;
    case 1: batch(rest); break;
    case 2: expect_value_or_malformed(wire::parse_message_id(rest)); break;
    case 3: expect_value_or_malformed(wire::parse_queue_url(rest)); break;
    default: map_error(rest); break;
    }
    return 0;
}
