// HttpClient against the fault server (plain HTTP on 127.0.0.1): keep-alive,
// the pool's reconnects and its retry rule, every failure mode, limits,
// concurrency and shutdown.
#include "net/http/http_client.hpp"

#include "peers.hpp"
#include "../../support/eventually.hpp"
#include "../../support/tcp_sockets.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace mailwarden::http;
using namespace std::chrono_literals;
using mw_test::fault_server;

namespace {

HttpOptions local_options() {
    HttpOptions o;
    o.allow_plaintext = true;
    o.connect_timeout = 2s;
    o.write_timeout = 5s;
    o.read_timeout = 5s;
    return o;
}

Request get(const std::string& path) {
    Request r;
    r.url = fault_server().url(path);
    return r;
}

Request post(const std::string& path, std::string body) {
    Request r;
    r.method = "POST";
    r.url = fault_server().url(path);
    r.headers = {{"Content-Type", "application/json"}};
    r.body = std::move(body);
    return r;
}

std::string conn_id(const Response& r) {
    return std::string(find_header(r.headers, "X-Conn-Id").value_or(""));
}

// Complete requests the server saw with ?key=<key>, asked on a connection of
// its own so the client under test is not disturbed.
int server_count(const std::string& key) {
    HttpClient probe(local_options());
    auto r = probe.send(get("/count?key=" + key));
    REQUIRE(r.has_value());
    return std::stoi(r->body);
}

// Lets the fault server answer the requests it holds under `key` (/held).
void open_gate(const std::string& key) {
    HttpClient probe(local_options());
    REQUIRE(probe.send(get("/open?key=" + key)).has_value());
}

// Waits until the server has received `n` requests under `key`.
void wait_until_server_saw(const std::string& key, int n = 1) {
    REQUIRE_MESSAGE(test_support::eventually([&] { return server_count(key) >= n; }),
                    "the server never saw the request under " << key);
}

std::string unique_key(const char* prefix) {
    static std::atomic<int> n{0};
    return std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

Error expect_error(const Result& r, http_errc code, Phase phase, bool may_have_reached) {
    REQUIRE_MESSAGE(r.has_error(), "expected an error, got status " << (r.has_value() ? r->status : 0));
    const Error e = r.error();
    INFO("message: " << e.message << "  phase: " << to_string(e.phase));
    CHECK(e.code == code);
    CHECK(e.phase == phase);
    CHECK(e.may_have_reached_server == may_have_reached);
    CHECK(!e.message.empty());
    return e;
}

}  // namespace

TEST_CASE("sequential requests share one kept-alive connection") {
    HttpClient client(local_options());
    std::set<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        auto r = client.send(get("/ok"));
        REQUIRE(r.has_value());
        CHECK(r->status == 200);
        CHECK(r->reason == "OK");
        CHECK(r->body == "ok");
        CHECK(r->reused_connection == (i > 0));
        CHECK(r->attempts == 1);
        CHECK(find_header(r->headers, "X-Conn-Requests") == std::to_string(i + 1));
        ids.insert(conn_id(*r));
    }
    CHECK(ids.size() == 1);
    const auto s = client.stats();
    CHECK(s.requests == 5);
    CHECK(s.connections_opened == 1);
    CHECK(s.connections_reused == 4);
    CHECK(s.stale_discarded == 0);
    CHECK(s.retries == 0);
}

TEST_CASE("the request carries method, target, Host, User-Agent, Content-Length and caller headers") {
    HttpClient client(local_options());
    auto req = post("/echo?Action=Send&x=%2F", R"({"a":1})");
    req.headers.push_back({"X-Amz-Date", "20240101T000000Z"});
    auto r = client.send(req);
    REQUIRE(r.has_value());
    REQUIRE(r->status == 200);
    const std::string& j = r->body;
    INFO(j);
    CHECK(j.find(R"("method": "POST")") != std::string::npos);
    CHECK(j.find(R"("target": "/echo?Action=Send&x=%2F")") != std::string::npos);
    CHECK(j.find(R"(["Host", "127.0.0.1:)" + std::to_string(fault_server().port()) + R"("])") != std::string::npos);
    CHECK(j.find(R"(["User-Agent", "mailwarden"])") != std::string::npos);
    CHECK(j.find(R"(["Content-Length", "7"])") != std::string::npos);
    CHECK(j.find(R"(["X-Amz-Date", "20240101T000000Z"])") != std::string::npos);
    CHECK(j.find(R"("body_length": 7)") != std::string::npos);
    CHECK(host_header(req.url) == "127.0.0.1:" + std::to_string(fault_server().port()));
}

