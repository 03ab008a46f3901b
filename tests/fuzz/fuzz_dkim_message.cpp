// libFuzzer target: a received message through the DKIM verifier — field
// splitting, DKIM-Signature tag parsing, header selection, and both body
// canonicalizations, which must not depend on how the body is chunked —
// and through ARC chain validation.
#include "message/arc/arc_verifier.hpp"
#include "message/dkim/canonicalize.hpp"
#include "message/dkim/header_hash.hpp"
#include "message/dkim/message_fields.hpp"
#include "message/dkim/verifier.hpp"

#include "auth/tag_list.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace md = mailwarden::message_detail;

namespace {

std::string canonical_body(md::Canonicalization mode, std::string_view body, std::size_t chunk) {
    std::string out;
    md::BodyCanonicalizer c(mode, [&](std::string_view piece) { out.append(piece); });
    if (chunk == 0) {
        c.update(body);
    } else {
        for (std::size_t i = 0; i < body.size(); i += chunk) c.update(body.substr(i, chunk));
    }
    c.finish();
    return out;
}

void check_body(md::Canonicalization mode, std::string_view body, std::size_t chunk) {
    const std::string whole = canonical_body(mode, body, 0);
    if (canonical_body(mode, body, chunk) != whole) std::abort();
    if (whole.empty() ? mode == md::Canonicalization::simple : !whole.ends_with("\r\n")) std::abort();
    if (whole.ends_with("\r\n\r\n")) std::abort();  // trailing empty lines are dropped
    if (mode == md::Canonicalization::relaxed &&
        (whole.find("  ") != std::string::npos || whole.find(" \r\n") != std::string::npos || whole.find('\t') != std::string::npos))
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = data[0] % 64 + 1;
    const std::string_view message(reinterpret_cast<const char*>(data) + 1, size - 1);

    const md::RawMessage raw = md::split_message(message);
    std::size_t signatures = 0;
    for (std::size_t i = 0; i < raw.fields.size(); ++i) {
        if (!mailwarden::auth::iequals(raw.fields[i].name, "DKIM-Signature")) continue;
        ++signatures;
        const std::string_view text = raw.fields[i].text;
        md::DkimSignature sig;
        const auto problem = md::parse_signature(text.substr(text.find(':') + 1), sig);
        if (problem && (problem->reason == md::DkimReason::none || md::result_of(problem->reason) == md::DkimResult::pass)) std::abort();
        if (!problem && (sig.domain.empty() || sig.selector.empty() || sig.signature.empty() || sig.body_hash.empty()))
            std::abort();
        if (!problem) (void)md::header_hash_input(raw, i, sig);
    }
    check_body(md::Canonicalization::simple, raw.body, chunk);
    check_body(md::Canonicalization::relaxed, raw.body, chunk);

    // Every signature gets a result, whatever the key lookup says.
    const md::TxtLookup lookup = [](const std::string&) {
        mailwarden::dns::Answer a;
        a.status = mailwarden::dns::Status::ok;
        a.texts = {"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="};
        return a;
    };
    md::DkimVerifyOptions options;
    options.max_signatures = 4;
    if (md::verify_dkim(message, lookup, options).size() != signatures) std::abort();

    // ARC: the status follows the reason; a pass names the hop whose results hold.
    const md::ArcVerification arc = md::verify_arc(raw, lookup, options);
    if (arc.cv != md::status_of(arc.reason) || arc.hops < 0 || arc.hops > 50) std::abort();
    if (arc.cv == md::ArcStatus::pass && (!arc.oldest_pass_results || arc.oldest_pass > arc.hops)) std::abort();
    if (arc.cv != md::ArcStatus::pass && (arc.oldest_pass != 0 || arc.oldest_pass_results)) std::abort();
    return 0;
}
