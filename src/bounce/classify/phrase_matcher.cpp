#include "bounce/classify/phrase_matcher.hpp"

#include "bounce/mime/ascii.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace mailwarden::bounce_detail {

namespace {

std::uint32_t key(const char* p) noexcept {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(p[0])) << 8) | static_cast<unsigned char>(p[1]);
}

ReasonSet& set_for(PhraseMatch& m, Strength s) noexcept {
    switch (s) {
    case Strength::weak: return m.weak;
    case Strength::decisive: return m.decisive;
    case Strength::strong: break;
    }
    return m.strong;
}

}  // namespace

std::string normalize_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool blank = true;  // drops leading blanks
    for (const char c : text) {
        if (is_space(c)) {
            if (!blank) out.push_back(' ');
            blank = true;
            continue;
        }
        out.push_back(ascii_lower(c));
        blank = false;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

PhraseMatcher::PhraseMatcher(std::span<const Phrase> phrases) : bucket_start_(65537, 0) {
    for (const Phrase& p : phrases) {
        std::string t = normalize_text(p.text);
        if (t.size() < 2) throw std::logic_error("a phrase needs two bytes at least");
        texts_.push_back(std::move(t));
        reasons_.push_back(p.reason);
        strength_.push_back(p.strength);
    }
    order_.resize(texts_.size());
    for (std::uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(),
                     [this](std::uint32_t a, std::uint32_t b) { return key(texts_[a].data()) < key(texts_[b].data()); });
    for (const std::uint32_t i : order_) ++bucket_start_[key(texts_[i].data()) + 1];
    for (std::size_t k = 1; k < bucket_start_.size(); ++k) bucket_start_[k] += bucket_start_[k - 1];
}

PhraseMatch PhraseMatcher::match(std::string_view t) const noexcept {
    PhraseMatch found;
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
        const std::uint32_t k = key(t.data() + i);
        for (std::uint32_t j = bucket_start_[k]; j < bucket_start_[k + 1]; ++j) {
            const std::string& p = texts_[order_[j]];
            if (p.size() <= t.size() - i && std::memcmp(t.data() + i + 2, p.data() + 2, p.size() - 2) == 0)
                set_for(found, strength_[order_[j]]) |= reason_bit(reasons_[order_[j]]);
        }
    }
    return found;
}

}  // namespace mailwarden::bounce_detail
