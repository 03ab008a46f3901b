// Sender registry operations per second on the SQLite store (a file, WAL),
// with a transport that answers at once so the store and the registry are
// what is measured; or, with --ses-endpoint, over the SES transport against
// a local SES peer (tests/peers/ses_fake) on keep-alive connections:
//   bench_registry [--senders N] [--store PATH] [--ses-endpoint URL] [--concurrency K]
#include <mailwarden/sender.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/net/credentials.hpp>
#include <mailwarden/ses/client.hpp>
#include <mailwarden/ses/transport.hpp>
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
    std::string ses_endpoint;
    int concurrency = 8;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--senders") == 0 && i + 1 < argc) senders = std::stoi(argv[++i]);
        else if (std::strcmp(argv[i], "--store") == 0 && i + 1 < argc) path = argv[++i];
        else if (std::strcmp(argv[i], "--ses-endpoint") == 0 && i + 1 < argc) ses_endpoint = argv[++i];
        else if (std::strcmp(argv[i], "--concurrency") == 0 && i + 1 < argc) concurrency = std::stoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_registry [--senders N] [--store PATH] [--ses-endpoint URL] [--concurrency K]\n");
            return 2;
        }
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto store = open_sqlite_store(path);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    std::shared_ptr<Transport> transport = std::make_shared<InstantTransport>();
    std::shared_ptr<ses::Client> client;
    if (!ses_endpoint.empty()) {
        ses::ClientOptions o;
        o.region = "us-east-1";
        o.endpoint = ses_endpoint;
        o.http.allow_plaintext = true;
        o.http.max_connections_per_endpoint = static_cast<std::size_t>(concurrency);
        o.http.max_idle_per_endpoint = static_cast<std::size_t>(concurrency);
        o.credentials = aws::make_static_provider(aws::Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        auto created = ses::Client::create(o);
        if (!created) {
            std::fprintf(stderr, "%s\n", created.error().describe().c_str());
            return 1;
        }
        client = *created;
        transport = make_ses_transport(client);
    }
    RegistryOptions options;
    options.refresh_concurrency = concurrency;
    SenderRegistry registry(*store, transport, options);
    auto address = [](int i) { return "sender" + std::to_string(i) + "@iana.org"; };

    std::printf("SQLite store %s, %d senders, transport %s, %d checks in flight\n", path.c_str(), senders,
                ses_endpoint.empty() ? "instant (no I/O)" : ses_endpoint.c_str(), concurrency);
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
    // Against SES the identities stay PENDING: every sender is checked, none changes.
    if (!report || report->checked != senders) std::abort();
    std::printf("%-34s %8d ops  %10.0f ops/s\n", "refresh (transport check + save)", senders, senders / took.count());
    // What a click costs now: the senders of one address, not the whole store.
    rate("refresh_address (one click)", std::min(senders, 2000), [&](int i) {
        if (!registry.refresh_address(address(i))) std::abort();
    });
    if (client) {
        const auto st = client->stats();
        std::printf("SES client: %llu requests, %llu connections opened, %llu reused\n",
                    static_cast<unsigned long long>(st.attempts), static_cast<unsigned long long>(st.connections_opened),
                    static_cast<unsigned long long>(st.connections_reused));
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    return 0;
}
