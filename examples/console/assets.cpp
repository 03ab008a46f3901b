#include "assets.hpp"

namespace console {

std::optional<std::string_view> find_asset(std::string_view name) {
    for (const auto& asset : embedded_assets())
        if (asset.name == name && !name.empty()) return asset.data;
    return std::nullopt;
}

std::string asset_content_type(std::string_view name) {
    const auto ends_with = [name](std::string_view suffix) {
        return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
    };
    if (ends_with(".css")) return "text/css; charset=utf-8";
    if (ends_with(".js")) return "text/javascript; charset=utf-8";
    if (ends_with(".svg")) return "image/svg+xml";
    return {};
}

}  // namespace console
