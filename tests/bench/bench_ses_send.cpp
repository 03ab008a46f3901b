// SendEmail requests per second through ses::Client (SigV4, keep-alive HTTP,
// response parsing) against a local SES server, one at a time and with a
// window of requests in flight. Rate limiting is off: the server's speed and
// ours are measured, not the account's quota.
//   bench_ses_send --endpoint URL [--requests N] [--concurrency C] [--rounds R]
// Each figure is the best of R rounds (the machine is shared).
// run_ses_bench.sh runs it next to @aws-sdk/client-sesv2 against the same
// aws-ses-v2-local.
#include <mailwarden/ses/client.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <future>
#include <string>

namespace ses = mailwarden::ses;

namespace {

ses::SendRequest message() {
    ses::SendRequest m;
    m.from = "news@iana.org";
    m.to = {"reader@iana.org"};
    m.subject = "Your weekly digest";
    m.text = std::string(800, 'x');  // ~1 KiB of JSON up, as in the HTTP benchmark
    return m;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

[[noreturn]] void die(const ses::Error& e) {
    std::fprintf(stderr, "SendEmail failed: %s\n", e.describe().c_str());
    std::exit(1);
}

double sequential(ses::Client& client, int n) {
    const auto m = message();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i)
        if (auto r = client.send_email(m); !r) die(r.error());
    return n / seconds_since(start);
}

// `window` sends in flight: each completion starts the next.
double concurrent(ses::Client& client, int n, int window) {
    const auto m = message();
    std::atomic<int> started{0}, done{0};
    std::promise<void> finished;
    std::function<void()> launch = [&] {
        if (started.fetch_add(1) >= n) return;
        client.async_send_email(m, [&](ses::SesResult<std::string> r) {
            if (!r) die(r.error());
            if (done.fetch_add(1) + 1 == n) finished.set_value();
            else launch();
        });
    };
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < window; ++i) launch();
    finished.get_future().wait();
    return n / seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    std::string endpoint;
    int requests = 2000;
    int concurrency = 8;
    int rounds = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const char* value = argv[i + 1];
        if (name == "--endpoint") endpoint = value;
        else if (name == "--requests") requests = std::atoi(value);
        else if (name == "--concurrency") concurrency = std::atoi(value);
        else if (name == "--rounds") rounds = std::atoi(value);
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (endpoint.empty() || requests <= 0 || concurrency <= 0 || rounds <= 0) {
        std::fprintf(stderr, "usage: bench_ses_send --endpoint URL [--requests N] [--concurrency C] [--rounds R]\n");
        return 2;
    }

    ses::ClientOptions o;
    o.region = "us-east-1";
    o.endpoint = endpoint;
    o.http.allow_plaintext = true;
    // Keep every connection of the window alive between requests.
    o.http.max_idle_per_endpoint = static_cast<std::size_t>(concurrency);
    o.credentials = mailwarden::aws::make_static_provider(
        mailwarden::aws::Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    o.rate_limit = false;
    auto client = ses::Client::create(o);
    if (!client) die(client.error());

    (void)sequential(**client, 200);  // warm up: connections, signing-key cache
    double best_seq = 0, best_conc = 0;
    for (int r = 0; r < rounds; ++r) {
        best_seq = std::max(best_seq, sequential(**client, requests));
        best_conc = std::max(best_conc, concurrent(**client, requests, concurrency));
    }
    const auto stats = (*client)->stats();
    std::printf("mailwarden ses::Client\tsequential\t%d requests\t%.0f requests/s (best of %d)\n", requests, best_seq,
                rounds);
    std::printf("mailwarden ses::Client\t%d in flight\t%d requests\t%.0f requests/s (best of %d)\n", concurrency,
                requests, best_conc, rounds);
    std::printf("  connections opened %llu, reused %llu, retries %llu\n",
                static_cast<unsigned long long>(stats.connections_opened),
                static_cast<unsigned long long>(stats.connections_reused),
                static_cast<unsigned long long>(stats.retries));
    return 0;
}
