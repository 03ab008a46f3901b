// The request operation: URL checks, a pooled or new connection (resolve,
// connect, TLS), write, read, and at most one retry on a fresh connection
// when the retry rule allows it. One coroutine per request on the client's
// strand; the pool, the in-flight registry and shutdown share that strand.
#include "http_client.hpp"

#include "connection.hpp"
#include "interrupt.hpp"
#include "io_errors.hpp"
#include "pool.hpp"
#include "retry_rule.hpp"
#include "tls.hpp"
#include "url.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>

namespace mailwarden::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

Error make_error(http_errc code, Phase phase, bool may_have_reached, std::string message,
                 const boost::system::error_code& cause = {}) {
    Error e;
    e.code = make_error_code(code);
    e.phase = phase;
    e.may_have_reached_server = may_have_reached;
    e.message = std::move(message);
    e.cause = cause;
    return e;
}

// RFC 9110 tchar.
bool is_token(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        std::string_view("!#$%&'*+-.^_`|~").find(ch) != std::string_view::npos;
        if (!ok) return false;
    }
    return true;
}

bool is_field_value(std::string_view s) noexcept {
    for (char c : s)
        if (c == '\r' || c == '\n' || c == '\0') return false;
    return true;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto l = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
        if (l(a[i]) != l(b[i])) return false;
    }
    return true;
}

std::string ms(std::chrono::milliseconds d) {
    return std::to_string(d.count()) + " ms";
}

// "127.0.0.1:8443" or "[::1]:8443" -> the endpoint; false for anything else.
bool parse_ip_port(std::string_view text, tcp::endpoint& out) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == text.size() || text.size() - colon > 6) return false;
    std::string_view host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    for (char c : text.substr(colon + 1)) {
        if (c < '0' || c > '9') return false;
        port = port * 10 + static_cast<unsigned>(c - '0');
    }
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(std::string(host), ec);
    if (ec || port == 0 || port > 65535) return false;
    out = tcp::endpoint(address, static_cast<std::uint16_t>(port));
    return true;
}

struct ExchangeOutcome {
    bool ok = false;
    Response response;
    bool keep_alive = false;
    Error error;
    bool response_bytes_seen = false;
};

}  // namespace

struct HttpClient::OwnThread {
    asio::io_context context{1};
    asio::executor_work_guard<asio::io_context::executor_type> work{context.get_executor()};
    std::thread thread;
};

