// libFuzzer target: what a spamd (or anything listening on its port) may
// answer to SYMBOLS. The reader gives an answer or an error with a reason,
// never reads outside the input; an answer has a finite score and
// threshold and rule names of [A-Za-z0-9_]; the score's finding and the
// evidence of an error are made without fault.
#include "content/spamd/ask_spamd.hpp"
#include "content/spamd/spamd_protocol.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

namespace cd = mailwarden::content_detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto parsed = cd::parse_spamd_answer(input);
    if (auto* error = std::get_if<cd::SpamdProtocolError>(&parsed)) {
        if (error->reason.empty()) std::abort();
        // Evidence is printable ASCII only.
        for (char c : error->reason)
            if (c < 0x20 || c > 0x7E) std::abort();
        return 0;
    }
    const auto& answer = std::get<cd::SpamdAnswer>(parsed);
    if (!std::isfinite(answer.score) || !std::isfinite(answer.threshold)) std::abort();
    if (!input.starts_with("SPAMD/")) std::abort();
    for (const auto& rule : answer.rules) {
        if (rule.empty() || rule.size() > 128) std::abort();
        for (char c : rule)
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_')) std::abort();
    }
    const mailwarden::SpamScore score{answer.score, answer.threshold, answer.rules};
    const auto finding = cd::spam_score_finding(score, mailwarden::SpamdServer{});
    if (finding && (finding->id != "spam.score" || answer.score < 5.0)) std::abort();
    if (!finding && answer.score >= 5.0) std::abort();
    return 0;
}
