#include "message/dkim/header_hash.hpp"

#include "message/dkim/canonicalize.hpp"

#include "auth/tag_list.hpp"

#include <unordered_map>

namespace mailwarden::message_detail {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

// The fields of each name h= asks for, top first, and how many of them,
// counted from the bottom, are used already.
struct Instances {
    std::vector<std::size_t> fields;
    std::size_t used = 0;
};

}  // namespace

std::string without_b_value(std::string_view field) {
    const std::size_t colon = field.find(':');
    std::size_t start = colon == std::string_view::npos ? field.size() : colon + 1;
    while (start < field.size()) {
        std::size_t end = field.find(';', start);
        if (end == std::string_view::npos) end = field.size();
        const std::size_t eq = field.find('=', start);
        if (eq < end && auth::trim(field.substr(start, eq - start)) == "b") {
            std::string out(field.substr(0, eq + 1));
            out.append(field.substr(end));
            return out;
        }
        start = end + 1;
    }
    return std::string(field);
}

std::string header_hash_input(const RawMessage& message, std::size_t signature_field, const DkimSignature& signature) {
    std::unordered_map<std::string, Instances> wanted;
    for (const auto& name : signature.headers) wanted.try_emplace(lower(name));
    for (std::size_t i = 0; i < message.fields.size(); ++i) {
        if (i == signature_field) continue;
        const auto it = wanted.find(lower(message.fields[i].name));
        if (it != wanted.end()) it->second.fields.push_back(i);
    }
    const Canonicalization mode = signature.header_canonicalization;
    std::string out;
    for (const auto& name : signature.headers) {
        Instances& instances = wanted[lower(name)];
        if (instances.used == instances.fields.size()) continue;  // over-signed: nothing
        ++instances.used;
        canonicalize_header(mode, message.fields[instances.fields[instances.fields.size() - instances.used]].text, out);
        out.append("\r\n");
    }
    canonicalize_header(mode, without_b_value(message.fields[signature_field].text), out);
    return out;
}

}  // namespace mailwarden::message_detail
