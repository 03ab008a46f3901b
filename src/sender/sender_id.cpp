#include "sender/sender_id.hpp"

#include "common/random_bytes.hpp"

namespace mailwarden {

std::string new_sender_id() {
    const std::string bytes = common::random_bytes(16);
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    std::string id = "snd_";
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 5) {
            id.push_back(alphabet[(buffer >> (bits - 5)) & 31u]);
            bits -= 5;
        }
    }
    if (bits > 0) id.push_back(alphabet[(buffer << (5 - bits)) & 31u]);
    return id;
}

}  // namespace mailwarden
