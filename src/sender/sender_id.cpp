#include "sender/sender_id.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace mailwarden {

std::string new_sender_id() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw std::runtime_error("the random generator failed");  // programming/system error
    static constexpr char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    std::string id = "snd_";
    unsigned buffer = 0;
    int bits = 0;
    for (const unsigned char b : bytes) {
        buffer = (buffer << 8) | b;
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
