#include "http_server.hpp"

#include "security_headers.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace console {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// What the connections share; kept alive by them, so the server may go first.
struct Shared {
    Handler handler;
    UploadGate may_upload;
    ServerLimits limits;
    std::atomic<int> connections{0};
    std::mutex log_mutex;

    void log(std::string_view method, std::string_view path, int status) {
        std::lock_guard lock(log_mutex);
        std::cerr << method << ' ' << path << ' ' << status << std::endl;
    }
};

std::string path_of(std::string_view target) {
    return std::string(target.substr(0, std::min(target.find('?'), target.size())));
}

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, std::shared_ptr<Shared> shared)
        : stream_(std::move(socket)), shared_(std::move(shared)) {
        ++shared_->connections;
        boost::system::error_code ec;
        const auto remote = stream_.socket().remote_endpoint(ec);
        if (!ec) client_ip_ = remote.address().to_string();
    }
    ~Connection() { --shared_->connections; }

    void start() { read_request(); }

private:
    void read_request() {
        parser_.emplace();
        // Beast checks a Content-Length against the limit with the header:
        // the larger one here, the request's own once the header is read.
        parser_->body_limit(std::max(shared_->limits.max_body, shared_->limits.max_upload_body));
        parser_->header_limit(64 * 1024);
        stream_.expires_after(std::chrono::seconds(shared_->limits.idle_seconds));
        http::async_read_header(stream_, buffer_, *parser_,
                                [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
    }

    // The header decides the body's limit: an upload the gate admits may be
    // larger (before any of it is read, so only a signed-in user's may).
    void on_header(beast::error_code ec) {
        if (ec) return on_read(ec);
        head_ = request_head(parser_->get());  // the body joins it in on_read
        const bool upload = shared_->may_upload && !head_.path.empty() && shared_->may_upload(head_);
        const std::size_t limit = upload ? shared_->limits.max_upload_body : shared_->limits.max_body;
        const auto length = parser_->content_length();
        if (length && *length > limit) return on_read(http::error::body_limit);
        parser_->body_limit(limit);  // a chunked body is held to it as it comes
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_read(e); });
    }

    // Everything of a request but its body; an empty path when the target
    // is not an origin-form one.
    Request request_head(const http::request<http::string_body>& message) const {
        Request request;
        request.method = std::string(message.method_string());
        request.target = std::string(message.target());
        request.client_ip = client_ip_;
        for (const auto& field : message) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            request.headers.emplace(std::move(name), std::string(field.value()));
        }
        if (!parse_target(request.target, request.path, request.query)) request.path.clear();
        return request;
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted)
            return close();
        if (ec == http::error::body_limit) {
            const auto& header = parser_->get();
            std::string method(header.method_string()), path = path_of(header.target());
            Response r;
            r.status = 413;
            r.content_type = "text/plain; charset=utf-8";
            r.body = "request body too large\n";
            shared_->log(method, path, r.status);
            return write(r, header.version(), false, true);
        }
        if (ec) {
            if (!parser_->is_header_done() && buffer_.size() == 0) return close();
            Response r;
            r.status = 400;
            r.content_type = "text/plain; charset=utf-8";
            r.body = "bad request\n";
            shared_->log("-", "-", r.status);
            return write(r, 11, false, false);
        }
        auto& message = parser_->get();
        Request request = std::move(head_);
        request.body = std::move(message.body());
        Response response;
        if (request.path.empty()) {
            request.path = path_of(request.target);
            response.status = 400;
            response.content_type = "text/plain; charset=utf-8";
            response.body = "bad request target\n";
        } else {
            try {
                response = shared_->handler(request);
            } catch (const std::exception&) {
                response = Response{};
                response.status = 500;
                response.content_type = "text/plain; charset=utf-8";
                response.body = "internal error\n";
            }
        }
        shared_->log(request.method, request.path, response.status);
        write(response, message.version(), message.keep_alive(), false, request.method == "HEAD");
    }

    void write(const Response& r, unsigned version, bool keep_alive, bool drain, bool head = false) {
        auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), version);
        for (const auto& [name, value] : security_headers(r.no_store)) res->set(name, value);
        for (const auto& [name, value] : r.headers) res->insert(name, value);
        if (!r.content_type.empty()) res->set(http::field::content_type, r.content_type);
        res->keep_alive(keep_alive);
        if (head) {
            res->content_length(r.body.size());  // the fields of the GET answer, no body
        } else {
            res->body() = r.body;
            res->prepare_payload();
        }
        stream_.expires_after(std::chrono::seconds(shared_->limits.idle_seconds));
        http::async_write(stream_, *res,
                          [self = shared_from_this(), res, keep_alive, drain](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              if (drain) return self->drain();
                              if (!keep_alive) return self->close();
                              self->read_request();
                          });
    }

    // After refusing a body: stop sending, read (and drop) what the client
    // still sends for a while so it sees the answer rather than a reset.
    void drain() {
        boost::system::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(5));
        drain_more();
    }

    void drain_more() {
        stream_.async_read_some(asio::buffer(drain_buffer_),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    self->drained_ += n;
                                    if (ec || self->drained_ > 64 * 1024 * 1024) return self->close();
                                    self->drain_more();
                                });
    }

    void close() {
        boost::system::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    std::shared_ptr<Shared> shared_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    Request head_;  ///< the request being read, from its header
    std::string client_ip_;
    std::array<char, 64 * 1024> drain_buffer_{};
    std::size_t drained_ = 0;
};

}  // namespace

struct HttpServer::Impl {
    asio::io_context io;
    tcp::acceptor acceptor{io};
    asio::signal_set signals{io, SIGTERM, SIGINT};
    std::shared_ptr<Shared> shared = std::make_shared<Shared>();

    void accept() {
        acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
            if (!ec) {
                if (shared->connections.load() >= shared->limits.max_connections) {
                    boost::system::error_code ignored;
                    socket.close(ignored);
                } else {
                    std::make_shared<Connection>(std::move(socket), shared)->start();
                }
            }
            accept();
        });
    }
};

HttpServer::HttpServer(const std::string& host, std::uint16_t port, ServerLimits limits)
    : impl_(std::make_unique<Impl>()) {
    impl_->shared->limits = limits;
    boost::system::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) {
        tcp::resolver resolver(impl_->io);
        auto found = resolver.resolve(host, std::to_string(port), ec);
        if (ec || found.empty()) throw std::runtime_error("cannot resolve " + host + ": " + ec.message());
        address = found.begin()->endpoint().address();
    }
    const tcp::endpoint endpoint(address, port);
    impl_->acceptor.open(endpoint.protocol(), ec);
    if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) impl_->acceptor.bind(endpoint, ec);
    if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
}

HttpServer::~HttpServer() = default;

std::uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::run(Handler handler, UploadGate may_upload) {
    impl_->shared->handler = std::move(handler);
    impl_->shared->may_upload = std::move(may_upload);
    impl_->signals.async_wait([this](beast::error_code, int) {
        boost::system::error_code ignored;
        impl_->acceptor.close(ignored);
        impl_->io.stop();
    });
    impl_->accept();
    std::vector<std::thread> threads;
    for (int i = 1; i < impl_->shared->limits.threads; ++i) threads.emplace_back([this] { impl_->io.run(); });
    impl_->io.run();
    for (auto& t : threads) t.join();
}

}  // namespace console
