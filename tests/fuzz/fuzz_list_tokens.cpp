// libFuzzer target: list links and tokens. The input is read as a
// confirmation and as an unsubscribe link or token (anything unreadable is
// refused with invalid_argument, never accepted under a key it was not made
// with); as an RFC 8058 POST body in both encodings; and its first bytes
// name a subscriber whose token must round-trip and refuse a changed byte.
#include <mailwarden/subscriber_lists.hpp>

#include "hygiene/subscribers/list_tokens.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace hygiene = mailwarden::hygiene;

namespace {

constexpr std::string_view key = "4f1c0a5e9b2d7c3e8a6f1b0d2c4e6a8b";

void refused_cleanly(const mailwarden::Result<std::string, mailwarden::Error>& r) {
    if (!r && r.error().code != mailwarden::errc::invalid_argument) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    refused_cleanly(hygiene::token_of(input, "c1."));
    auto token = hygiene::token_of(input, "u1.");
    refused_cleanly(token);
    if (token) {
        auto id = hygiene::verify_unsubscribe_token(*token, key);
        if (!id && id.error().code != mailwarden::errc::invalid_argument) std::abort();
        // Only a token made under this key names a subscriber.
        if (id && hygiene::unsubscribe_token(key, *id) != *token) std::abort();
    }
    (void)mailwarden::is_one_click_post("application/x-www-form-urlencoded", input);
    (void)mailwarden::is_one_click_post("multipart/form-data; boundary=b", input);
    const auto nl = input.find('\n');
    if (nl != std::string_view::npos)
        (void)mailwarden::is_one_click_post(input.substr(0, nl), input.substr(nl + 1));

    if (size < 8) return 0;
    std::int64_t id = 0;
    std::memcpy(&id, data, sizeof id);
    if (id <= 0) return 0;
    const std::string made = hygiene::unsubscribe_token(key, id);
    auto back = hygiene::verify_unsubscribe_token(made, key);
    if (!back || *back != id) std::abort();
    auto in_link = hygiene::token_of("https://lists.example/u?x=1&token=" + made + "#f", "u1.");
    if (!in_link || *in_link != made) std::abort();
    std::string changed = made;
    changed[data[8 % size] % changed.size()] ^= 1;
    if (auto forged = hygiene::verify_unsubscribe_token(changed, key); forged && *forged == id) std::abort();
    return 0;
}
