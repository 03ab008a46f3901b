// confirm_subscription: the SubscribeURL policy, one GET, the answer read.
#include <mailwarden/sns_http.hpp>

#include "https_get.hpp"
#include "intake_readers.hpp"

namespace mailwarden::sns {

Result<Confirmation, Error> confirm_subscription(std::string_view subscribe_url, const ConfirmOptions& options) {
    if (auto allowed = check_sns_url(subscribe_url); !allowed) return unexpected(std::move(allowed).error());
    http::HttpClient client(sns_detail::limited(options.http, options.max_response_bytes));
    auto body = sns_detail::https_get(client, subscribe_url, "SubscribeURL");
    if (!body) return unexpected(std::move(body).error());
    return sns_detail::read_confirmation(*body);
}

}  // namespace mailwarden::sns