TEST_CASE("a 429 and a 503 are responses, returned as they came, never retried by the client") {
    HttpClient client(local_options());
    const auto key = unique_key("429");
    auto first = client.send(post("/429-then-200?key=" + key, "{}"));
    REQUIRE(first.has_value());
    CHECK(first->status == 429);
    CHECK(find_header(first->headers, "retry-after") == "1");
    CHECK(first->body.find("Maximum sending rate exceeded") != std::string::npos);
    CHECK(server_count(key) == 1);
    auto second = client.send(post("/429-then-200?key=" + key, "{}"));
    REQUIRE(second.has_value());
    CHECK(second->status == 200);
    CHECK(second->body == R"({"MessageId":"m-1"})");
    CHECK(second->reused_connection);  // an error status does not cost the connection

    const auto key503 = unique_key("503");
    for (int i = 0; i < 3; ++i) {
        auto r = client.send(post("/503?key=" + key503, "{}"));
        REQUIRE(r.has_value());
        CHECK(r->status == 503);
        CHECK(find_header(r->headers, "Retry-After") == "2");
    }
    CHECK(server_count(key503) == 3);
    CHECK(client.stats().retries == 0);
}

TEST_CASE("a connection reset in the middle of the body") {
    HttpClient client(local_options());
    const auto key = unique_key("reset");
    auto r = client.send(get("/reset-mid-response?key=" + key));
    expect_error(r, http_errc::connection_reset, Phase::read_body, true);
    CHECK(server_count(key) == 1);  // not repeated, although GET: part of a response had come
    CHECK(client.stats().retries == 0);

    auto closed = client.send(get("/close-mid-response"));
    expect_error(closed, http_errc::connection_closed, Phase::read_body, true);
}

TEST_CASE("a response slower than the read timeout") {
    auto options = local_options();
    options.read_timeout = 300ms;
    HttpClient client(options);
    const auto key = unique_key("read-timeout");
    const auto start = std::chrono::steady_clock::now();
    auto r = client.send(get("/held?key=" + key));  // answered only once the gate opens
    const auto elapsed = std::chrono::steady_clock::now() - start;
    open_gate(key);
    const auto& e = expect_error(r, http_errc::timeout, Phase::read_header, true);
    CHECK(e.message.find("timed out after 300 ms") != std::string::npos);
    CHECK(elapsed >= 290ms);
    // The timed-out connection is not reused: the next request opens another.
    auto ok = client.send(get("/ok"));
    REQUIRE(ok.has_value());
    CHECK(!ok->reused_connection);
    CHECK(client.stats().connections_opened == 2);
}

TEST_CASE("garbage instead of HTTP") {
    HttpClient client(local_options());
    auto r = client.send(get("/garbage"));
    expect_error(r, http_errc::malformed_response, Phase::read_header, true);
}

TEST_CASE("response body and header limits") {
    auto options = local_options();
    options.max_body_bytes = 1000;
    options.max_header_bytes = 4096;
    HttpClient client(options);

    auto exact = client.send(get("/big?bytes=1000"));
    REQUIRE(exact.has_value());
    CHECK(exact->body.size() == 1000);

    // Content-Length above the limit: refused as soon as the header is read.
    auto big = client.send(get("/big?bytes=5000"));
    const auto& e = expect_error(big, http_errc::body_too_large, Phase::read_header, true);
    CHECK(e.message.find("1000 bytes") != std::string::npos);

    // Chunked: refused while reading, once past the limit.
    auto chunked = client.send(get("/big-chunked?bytes=50000"));
    expect_error(chunked, http_errc::body_too_large, Phase::read_body, true);

    auto header = client.send(get("/big-header?bytes=8000"));
    expect_error(header, http_errc::header_too_large, Phase::read_header, true);

    auto small_header = client.send(get("/big-header?bytes=1000"));
    REQUIRE(small_header.has_value());
    CHECK(small_header->status == 200);
}

TEST_CASE("default limits: 10 MiB of body") {
    HttpClient client(local_options());
    auto at_limit = client.send(get("/big?bytes=10485760"));
    REQUIRE(at_limit.has_value());
    CHECK(at_limit->body.size() == 10485760u);
    auto over = client.send(get("/big?bytes=10485761"));
    expect_error(over, http_errc::body_too_large, Phase::read_header, true);
}

