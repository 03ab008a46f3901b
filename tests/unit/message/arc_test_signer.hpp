// An ARC sealer for tests (RFC 8617 5.1), on top of the DKIM test signer
// and the verifier's own set gathering and seal input: it adds ARC sets
// that tests then break. (Interop is the dkimpy cross-check's job.)
#pragma once

#include "dkim_test_signer.hpp"

#include "message/arc/arc_sets.hpp"
#include "message/arc/seal_input.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>

namespace dkim_test {

/// A list post that the ARC tests seal and change.
inline const std::string arc_test_message =
    "From: Alice <alice@example.com>\r\n"
    "To: list@lists.example.org\r\n"
    "Subject: Lunch\r\n"
    "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
    "\r\n"
    "Shall we meet at noon?\r\n";

struct ArcSealRequest {
    SignRequest signature;  ///< key, d=, s=, h= of the ARC-Message-Signature; the seal uses the same key
    unsigned instance = 0;  ///< 0: one above the newest set
    std::string cv;         ///< empty: "none" for i=1, "pass" above
    std::string results = "mx.example.net; spf=pass smtp.mailfrom=example.com";  ///< the AAR after "i=N; "
};

/// `message` with one ARC set on top: ARC-Seal, ARC-Message-Signature,
/// ARC-Authentication-Results.
inline std::string arc_seal(const std::string& message, const ArcSealRequest& r) {
    namespace md = mailwarden::message_detail;
    const std::string eol = line_end_of(message);
    unsigned instance = r.instance;
    if (instance == 0) {
        const auto sets = md::collect_arc_sets(md::split_message(message)).sets;
        instance = sets.empty() ? 1 : sets.back().instance + 1;
    }
    const std::string i = "i=" + std::to_string(instance) + "; ";
    const std::string cv = !r.cv.empty() ? r.cv : instance == 1 ? "none" : "pass";

    const std::string with_results = "ARC-Authentication-Results: " + i + r.results + eol + message;
    const std::string with_signature = signature_field(with_results, r.signature, "ARC-Message-Signature", i) + with_results;
    const std::string seal = "ARC-Seal: " + i + "a=" + std::string(md::to_string(r.signature.algorithm)) + "; cv=" + cv +
                             ";" + eol + " d=" + r.signature.domain + "; s=" + r.signature.selector + "; t=1764000000;" + eol + " b=";
    const std::string unsigned_message = seal + eol + with_signature;
    const md::RawMessage raw = md::split_message(unsigned_message);
    const auto sets = md::collect_arc_sets(raw).sets;
    const auto sealed = std::find_if(sets.begin(), sets.end(), [&](const md::ArcSet& s) { return s.instance == instance; });
    if (sealed == sets.end()) throw std::invalid_argument("no ARC set i=" + std::to_string(instance) + " to seal (above 50?)");
    const std::string input = md::seal_input(raw, std::span(sets.begin(), sealed + 1));
    return seal + mailwarden::common::base64_encode(sign_bytes(r.signature.key, r.signature.algorithm, input)) + eol + with_signature;
}

}  // namespace dkim_test
