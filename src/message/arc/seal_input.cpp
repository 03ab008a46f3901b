#include "message/arc/seal_input.hpp"

#include "message/dkim/canonicalize.hpp"
#include "message/dkim/header_hash.hpp"

namespace mailwarden::message_detail {

std::string seal_input(const RawMessage& message, std::span<const ArcSet> sets) {
    std::string out;
    for (std::size_t k = 0; k < sets.size(); ++k) {
        const ArcSet& s = sets[k];
        const std::string_view seal = message.fields[s.seal].text;
        // Earlier seals are signed as they are; the one being made or checked cannot sign its own b=.
        const std::string own_seal = k + 1 == sets.size() ? without_b_value(seal) : std::string(seal);
        for (const std::string_view field : {message.fields[s.results].text, message.fields[s.message_signature].text,
                                             std::string_view(own_seal)}) {
            canonicalize_header(Canonicalization::relaxed, field, out);
            out.append("\r\n");
        }
    }
    if (!out.empty()) out.resize(out.size() - 2);  // like DKIM's own field, the seal ends without CRLF
    return out;
}

}  // namespace mailwarden::message_detail