TEST_CASE("the pool reconnects transparently when the server closed an idle connection") {
    HttpClient client(local_options());
    auto first = client.send(get("/ok?close_idle_ms=100"));
    REQUIRE(first.has_value());
    // The server closes its side after 100 ms idle: wait until the client's
    // connection has its FIN.
    REQUIRE(test_support::eventually([] { return test_support::ended_by_server(fault_server().port()); }));
    const auto key = unique_key("idle");
    auto second = client.send(post("/ok?key=" + key, "{}"));  // not idempotent, and still fine
    REQUIRE(second.has_value());
    CHECK(second->status == 200);
    CHECK(!second->reused_connection);
    CHECK(second->attempts == 1);  // found dead before anything was written: no retry needed
    CHECK(conn_id(*second) != conn_id(*first));
    CHECK(server_count(key) == 1);
    const auto s = client.stats();
    CHECK(s.stale_discarded == 1);
    CHECK(s.retries == 0);
    CHECK(s.connections_opened == 2);
}

TEST_CASE("server closes a reused connection after reading the request: POST is not repeated") {
    HttpClient client(local_options());
    auto first = client.send(get("/ok?drop_next=1"));
    REQUIRE(first.has_value());
    const auto key = unique_key("drop-post");
    auto r = client.send(post("/ok?key=" + key, R"({"send":"once"})"));
    expect_error(r, http_errc::connection_closed, Phase::read_header, true);
    CHECK(server_count(key) == 1);  // it did arrive: sending it again would have sent it twice
    CHECK(client.stats().retries == 0);
}

TEST_CASE("server closes a reused connection after reading the request: GET is retried once") {
    HttpClient client(local_options());
    auto first = client.send(get("/ok?drop_next=1"));
    REQUIRE(first.has_value());
    const auto key = unique_key("drop-get");
    auto r = client.send(get("/ok?key=" + key));
    REQUIRE(r.has_value());
    CHECK(r->status == 200);
    CHECK(r->attempts == 2);
    CHECK(!r->reused_connection);
    CHECK(conn_id(*r) != conn_id(*first));
    CHECK(server_count(key) == 2);
    CHECK(client.stats().retries == 1);

    // A POST marked idempotent by the caller is treated the same way.
    auto again = client.send(get("/ok?drop_next=1"));
    REQUIRE(again.has_value());
    auto marked = post("/ok", "{}");
    marked.idempotent = true;
    auto m = client.send(marked);
    REQUIRE(m.has_value());
    CHECK(m->attempts == 2);
}

TEST_CASE("a write failing on a reused connection is retried, even for POST") {
    HttpClient client(local_options());
    auto first = client.send(get("/ok?rst_next=1"));
    REQUIRE(first.has_value());
    const auto key = unique_key("rst");
    // The server reads the next request's header, then resets: the 32 MiB
    // body cannot all be written, so the server never had the request whole.
    auto r = client.send(post("/ok?key=" + key, std::string(32 * 1024 * 1024, 'b')));
    REQUIRE(r.has_value());
    CHECK(r->status == 200);
    CHECK(r->attempts == 2);
    CHECK(conn_id(*r) != conn_id(*first));
    CHECK(server_count(key) == 1);  // acted on once
    CHECK(client.stats().retries == 1);
}

TEST_CASE("a write slower than the write timeout: the request did not reach the server") {
    auto options = local_options();
    options.write_timeout = 300ms;
    HttpClient client(options);
    auto r = client.send(post("/no-read", std::string(64 * 1024 * 1024, 'b')));
    expect_error(r, http_errc::timeout, Phase::write, false);
}

TEST_CASE("connection refused") {
    HttpClient client(local_options());
    const mw_test::ClosedPort closed;
    Request req;
    req.url = "http://127.0.0.1:" + std::to_string(closed.port()) + "/";
    auto r = client.send(req);
    const auto& e = expect_error(r, http_errc::connect_failed, Phase::connect, false);
    CHECK(e.message.find("refused") != std::string::npos);
    CHECK(client.stats().connections_opened == 0);
}

