// The "mailwarden.sns_http" category.
#include <mailwarden/sns_http.hpp>

namespace mailwarden::sns {

namespace {

class Category final : public std::error_category {
public:
    const char* name() const noexcept override { return "mailwarden.sns_http"; }
    std::string message(int code) const override {
        switch (static_cast<FetchError>(code)) {
        case FetchError::http_status: return "the server refused the request";
        case FetchError::too_large: return "the answer is too large";
        case FetchError::not_a_certificate: return "not one PEM certificate";
        case FetchError::not_a_confirmation: return "not a subscription confirmation";
        }
        return "unknown SNS fetch error " + std::to_string(code);
    }
    std::error_condition default_error_condition(int code) const noexcept override {
        switch (static_cast<FetchError>(code)) {
        case FetchError::too_large: return make_error_condition(errc::out_of_range);
        case FetchError::not_a_certificate:
        case FetchError::not_a_confirmation: return make_error_condition(errc::parse);
        case FetchError::http_status: break;
        }
        return make_error_condition(errc::transport);
    }
};

}  // namespace

const std::error_category& fetch_error_category() noexcept {
    static const Category category;
    return category;
}

}  // namespace mailwarden::sns
