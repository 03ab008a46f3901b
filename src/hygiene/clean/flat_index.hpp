// A map from non-zero 64-bit keys (hashes) to 32-bit values in one flat
// array (open addressing, linear probing): a million entries take 16 MiB
// and a lookup touches one or two cache lines, where a node-based map
// allocates per entry. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace mailwarden::hygiene {

class FlatIndex {
public:
    /// The value stored for key, after storing `value` when there was none;
    /// second is true when it was stored now. key must not be 0.
    std::pair<std::uint32_t, bool> try_emplace(std::uint64_t key, std::uint32_t value) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        Slot& slot = find(key);
        if (slot.key == key) return {slot.value, false};
        slot = Slot{key, value};
        ++used_;
        return {value, true};
    }

    std::size_t size() const noexcept { return used_; }

private:
    struct Slot {
        std::uint64_t key = 0;  // 0: empty
        std::uint32_t value = 0;
    };

    Slot& find(std::uint64_t key) {
        const std::size_t mask = slots_.size() - 1;
        // The keys are hashes already; mix anyway so patterned keys spread.
        std::size_t i = static_cast<std::size_t>((key ^ (key >> 29)) * 0x9E3779B97F4A7C15ULL) & mask;
        while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
        return slots_[i];
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        for (const Slot& s : old)
            if (s.key != 0) find(s.key) = s;
    }

    std::vector<Slot> slots_;
    std::size_t used_ = 0;
};

}  // namespace mailwarden::hygiene