struct HttpClient::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::any_io_executor executor, HttpOptions opts)
        : exec(asio::make_strand(executor)), options(std::move(opts)), pool(exec, options, pool_counters) {
        tls = make_tls_context(options, tls_error);
    }

    asio::any_io_executor exec;  // a strand
    HttpOptions options;
    std::unique_ptr<asio::ssl::context> tls;
    std::string tls_error;
    PoolCounters pool_counters;
    Pool pool;

    std::atomic<std::uint64_t> requests{0}, opened{0}, reused{0}, retries{0};

    struct ResolveState {
        explicit ResolveState(const asio::any_io_executor& ex) : resolver(ex), timer(ex) {}
        tcp::resolver resolver;
        asio::steady_timer timer;
        bool done = false;
        boost::system::error_code ec;
        tcp::resolver::results_type results;
    };

    // Requests in flight, for shutdown (strand only).
    bool stopping = false;
    std::set<Interruption*> in_flight;

    void shutdown() {
        stopping = true;
        pool.shutdown();
        for (auto* i : in_flight) i->interrupt();
    }

    bool interrupted(const Interruption& i) const { return stopping || i.requested; }

    Error interrupted_error(Phase phase, bool may_have_reached) const {
        return make_error(http_errc::cancelled, phase, may_have_reached,
                          stopping ? "the HTTP client shut down" : "the request was cancelled");
    }

    // Resolve, connect, TLS handshake.
    awaitable<std::unique_ptr<Connection>> open(const Target& t, Interruption& intr, Error& err) {
        std::vector<tcp::endpoint> endpoints;
        if (const auto pinned = options.connect_to.find(t.host + ":" + std::to_string(t.port));
            pinned != options.connect_to.end()) {
            tcp::endpoint endpoint;
            if (!parse_ip_port(pinned->second, endpoint)) {
                err = make_error(http_errc::invalid_url, Phase::prepare, false,
                                 "connect_to " + pinned->first + " -> " + pinned->second + " is not ip:port");
                co_return nullptr;
            }
            endpoints.push_back(endpoint);
        } else if (t.host_is_ip) {
            boost::system::error_code ec;
            auto address = asio::ip::make_address(t.host, ec);
            if (ec) {
                err = make_error(http_errc::invalid_url, Phase::prepare, false, "bad IP address " + t.host, ec);
                co_return nullptr;
            }
            endpoints.emplace_back(address, t.port);
        } else {
            // getaddrinfo cannot be interrupted: on timeout the lookup is
            // left to finish on its own and its result dropped.
            auto st = std::make_shared<ResolveState>(exec);
            st->timer.expires_after(options.resolve_timeout);
            st->resolver.async_resolve(t.host, std::to_string(t.port),
                                       [st](const boost::system::error_code& ec, tcp::resolver::results_type r) {
                                           st->done = true;
                                           st->ec = ec;
                                           st->results = std::move(r);
                                           st->timer.cancel();
                                       });
            {
                WaitScope scope(intr, [st] {
                    st->resolver.cancel();
                    st->timer.cancel();
                });
                co_await st->timer.async_wait(use_tuple);
            }
            if (interrupted(intr)) {
                err = interrupted_error(Phase::resolve, false);
                co_return nullptr;
            }
            if (!st->done) {
                st->resolver.cancel();
                err = make_error(http_errc::timeout, Phase::resolve, false,
                                 "resolving " + t.host + " timed out after " + ms(options.resolve_timeout));
                co_return nullptr;
            }
            if (st->ec || st->results.empty()) {
                err = make_error(http_errc::resolve_failed, Phase::resolve, false,
                                 "cannot resolve " + t.host + ": " + (st->ec ? st->ec.message() : "no address"), st->ec);
                co_return nullptr;
            }
            for (const auto& r : st->results) endpoints.push_back(r.endpoint());
        }

        auto conn = std::make_unique<Connection>(exec, t.tls ? tls.get() : nullptr, t.pool_key);
        WaitScope scope(intr, [c = conn.get()] { c->close(); });
        auto& stream = conn->tcp();
        stream.expires_after(options.connect_timeout);
        auto [cec, connected] = co_await stream.async_connect(endpoints, use_tuple);
        if (interrupted(intr)) {
            err = interrupted_error(Phase::connect, false);
            co_return nullptr;
        }
        if (cec) {
            const auto code = classify_io_error(cec, Phase::connect);
            err = make_error(code, Phase::connect, false,
                             code == http_errc::timeout
                                 ? "connecting to " + t.host_header + " timed out after " + ms(options.connect_timeout)
                                 : "cannot connect to " + t.host_header + ": " + cec.message(),
                             cec);
            co_return nullptr;
        }
        opened.fetch_add(1, std::memory_order_relaxed);
        stream.socket().set_option(tcp::no_delay(true), cec);  // request and response fit in few segments

        if (t.tls) {
            std::string message;
            SSL* ssl = conn->tls().native_handle();
            if (!prepare_tls_connection(ssl, t.host, t.host_is_ip, message)) {
                err = make_error(http_errc::tls_handshake_failed, Phase::tls_handshake, false, message);
                co_return nullptr;
            }
            stream.expires_after(options.tls_handshake_timeout);
            auto [hec] = co_await conn->tls().async_handshake(asio::ssl::stream_base::client, use_tuple);
            if (interrupted(intr)) {
                err = interrupted_error(Phase::tls_handshake, false);
                co_return nullptr;
            }
            if (hec) {
                const long verify = SSL_get_verify_result(ssl);
                const auto code = classify_io_error(hec, Phase::tls_handshake);
                if (code == http_errc::timeout) {
                    err = make_error(code, Phase::tls_handshake, false,
                                     "TLS handshake with " + t.host_header + " timed out after " +
                                         ms(options.tls_handshake_timeout),
                                     hec);
                } else if (verify != X509_V_OK) {
                    err = make_error(http_errc::certificate_verify_failed, Phase::tls_handshake, false,
                                     describe_verify_failure(verify, t.host), hec);
                    err.tls_verify_result = verify;
                } else {
                    err = make_error(http_errc::tls_handshake_failed, Phase::tls_handshake, false,
                                     "TLS handshake with " + t.host_header + " failed: " + hec.message(), hec);
                }
                co_return nullptr;
            }
        }
        stream.expires_never();
        co_return conn;
    }

    Error io_error(const boost::system::error_code& ec, Phase phase, bool may_have_reached, const Target& t,
                   const Interruption& intr) const {
        if (interrupted(intr)) return interrupted_error(phase, may_have_reached);
        const auto code = classify_io_error(ec, phase);
        std::string what = std::string(to_string(phase)) + " (" + t.host_header + ")";
        if (code == http_errc::timeout) {
            const auto limit = phase == Phase::write ? options.write_timeout : options.read_timeout;
            return make_error(code, phase, may_have_reached, what + " timed out after " + ms(limit), ec);
        }
        if (code == http_errc::body_too_large)
            return make_error(code, phase, may_have_reached,
                              what + ": body larger than " + std::to_string(options.max_body_bytes) + " bytes", ec);
        if (code == http_errc::header_too_large)
            return make_error(code, phase, may_have_reached,
                              what + ": header larger than " + std::to_string(options.max_header_bytes) + " bytes", ec);
        return make_error(code, phase, may_have_reached, what + ": " + ec.message(), ec);
    }

    template <class Stream>
    awaitable<ExchangeOutcome> exchange_on(Stream& stream, Connection& conn, const bhttp::request<bhttp::string_body>& req,
                                           bool head, const Target& t, const Interruption& intr) {
        ExchangeOutcome out;
        auto& tcp = conn.tcp();
        tcp.expires_after(options.write_timeout);
        auto [wec, written] = co_await bhttp::async_write(stream, req, use_tuple);
        if (wec) {
            // Not all of the request left this process: the server cannot
            // have a complete request to act on.
            out.error = io_error(wec, Phase::write, false, t, intr);
            co_return out;
        }
        tcp.expires_after(options.read_timeout);
        auto& buffer = conn.buffer();
        for (;;) {
            bhttp::response_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
            parser.body_limit(options.max_body_bytes);
            if (head) parser.skip(true);
            auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
            out.response_bytes_seen = out.response_bytes_seen || parser.got_some() || buffer.size() > 0;
            if (hec) {
                out.error = io_error(hec, Phase::read_header, true, t, intr);
                co_return out;
            }
            const unsigned status = parser.get().result_int();
            if (status >= 100 && status < 200 && status != 101) continue;  // interim (100 Continue ...)
            auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
            if (bec) {
                out.error = io_error(bec, Phase::read_body, true, t, intr);
                co_return out;
            }
            tcp.expires_never();
            auto msg = parser.release();
            out.response.status = msg.result_int();
            out.response.reason = std::string(msg.reason());
            out.response.headers.reserve(static_cast<std::size_t>(std::distance(msg.begin(), msg.end())));
            for (const auto& f : msg) out.response.headers.push_back({std::string(f.name_string()), std::string(f.value())});
            out.response.body = std::move(msg.body());
            out.keep_alive = msg.keep_alive() && req.keep_alive() && buffer.size() == 0 && status != 101;
            out.ok = true;
            co_return out;
        }
    }

    awaitable<ExchangeOutcome> exchange(Connection& conn, const bhttp::request<bhttp::string_body>& req, bool head,
                                        const Target& t, Interruption& intr) {
        WaitScope scope(intr, [c = &conn] { c->close(); });
        if (conn.is_tls()) co_return co_await exchange_on(conn.tls(), conn, req, head, t, intr);
        co_return co_await exchange_on(conn.tcp(), conn, req, head, t, intr);
    }

    struct InFlight {
        std::set<Interruption*>& set;
        Interruption* i;
        InFlight(std::set<Interruption*>& s, Interruption* x) : set(s), i(x) { set.insert(i); }
        ~InFlight() { set.erase(i); }
        InFlight(const InFlight&) = delete;
        InFlight& operator=(const InFlight&) = delete;
    };

    static awaitable<Result> run(std::shared_ptr<Impl> self, Request request, std::shared_ptr<Interruption> intr) {
        InFlight registered(self->in_flight, intr.get());
        if (self->stopping) intr->requested = true;
        co_return co_await self->run_request(std::move(request), *intr);
    }

    awaitable<Result> run_request(Request request, Interruption& intr) {
        requests.fetch_add(1, std::memory_order_relaxed);
        Target t;
        std::string message;
        if (auto ec = parse_target(request.url, options.allow_plaintext, t, message))
            co_return make_error(static_cast<http_errc>(ec.value()), Phase::prepare, false, message);
        if (t.tls && !tls) co_return make_error(http_errc::tls_config_failed, Phase::prepare, false, tls_error);
        if (!is_token(request.method))
            co_return make_error(http_errc::invalid_request, Phase::prepare, false,
                                 "invalid method '" + request.method + "'");

        bhttp::request<bhttp::string_body> req;
        if (auto verb = bhttp::string_to_verb(request.method); verb != bhttp::verb::unknown)
            req.method(verb);
        else
            req.method_string(request.method);
        req.target(t.path);
        req.version(11);
        bool has_host = false, has_agent = false;
        for (const auto& h : request.headers) {
            if (!is_token(h.name) || !is_field_value(h.value))
                co_return make_error(http_errc::invalid_request, Phase::prepare, false,
                                     "invalid header field '" + h.name + "'");
            // The length is computed from the body, whatever the caller said.
            if (iequals(h.name, "content-length") || iequals(h.name, "transfer-encoding")) continue;
            has_host = has_host || iequals(h.name, "host");
            has_agent = has_agent || iequals(h.name, "user-agent");
            req.insert(h.name, h.value);
        }
        if (!has_host) req.set(bhttp::field::host, t.host_header);
        if (!has_agent && !options.user_agent.empty()) req.set(bhttp::field::user_agent, options.user_agent);
        req.body() = std::move(request.body);
        req.prepare_payload();
        if (options.max_idle_per_endpoint == 0) req.keep_alive(false);

        const bool idempotent = request.idempotent.value_or(is_idempotent_method(request.method));
        const bool head = request.method == "HEAD";

        for (unsigned attempt = 1;; ++attempt) {
            auto lease = co_await pool.acquire(t.pool_key, attempt > 1, intr);
            if (!lease.granted) co_return interrupted_error(Phase::queued, false);
            std::unique_ptr<Connection> conn = std::move(lease.conn);
            const bool was_pooled = conn != nullptr;
            if (was_pooled) {
                reused.fetch_add(1, std::memory_order_relaxed);
            } else {
                Error err;
                conn = co_await open(t, intr, err);
                if (!conn) {
                    pool.release(t.pool_key, nullptr, false);
                    co_return err;
                }
            }
            ExchangeOutcome out = co_await exchange(*conn, req, head, t, intr);
            if (out.ok) {
                pool.release(t.pool_key, std::move(conn), out.keep_alive && !interrupted(intr));
                out.response.reused_connection = was_pooled;
                out.response.attempts = attempt;
                co_return std::move(out.response);
            }
            pool.release(t.pool_key, std::move(conn), false);
            const AttemptFailure failure{out.error, was_pooled, out.response_bytes_seen};
            if (attempt == 1 && !interrupted(intr) && may_retry_on_fresh_connection(failure, idempotent)) {
                retries.fetch_add(1, std::memory_order_relaxed);
                continue;
            }
            co_return std::move(out.error);
        }
    }
};

