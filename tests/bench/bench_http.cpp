// Requests per second through HttpClient over kept-alive connections, plain
// and TLS, against a local Beast server in this process; curl against the
// same server in the same run, as the reference.
//   bench_http [--requests N] [--concurrency C] [--rounds R] [--certs DIR]
// Each figure is the best of R rounds (the machine is shared).
// DIR holds good.crt, good.key and ca.crt from tests/peers/tls/make_test_ca.sh
// (run_http_bench.sh makes them); without it only plain HTTP is measured.
#include "net/http/http_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using mailwarden::http::HttpClient;
using mailwarden::http::HttpOptions;
using mailwarden::http::Request;
using mailwarden::http::Result;

namespace {

// A SendEmail-sized exchange: ~1 KiB of JSON up, a MessageId down.
const std::string request_body = [] {
    std::string b = R"({"FromEmailAddress":"news@example.com","Destination":{"ToAddresses":["alice@example.org"]},)"
                    R"("Content":{"Simple":{"Subject":{"Data":"Your weekly digest"},"Body":{"Text":{"Data":")";
    b += std::string(800, 'x');
    b += R"("}}}}})";
    return b;
}();
const std::string response_body = R"({"MessageId":"0100018c1f2e3d4c-5b6a7988-1234-4abc-9def-0123456789ab-000000"})";

class Server {
public:
    explicit Server(asio::ssl::context* tls) : tls_(tls) {
        acceptor_.open(tcp::v4());
        acceptor_.set_option(tcp::acceptor::reuse_address(true));
        acceptor_.bind({asio::ip::make_address("127.0.0.1"), 0});
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        thread_ = std::thread([this] { accept_loop(); });
    }
    ~Server() {
        stop_ = true;
        boost::system::error_code ec;
        tcp::socket wake(ctx_);
        wake.connect({asio::ip::make_address("127.0.0.1"), port_}, ec);
        thread_.join();
        std::lock_guard lock(mutex_);
        for (auto& t : sessions_) t.join();
    }
    std::uint16_t port() const { return port_; }

private:
    template <class Stream>
    static void serve(Stream& stream) {
        beast::flat_buffer buffer;
        boost::system::error_code ec;
        for (;;) {
            bhttp::request<bhttp::string_body> req;
            bhttp::read(stream, buffer, req, ec);
            if (ec) return;
            bhttp::response<bhttp::string_body> res{bhttp::status::ok, 11};
            res.set(bhttp::field::content_type, "application/json");
            res.set("x-amzn-RequestId", "3f1e2d4c-5b6a-4798-8123-456789abcdef");
            res.body() = response_body;
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            bhttp::write(stream, res, ec);
            if (ec || !res.keep_alive()) return;
        }
    }

    void accept_loop() {
        for (;;) {
            tcp::socket socket(ctx_);
            boost::system::error_code ec;
            acceptor_.accept(socket, ec);
            if (stop_ || ec) return;
            socket.set_option(tcp::no_delay(true), ec);
            std::lock_guard lock(mutex_);
            sessions_.emplace_back([this, s = std::move(socket)]() mutable {
                if (!tls_) {
                    serve(s);
                    return;
                }
                asio::ssl::stream<tcp::socket> stream(std::move(s), *tls_);
                boost::system::error_code hec;
                stream.handshake(asio::ssl::stream_base::server, hec);
                if (!hec) serve(stream);
            });
        }
    }

    asio::io_context ctx_;
    asio::ssl::context* tls_;
    tcp::acceptor acceptor_{ctx_};
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    std::mutex mutex_;
    std::deque<std::thread> sessions_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Request make_request(const std::string& base) {
    Request r;
    r.method = "POST";
    r.url = base + "/v2/email/outbound-emails";
    r.headers = {{"Content-Type", "application/json"}, {"X-Amz-Date", "20240101T000000Z"}};
    r.body = request_body;
    return r;
}

// One request in flight at a time (blocking send()).
double sequential(HttpClient& client, const std::string& base, int n) {
    const Request req = make_request(base);
    for (int i = 0; i < 100; ++i) (void)client.send(req);  // warm up: connection, TLS session
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < n; ++i) {
        auto r = client.send(req);
        if (!r || r->status != 200) {
            std::fprintf(stderr, "request failed: %s\n", r ? "bad status" : r.error().message.c_str());
            std::exit(1);
        }
    }
    return n / seconds_since(start);
}

