#include "message/sign/signed_headers.hpp"

#include "auth/tag_list.hpp"

#include <algorithm>

namespace mailwarden::message_detail {

bool has_field(const RawMessage& message, std::string_view name) {
    return std::any_of(message.fields.begin(), message.fields.end(),
                       [&](const RawField& f) { return auth::iequals(f.name, name); });
}

std::vector<std::string> oversigned_headers(const RawMessage& message, const std::vector<std::string>& names) {
    std::vector<std::string> wanted;
    if (std::none_of(names.begin(), names.end(), [](const std::string& n) { return auth::iequals(n, "From"); }))
        wanted.emplace_back("From");
    for (const auto& name : names)
        if (std::none_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return auth::iequals(w, name); }))
            wanted.push_back(name);
    std::vector<std::string> out;
    for (const auto& name : wanted) {
        const auto present = std::count_if(message.fields.begin(), message.fields.end(),
                                           [&](const RawField& f) { return auth::iequals(f.name, name); });
        out.insert(out.end(), static_cast<std::size_t>(present) + 1, name);
    }
    return out;
}

}  // namespace mailwarden::message_detail