HttpClient::HttpClient(HttpOptions options) : own_(std::make_unique<OwnThread>()) {
    impl_ = std::make_shared<Impl>(own_->context.get_executor(), std::move(options));
    own_->thread = std::thread([ctx = &own_->context] { ctx->run(); });
}

HttpClient::HttpClient(asio::any_io_executor executor, HttpOptions options)
    : impl_(std::make_shared<Impl>(std::move(executor), std::move(options))) {}

HttpClient::~HttpClient() {
    asio::dispatch(impl_->exec, [impl = impl_] { impl->shutdown(); });
    if (own_) {
        own_->work.reset();
        // Destroying the client from one of its own handlers would join the
        // thread from itself: a precondition violation (std::system_error).
        own_->thread.join();
    }
    impl_.reset();
}

void HttpClient::start(Request request, asio::any_completion_handler<void(Result)> handler) {
    auto work = asio::prefer(asio::get_associated_executor(handler, impl_->exec),
                             asio::execution::outstanding_work.tracked);
    auto impl = impl_;
    auto intr = std::make_shared<Interruption>();
    // Cancellation from the caller: any type of cancellation ends the request
    // (nothing of a half-done exchange can be kept). The signal must be
    // emitted on the client's executor, like every Asio cancellation.
    auto slot = asio::get_associated_cancellation_slot(handler);
    if (slot.is_connected()) {
        slot.assign([impl, intr](asio::cancellation_type type) {
            if (type == asio::cancellation_type::none) return;
            asio::dispatch(impl->exec, [intr] { intr->interrupt(); });
        });
    }
    asio::co_spawn(impl->exec, Impl::run(impl, std::move(request), intr),
                   [handler = std::move(handler), work = std::move(work)](std::exception_ptr ep, Result result) mutable {
                       if (ep) {
                           std::string what = "unexpected failure";
                           try {
                               std::rethrow_exception(ep);
                           } catch (const std::exception& e) {
                               what += std::string(": ") + e.what();
                           } catch (...) {
                           }
                           result = make_error(http_errc::io_error, Phase::prepare, true, what);
                       }
                       auto done_slot = asio::get_associated_cancellation_slot(handler);
                       if (done_slot.is_connected()) done_slot.clear();
                       asio::dispatch(work, [handler = std::move(handler), result = std::move(result)]() mutable {
                           std::move(handler)(std::move(result));
                       });
                   });
}

