#include "https_get.hpp"

#include <mailwarden/sns_http.hpp>

namespace mailwarden::sns_detail {

http::HttpOptions limited(http::HttpOptions options, std::size_t max_bytes) {
    options.max_body_bytes = max_bytes;
    return options;
}

Result<std::string, Error> https_get(http::HttpClient& client, std::string_view url, std::string_view what) {
    http::Request request;
    request.url = std::string(url);
    auto r = client.send(std::move(request));
    if (!r) {
        const auto& e = r.error();
        if (e.code == http::http_errc::body_too_large)
            return unexpected(Error(sns::FetchError::too_large, std::string(what) + ": " + e.message));
        return unexpected(Error(e.code, std::string(what) + ": " + e.message));
    }
    if (r->status != 200) {
        Error e(sns::FetchError::http_status,
                std::string(what) + ": the server answered " + std::to_string(r->status) + " " + r->reason);
        e.http_status = static_cast<int>(r->status);
        if (const auto id = http::find_header(r->headers, "x-amzn-RequestId")) e.request_id = std::string(*id);
        return unexpected(std::move(e));
    }
    return std::move(r->body);
}

}  // namespace mailwarden::sns_detail
