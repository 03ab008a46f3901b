// The phrases MTAs use for each cause of a failure, gathered from the
// standards' wording and from real bounces of many MTAs (docs/bounces.md).
#pragma once

#include "bounce/classify/phrase_matcher.hpp"

#include <span>

namespace mailwarden::bounce_detail {

std::span<const Phrase> failure_phrases() noexcept;

/// The matcher over failure_phrases(), built once.
const PhraseMatcher& failure_matcher();

}  // namespace mailwarden::bounce_detail
