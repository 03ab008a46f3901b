#include "message/auth_results/fields.hpp"

#include "auth/tag_list.hpp"
#include "message/auth_results/parser.hpp"

namespace mailwarden::message_detail {

namespace {

// Parses the value (after the colon) of every field called `name`.
template <class Parsed, class Parse>
std::vector<Parsed> parse_fields(const RawMessage& message, std::string_view name, Parse parse) {
    std::vector<Parsed> out;
    for (const auto& field : message.fields) {
        if (!auth::iequals(field.name, name)) continue;
        const std::size_t colon = field.text.find(':');
        out.push_back(parse(field.text.substr(colon + 1)));
    }
    return out;
}

}  // namespace

std::vector<AuthResults> find_auth_results(const RawMessage& message) {
    return parse_fields<AuthResults>(message, "Authentication-Results", parse_auth_results);
}

std::vector<ArcAuthResults> find_arc_auth_results(const RawMessage& message) {
    return parse_fields<ArcAuthResults>(message, "ARC-Authentication-Results", parse_arc_auth_results);
}

}  // namespace mailwarden::message_detail