TEST_CASE("a connect that gets no answer: timeout in the connect phase") {
    mw_test::FullBacklogListener silent;
    auto options = local_options();
    options.connect_timeout = 300ms;
    HttpClient client(options);
    Request req;
    req.url = "http://127.0.0.1:" + std::to_string(silent.port()) + "/";
    const auto start = std::chrono::steady_clock::now();
    auto r = client.send(req);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    const auto e = expect_error(r, http_errc::timeout, Phase::connect, false);
    CHECK(e.message.find("timed out after 300 ms") != std::string::npos);
    CHECK(elapsed >= 290ms);
}

TEST_CASE("plain http:// is refused unless allowed") {
    HttpClient client;  // defaults
    auto r = client.send(get("/ok"));
    const auto& e = expect_error(r, http_errc::insecure_scheme_refused, Phase::prepare, false);
    CHECK(e.message.find("allow_plaintext") != std::string::npos);
    CHECK(client.stats().connections_opened == 0);
}

TEST_CASE("invalid URLs and requests fail before any connection") {
    HttpClient client(local_options());
    Request r1;
    r1.url = "ftp://127.0.0.1/";
    expect_error(client.send(r1), http_errc::invalid_url, Phase::prepare, false);
    Request r2 = get("/ok");
    r2.method = "GE T";
    expect_error(client.send(r2), http_errc::invalid_request, Phase::prepare, false);
    Request r3 = get("/ok");
    r3.headers = {{"X-Injected", "a\r\nHost: evil"}};
    expect_error(client.send(r3), http_errc::invalid_request, Phase::prepare, false);
    CHECK(client.stats().connections_opened == 0);
}

TEST_CASE("responses that end the connection are not pooled; HEAD keeps it") {
    HttpClient client(local_options());
    auto a = client.send(get("/close"));
    REQUIRE(a.has_value());
    CHECK(a->body == "bye");
    auto b = client.send(get("/http10"));
    REQUIRE(b.has_value());
    CHECK(b->body == "old");
    CHECK(!b->reused_connection);
    auto c = client.send(get("/ok"));
    REQUIRE(c.has_value());
    CHECK(!c->reused_connection);

    Request head = get("/ok");
    head.method = "HEAD";
    auto h = client.send(head);
    REQUIRE(h.has_value());
    CHECK(h->status == 200);
    CHECK(h->body.empty());
    CHECK(h->reused_connection);
    auto d = client.send(get("/ok"));
    REQUIRE(d.has_value());
    CHECK(d->body == "ok");
    CHECK(d->reused_connection);
    CHECK(client.stats().connections_opened == 3);
    CHECK(client.stats().stale_discarded == 0);
}

TEST_CASE("the pool bounds connections per endpoint; requests beyond wait") {
    auto options = local_options();
    options.max_connections_per_endpoint = 2;
    HttpClient client(options);
    std::vector<std::future<Result>> pending;
    for (int i = 0; i < 6; ++i) pending.push_back(client.async_send(get("/slow?ms=150"), boost::asio::use_future));
    std::set<std::string> ids;
    for (auto& f : pending) {
        auto r = f.get();
        REQUIRE(r.has_value());
        CHECK(r->status == 200);
        ids.insert(conn_id(*r));
    }
    CHECK(ids.size() == 2);
    CHECK(client.stats().connections_opened == 2);
}

TEST_CASE("keep-alive off: one connection per request") {
    auto options = local_options();
    options.max_idle_per_endpoint = 0;
    HttpClient client(options);
    for (int i = 0; i < 3; ++i) {
        auto r = client.send(get("/ok"));
        REQUIRE(r.has_value());
        CHECK(!r->reused_connection);
    }
    CHECK(client.stats().connections_opened == 3);
}

TEST_CASE("blocking calls from several threads at once") {
    HttpClient client(local_options());
    const Request request = get("/ok");  // the server starts on this thread, if not yet running
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                auto r = client.send(request);
                if (r.has_value() && r->status == 200) ++ok;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 100);
    const auto s = client.stats();
    CHECK(s.requests == 100);
    CHECK(s.connections_opened <= 4);
    CHECK(s.connections_reused >= 96);
}

