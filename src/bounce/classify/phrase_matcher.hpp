// Finds which reasons a diagnostic text names, by its phrases: many fixed
// phrases against a short text, in one pass. The text and the phrases are
// compared in a normal form (ASCII lower case, every run of blanks and
// line ends one space); phrases are indexed by their first two bytes, so
// each position of the text is compared with the few phrases that can start
// there.
#pragma once

#include <mailwarden/bounce.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::bounce_detail {

enum class Strength : std::uint8_t {
    strong,    ///< names its cause
    weak,      ///< generic wording: decides only when nothing stronger does
    decisive,  ///< qualifies another phrase ("host not found, try again"): wins over all
};

struct Phrase {
    std::string_view text;
    BounceReason reason;
    Strength strength = Strength::strong;
};

/// One bit per BounceReason (1 << reason).
using ReasonSet = std::uint64_t;

/// The reasons a text names, by strength.
struct PhraseMatch {
    ReasonSet decisive = 0;
    ReasonSet strong = 0;
    ReasonSet weak = 0;
};

/// The normal form: lower case ASCII, blanks collapsed, trimmed.
std::string normalize_text(std::string_view text);

class PhraseMatcher {
public:
    explicit PhraseMatcher(std::span<const Phrase> phrases);

    /// The reasons whose phrases occur in `normalized` (see normalize_text).
    PhraseMatch match(std::string_view normalized) const noexcept;

private:
    std::vector<std::string> texts_;
    std::vector<BounceReason> reasons_;
    std::vector<Strength> strength_;
    std::vector<std::uint32_t> bucket_start_;  // 65,537 offsets into order_
    std::vector<std::uint32_t> order_;         // phrase indices sorted by first two bytes
};

inline constexpr ReasonSet reason_bit(BounceReason r) noexcept { return ReasonSet{1} << static_cast<int>(r); }

}  // namespace mailwarden::bounce_detail
