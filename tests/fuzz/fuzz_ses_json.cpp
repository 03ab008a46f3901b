// libFuzzer target: SES notifications and events, and input detection. A
// document gives an event or a typed error; the event's JSON line is valid
// JSON with the contract's fields, whatever bytes the input held; every
// recipient has a key; a class is none only for what is not a failure.
#include <mailwarden/bounce.hpp>

#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace mailwarden;

namespace {

void check_event(const FeedbackEvent& e) {
    boost::json::error_code ec;
    const boost::json::value v = boost::json::parse(to_json(e, "fuzz"), ec);
    if (ec || !v.is_object() || v.as_object().size() != 4) std::abort();
    if (v.at("recipients").as_array().size() != e.recipients.size()) std::abort();
    for (const RecipientFeedback& r : e.recipients) {
        if (r.idempotency_key.empty()) std::abort();
        if (r.bounce_class == BounceClass::hard && e.kind != FeedbackKind::bounce) std::abort();
        if (r.smtp_code != 0 && (r.smtp_code < 200 || r.smtp_code > 599)) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (auto e = parse_ses_json(input)) {
        check_event(*e);
    } else if (e.error().kind() != errc::parse) {
        std::abort();
    }
    for (const std::string_view doc : split_feedback_documents(input)) {
        if (doc.data() < input.data() || doc.data() + doc.size() > input.data() + input.size()) std::abort();
        if (auto e = parse_feedback(doc)) check_event(*e);
    }
    return 0;
}