TEST_CASE("async completion runs on the handler's executor; send() from it is refused") {
    boost::asio::io_context user_context;
    HttpClient client(local_options());
    std::thread::id handler_thread;
    int calls = 0;
    bool refused = false;
    client.async_send(get("/ok"), boost::asio::bind_executor(user_context, [&](Result r) {
                          ++calls;
                          handler_thread = std::this_thread::get_id();
                          CHECK(r.has_value());
                      }));
    user_context.run();  // returns once the handler ran: the pending request kept it busy
    CHECK(calls == 1);
    CHECK(handler_thread == std::this_thread::get_id());

    std::promise<void> done;
    client.async_send(get("/ok"), [&](Result) {
        try {
            (void)client.send(get("/ok"));
        } catch (const std::logic_error&) {
            refused = true;
        }
        done.set_value();
    });
    done.get_future().wait();
    CHECK(refused);
}

TEST_CASE("a client on a caller's io_context") {
    boost::asio::io_context context;
    HttpClient client(context.get_executor(), local_options());
    std::vector<unsigned> statuses;
    for (int i = 0; i < 3; ++i)
        client.async_send(get("/ok"), [&](Result r) { statuses.push_back(r.has_value() ? r->status : 0); });
    bool refused = false;
    boost::asio::post(context, [&] {
        try {
            (void)client.send(get("/ok"));
        } catch (const std::logic_error&) {
            refused = true;  // this thread is the one that would run the request
        }
    });
    context.run();
    CHECK(statuses == std::vector<unsigned>{200, 200, 200});
    CHECK(refused);
}

TEST_CASE("destroying the client ends requests in flight with cancelled") {
    auto options = local_options();
    options.read_timeout = 300s;  // the request ends by the destructor or not at all
    auto client = std::make_unique<HttpClient>(options);
    const auto key = unique_key("destroyed");
    auto held = client->async_send(get("/held?key=" + key), boost::asio::use_future);
    wait_until_server_saw(key);  // in flight: written, its answer held
    client.reset();
    REQUIRE(held.wait_for(test_support::hang_limit) == std::future_status::ready);
    auto r = held.get();
    expect_error(r, http_errc::cancelled, Phase::read_header, true);
    open_gate(key);
}

TEST_CASE("a cancellation slot ends a request waiting for its response") {
    auto options = local_options();
    options.read_timeout = 300s;  // the request ends by the cancellation or not at all
    HttpClient client(options);
    boost::asio::cancellation_signal signal;
    const auto key = unique_key("cancel-response");
    auto pending = client.async_send(get("/held?key=" + key),
                                     boost::asio::bind_cancellation_slot(signal.slot(), boost::asio::use_future));
    wait_until_server_saw(key);  // written, its answer held
    boost::asio::post(client.get_executor(), [&] { signal.emit(boost::asio::cancellation_type::terminal); });
    REQUIRE(pending.wait_for(test_support::hang_limit) == std::future_status::ready);
    auto r = pending.get();
    const auto e = expect_error(r, http_errc::cancelled, Phase::read_header, true);
    CHECK(e.message.find("cancelled") != std::string::npos);
    // The client goes on; the cancelled connection was not kept.
    auto next = client.send(get("/ok"));
    REQUIRE(next.has_value());
    CHECK(!next->reused_connection);
    open_gate(key);
}

TEST_CASE("a cancellation slot ends a request queued for a connection") {
    auto options = local_options();
    options.max_connections_per_endpoint = 1;
    options.read_timeout = 300s;
    HttpClient client(options);
    const auto key = unique_key("busy");
    auto busy = client.async_send(get("/held?key=" + key), boost::asio::use_future);
    wait_until_server_saw(key);  // the one connection is taken until the gate opens
    boost::asio::cancellation_signal signal;
    const auto queued_key = unique_key("queued");
    auto queued = client.async_send(get("/ok?key=" + queued_key),
                                    boost::asio::bind_cancellation_slot(signal.slot(), boost::asio::use_future));
    // Posted after the send, so it reaches the queued request.
    boost::asio::post(client.get_executor(), [&] { signal.emit(boost::asio::cancellation_type::terminal); });
    // It ends while the connection is still busy: by the cancellation.
    REQUIRE(queued.wait_for(test_support::hang_limit) == std::future_status::ready);
    expect_error(queued.get(), http_errc::cancelled, Phase::queued, false);
    CHECK(busy.wait_for(0s) == std::future_status::timeout);
    open_gate(key);
    auto first = busy.get();
    REQUIRE(first.has_value());
    CHECK(first->status == 200);
    // The slot the cancelled request waited for is still usable.
    auto after = client.send(get("/ok"));
    REQUIRE(after.has_value());
    CHECK(after->reused_connection);
    CHECK(server_count(queued_key) == 0);  // the cancelled request was never sent
}
