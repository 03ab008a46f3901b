#include "message/dkim/verifier.hpp"

#include "message/dkim/message_fields.hpp"
#include "message/dkim/signature_verification.hpp"

#include "auth/tag_list.hpp"

namespace mailwarden::message_detail {

DkimVerifier::DkimVerifier(TxtLookup lookup, DkimVerifyOptions options)
    : lookup_(std::move(lookup)), options_(std::move(options)), keys_(options_.key_cache_entries) {
    if (!options_.clock) options_.clock = system_clock();
}

std::vector<DkimSignatureResult> DkimVerifier::verify(std::string_view message) const {
    const RawMessage raw = split_message(message);
    SignatureVerification verification(raw, lookup_, options_, keys_, to_unix_seconds(options_.clock->now()));
    std::vector<DkimSignatureResult> out;
    for (std::size_t i = 0; i < raw.fields.size(); ++i) {
        if (!auth::iequals(raw.fields[i].name, "DKIM-Signature")) continue;
        out.push_back(verification.run(i, SignatureKind::dkim, out.size() >= options_.max_signatures));
    }
    return out;
}

std::vector<DkimSignatureResult> verify_dkim(std::string_view message, const TxtLookup& lookup, const DkimVerifyOptions& options) {
    return DkimVerifier(lookup, options).verify(message);
}

}  // namespace mailwarden::message_detail