// `window` requests in flight (async_send, a new one as each completes).
double concurrent(HttpClient& client, const std::string& base, int n, int window) {
    const Request req = make_request(base);
    std::atomic<int> started{0}, done{0}, failed{0};
    std::promise<void> finished;
    std::function<void()> launch = [&] {
        if (started.fetch_add(1) >= n) return;
        client.async_send(req, [&](Result r) {
            if (!r || r->status != 200) ++failed;
            if (done.fetch_add(1) + 1 == n) finished.set_value();
            else launch();
        });
    };
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < window; ++i) launch();
    finished.get_future().wait();
    const double rate = n / seconds_since(start);
    if (failed) {
        std::fprintf(stderr, "%d requests failed\n", failed.load());
        std::exit(1);
    }
    return rate;
}

// curl: the same POST to the same server, n times in one process (URL
// globbing keeps the connection alive); `parallel` > 1 uses --parallel.
double curl_rate(const std::string& base, int n, int parallel, const std::string& ca_file) {
    const auto body_file = std::filesystem::temp_directory_path() / "mw-bench-http-body.json";
    std::ofstream(body_file) << request_body;
    std::string cmd = "curl -s -o /dev/null --fail -H 'Content-Type: application/json' -H 'X-Amz-Date: 20240101T000000Z' "
                      "--data-binary @" + body_file.string();
    if (!ca_file.empty()) cmd += " --cacert " + ca_file;
    if (parallel > 1) cmd += " --parallel --parallel-max " + std::to_string(parallel);
    cmd += " '" + base + "/v2/email/outbound-emails?i=[1-" + std::to_string(n) + "]' 2>/dev/null";
    const auto start = std::chrono::steady_clock::now();
    const int rc = std::system(cmd.c_str());
    const double rate = n / seconds_since(start);
    std::filesystem::remove(body_file);
    return rc == 0 ? rate : 0.0;
}

int rounds = 3;

template <class F>
double best_of(F&& f) {
    double best = 0;
    for (int r = 0; r < rounds; ++r) best = std::max(best, f());
    return best;
}

void report(const char* label, double ours, double curl) {
    std::printf("%-34s %10.0f req/s   curl %10.0f req/s   (%.2fx)\n", label, ours, curl, curl > 0 ? ours / curl : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
    int requests = 20000;
    int window = 8;
    std::string certs;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--requests") == 0 && i + 1 < argc) requests = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--concurrency") == 0 && i + 1 < argc) window = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--certs") == 0 && i + 1 < argc) certs = argv[++i];
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: bench_http [--requests N] [--concurrency C] [--rounds R] [--certs DIR]\n");
            return 2;
        }
    }
    std::printf("%d POST requests (%zu-byte body, %zu-byte response) per round, best of %d; concurrency %d\n",
                requests, request_body.size(), response_body.size(), rounds, window);

    {
        Server server(nullptr);
        const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
        HttpOptions options;
        options.allow_plaintext = true;
        options.max_idle_per_endpoint = static_cast<std::size_t>(window);
        HttpClient client(options);
        const double seq = best_of([&] { return sequential(client, base, requests); });
        report("plain, 1 in flight", seq, best_of([&] { return curl_rate(base, requests, 1, ""); }));
        const double conc = best_of([&] { return concurrent(client, base, requests, window); });
        report(("plain, " + std::to_string(window) + " in flight").c_str(), conc,
               best_of([&] { return curl_rate(base, requests, window, ""); }));
        std::printf("  connections opened: %llu\n", static_cast<unsigned long long>(client.stats().connections_opened));
    }
    if (!certs.empty()) {
        asio::ssl::context tls(asio::ssl::context::tls_server);
        tls.use_certificate_chain_file(certs + "/good.crt");
        tls.use_private_key_file(certs + "/good.key", asio::ssl::context::pem);
        Server server(&tls);
        const std::string base = "https://localhost:" + std::to_string(server.port());
        HttpOptions options;
        options.ca_file = certs + "/ca.crt";
        options.max_idle_per_endpoint = static_cast<std::size_t>(window);
        HttpClient client(options);
        const double seq = best_of([&] { return sequential(client, base, requests); });
        report("TLS, 1 in flight", seq, best_of([&] { return curl_rate(base, requests, 1, options.ca_file); }));
        const double conc = best_of([&] { return concurrent(client, base, requests, window); });
        report(("TLS, " + std::to_string(window) + " in flight").c_str(), conc,
               best_of([&] { return curl_rate(base, requests, window, options.ca_file); }));
        std::printf("  connections opened: %llu\n", static_cast<unsigned long long>(client.stats().connections_opened));
    }
    return 0;
}
