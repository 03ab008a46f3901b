// libFuzzer target: mails through the MIME reader and every bounce reader
// (DSN, plain-text bounce, ARF, auto-reply). Any bytes are a mail of some
// kind: never an error below the size limit, never a crash or a hang
// (nesting and part counts are bounded), and the JSON line is valid UTF-8
// JSON whatever charset the input claimed.
#include "bounce/mime/entity.hpp"

#include <mailwarden/bounce.hpp>

#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace mailwarden;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const bounce_detail::Mail m = bounce_detail::parse_mail(input);
    for (const bounce_detail::Entity* e = &m.root; e != nullptr;
         e = e->children.empty() ? nullptr : &e->children.front()) {
        (void)e->text();
        (void)e->header_text("Subject");
    }
    auto event = parse_bounce_mail(input);
    if (!event) std::abort();
    boost::json::error_code ec;
    const boost::json::value v = boost::json::parse(to_json(*event, "fuzz"), ec);
    if (ec || !v.is_object()) std::abort();
    for (const RecipientFeedback& r : event->recipients)
        if (r.address.empty() || r.idempotency_key.empty()) std::abort();
    return 0;
}
