#include "message/auth_results/auth_results.hpp"

#include "auth/tag_list.hpp"

namespace mailwarden::message_detail {

const std::string* AuthMethodResult::property(std::string_view type, std::string_view name) const noexcept {
    for (const auto& p : properties)
        if (auth::iequals(p.type, type) && auth::iequals(p.name, name)) return &p.value;
    return nullptr;
}

std::vector<const AuthMethodResult*> AuthResults::find(std::string_view method) const {
    std::vector<const AuthMethodResult*> out;
    for (const auto& r : results)
        if (auth::iequals(r.method, method)) out.push_back(&r);
    return out;
}

}  // namespace mailwarden::message_detail
