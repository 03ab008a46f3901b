#include "common/random_bytes.hpp"

#include <openssl/rand.h>

#include <stdexcept>

namespace mailwarden::common {

std::string random_bytes(std::size_t count) {
    std::string out(count, '\0');
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1)
        throw std::runtime_error("the random generator failed");
    return out;
}

}  // namespace mailwarden::common
