#include "transport/local/files.hpp"

#include <openssl/rand.h>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

namespace mailwarden::local {

namespace fs = std::filesystem;

namespace {

Error io_error(const std::string& what, const fs::path& path) {
    return Error(errc::io, what + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

std::string unique_name() {
    static std::atomic<unsigned> counter{0};
    unsigned char random[6];
    RAND_bytes(random, sizeof random);
    std::ostringstream name;
    name << std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::system_clock::now().time_since_epoch())
                .count()
         << '.' << ::getpid() << '_' << counter.fetch_add(1) << '.';
    for (const unsigned char b : random) name << std::hex << static_cast<int>(b >> 4) << static_cast<int>(b & 15);
    return name.str();
}

Result<Done, Error> write_file_atomically(const fs::path& path, std::string_view content, unsigned mode) {
    const fs::path temp = path.parent_path() / ("." + path.filename().string() + "." + unique_name() + ".tmp");
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd < 0) return unexpected(io_error("cannot create", temp));
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const Error e = io_error("cannot write", temp);
            ::close(fd);
            ::unlink(temp.c_str());
            return unexpected(e);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const Error e = io_error("cannot flush", temp);
        ::unlink(temp.c_str());
        return unexpected(e);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const Error e = io_error("cannot rename into", path);
        ::unlink(temp.c_str());
        return unexpected(e);
    }
    return Done{};
}

Result<std::string, Error> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return unexpected(Error(errc::not_found, "cannot read " + path.string()));
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

Result<fs::path, Error> deliver_to_maildir(const fs::path& maildir, std::string_view message) {
    std::error_code ec;
    for (const char* sub : {"tmp", "new", "cur"}) fs::create_directories(maildir / sub, ec);
    if (ec) return unexpected(Error(errc::io, "cannot create Maildir " + maildir.string() + ": " + ec.message()));
    const std::string name = unique_name() + ".eml";
    const fs::path tmp = maildir / "tmp" / name;
    if (auto w = write_file_atomically(tmp, message); !w) return unexpected(std::move(w).error());
    const fs::path target = maildir / "new" / name;
    fs::rename(tmp, target, ec);
    if (ec) return unexpected(Error(errc::io, "cannot deliver into " + target.string() + ": " + ec.message()));
    return target;
}

}  // namespace mailwarden::local