Result HttpClient::send(Request request) {
    if (own_ && own_->context.get_executor().running_in_this_thread())
        throw std::logic_error("HttpClient::send called on the client's own thread");
    if (running_in_this_thread())
        throw std::logic_error("HttpClient::send called from a thread running the client's executor");
    return async_send(std::move(request), asio::use_future).get();
}

bool HttpClient::running_in_this_thread() const noexcept {
    if (own_ && own_->context.get_executor().running_in_this_thread()) return true;
    // On a caller's executor: the strand, or a thread of the io_context
    // under it, would wait for itself.
    if (auto* strand = impl_->exec.target<asio::strand<asio::any_io_executor>>()) {
        const asio::any_io_executor inner_executor = strand->get_inner_executor();
        const auto* inner = inner_executor.target<asio::io_context::executor_type>();
        if (strand->running_in_this_thread() || (inner && inner->running_in_this_thread())) return true;
    }
    return false;
}

ClientStats HttpClient::stats() const noexcept {
    ClientStats s;
    s.requests = impl_->requests.load(std::memory_order_relaxed);
    s.connections_opened = impl_->opened.load(std::memory_order_relaxed);
    s.connections_reused = impl_->reused.load(std::memory_order_relaxed);
    s.stale_discarded = impl_->pool_counters.stale_discarded.load(std::memory_order_relaxed);
    s.retries = impl_->retries.load(std::memory_order_relaxed);
    return s;
}

asio::any_io_executor HttpClient::get_executor() const noexcept {
    return impl_->exec;
}

}  // namespace mailwarden::http
