// One GET for the SNS intake: the HTTP client's failures keep their
// "mailwarden.http" codes, an answer other than 200 is FetchError::http_status
// and a body over the limit FetchError::too_large.
#pragma once

#include "net/http/http_client.hpp"

#include <mailwarden/error.hpp>
#include <mailwarden/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace mailwarden::sns_detail {

/// `options` with the body limit set to `max_bytes` (an answer one byte
/// larger already fails while it is read).
http::HttpOptions limited(http::HttpOptions options, std::size_t max_bytes);

/// The body of a 200 answer to GET `url`.
Result<std::string, Error> https_get(http::HttpClient& client, std::string_view url, std::string_view what);

}  // namespace mailwarden::sns_detail
