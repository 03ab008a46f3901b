#include "message/arc/arc_verifier.hpp"

#include "message/arc/arc_sets.hpp"
#include "message/arc/seal_input.hpp"
#include "message/dkim/key_cache.hpp"
#include "message/dkim/signature_verification.hpp"

#include <span>

namespace mailwarden::message_detail {

namespace {

class ChainValidation {
public:
    ChainValidation(const RawMessage& message, const ArcChain& chain, const TxtLookup& lookup,
                    const DkimVerifyOptions& options, std::int64_t now)
        : message_(message), chain_(chain), keys_(chain.sets.size()), signatures_(message, lookup, options, keys_, now) {}

    // RFC 8617 5.2 steps 5 to 7; the structure is known to hold.
    ArcVerification run(ArcVerification out) {
        const int n = static_cast<int>(chain_.sets.size());
        if (!message_signature_passes(n, out)) return fail(out, ArcReason::ams_fail);
        out.oldest_pass = 0;
        for (int i = n - 1; i >= 1; --i) {
            if (ArcVerification older; !message_signature_passes(i, older)) {
                out.oldest_pass = i + 1;
                break;
            }
        }
        for (int i = n; i >= 1; --i)
            if (!seal_passes(i, out)) return fail(out, ArcReason::as_fail);
        out.cv = ArcStatus::pass;
        out.reason = ArcReason::none;
        out.oldest_pass_results = set(out.oldest_pass == 0 ? 1 : out.oldest_pass).parsed_results;
        return out;
    }

private:
    const ArcSet& set(int instance) const { return chain_.sets[static_cast<std::size_t>(instance - 1)]; }

    bool message_signature_passes(int instance, ArcVerification& out) {
        return judge(instance, signatures_.run(set(instance).message_signature, SignatureKind::arc_message), out);
    }

    bool seal_passes(int instance, ArcVerification& out) {
        const auto sealed = std::span(chain_.sets).first(static_cast<std::size_t>(instance));
        const auto input = [&](std::size_t, const DkimSignature&) { return seal_input(message_, sealed); };
        return judge(instance, signatures_.run(set(instance).seal, SignatureKind::arc_seal, false, input), out);
    }

    static bool judge(int instance, DkimSignatureResult result, ArcVerification& out) {
        if (result.result == DkimResult::pass) return true;
        out.failed_instance = instance;
        out.failed_signature = std::move(result);
        return false;
    }

    static ArcVerification fail(ArcVerification& out, ArcReason reason) {
        out.cv = ArcStatus::fail;
        out.reason = reason;
        out.oldest_pass = 0;
        const std::string what = reason == ArcReason::ams_fail ? "ARC-Message-Signature" : "ARC-Seal";
        out.detail = "the " + what + " i=" + std::to_string(out.failed_instance) + " does not verify: " +
                     std::string(to_string(out.failed_signature->reason));
        return std::move(out);
    }

    const RawMessage& message_;
    const ArcChain& chain_;
    KeyCache keys_;  // one chain often has its seals and signatures by one key
    SignatureVerification signatures_;
};

}  // namespace

ArcVerification verify_arc(const RawMessage& message, const TxtLookup& lookup, const DkimVerifyOptions& options) {
    const ArcChain chain = collect_arc_sets(message);
    ArcVerification out;
    out.hops = static_cast<int>(chain.sets.size());
    if (chain.problem != ArcReason::none) {
        out.reason = chain.problem;
        out.cv = status_of(chain.problem);
        out.detail = chain.detail;
        return out;
    }
    const auto clock = options.clock ? options.clock : system_clock();
    return ChainValidation(message, chain, lookup, options, to_unix_seconds(clock->now())).run(std::move(out));
}

}  // namespace mailwarden::message_detail
