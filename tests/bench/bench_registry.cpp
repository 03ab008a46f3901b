// Sender registry operations per second on the SQLite store (a file, WAL),
// with a transport that answers at once so the store and the registry are
// what is measured:
//   bench_registry [--senders N] [--store PATH]
#include <mailwarden/sender.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/transport.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

namespace {

using namespace mailwarden;

// Reports every identity verified; sends nothing.
class InstantTransport final : public Transport {
public:
    std::string_view name() const noexcept override { return "instant"; }
    Result<Done, Error> request_verification(const VerificationRequest&) override { return Done{}; }
    Result<IdentityStatus, Error> identity_status(std::string_view) override {
        ++checks;
        return IdentityStatus::verified;
    }
    Result<Done, Error> delete_identity(std::string_view) override { return Done{}; }
    Result<std::string, Error> send(const OutgoingMessage&, std::string_view) override { return std::string("id"); }
    std::atomic<long> checks{0};
};

template <class F>
double rate(const char* label, int n, F&& body) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) body(i);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    const double per_second = n / took.count();
    std::printf("%-34s %8d ops  %10.0f ops/s\n", label, n, per_second);
    return per_second;
}

}  // namespace

int main(int argc, char** argv) {
    int senders = 10'000;
    std::string path = (std::filesystem::temp_directory_path() / "mailwarden-bench-registry.db").string();
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--senders") == 0 && i + 1 < argc) senders = std::stoi(argv[++i]);
        else if (std::strcmp(argv[i], "--store") == 0 && i + 1 < argc) path = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_registry [--senders N] [--store PATH]\n");
            return 2;
        }
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto store = open_sqlite_store(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    auto transport = std::make_shared<InstantTransport>();
    RegistryOptions options;
    options.refresh_concurrency = 8;
    SenderRegistry registry(*store, transport, options);
    auto address = [](int i) { return "sender" + std::to_string(i) + "@iana.org"; };

    std::printf("SQLite store %s, %d senders\n", path.c_str(), senders);
    rate("add (validate, insert, history)", senders, [&](int i) {
        if (!registry.add(address(i), "Alias")) std::abort();
    });
    rate("get (lookup, expiry check)", senders, [&](int i) {
        if (!registry.get(address(i))) std::abort();
    });
    rate("list all (senders listed)", 1, [&](int) {
        if (registry.list()->size() != static_cast<std::size_t>(senders)) std::abort();
    });
    const auto start = std::chrono::steady_clock::now();
    auto report = registry.refresh();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (!report || report->changed != senders) std::abort();
    std::printf("%-34s %8d ops  %10.0f ops/s\n", "refresh (check + update, 8 in flight)", senders,
                senders / took.count());
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return 0;
}
