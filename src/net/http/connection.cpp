#include "connection.hpp"

#include <poll.h>

namespace mailwarden::http {

Connection::Connection(const boost::asio::any_io_executor& executor, boost::asio::ssl::context* tls,
                       std::string pool_key)
    : pool_key_(std::move(pool_key)) {
    if (tls)
        tls_ = std::make_unique<TlsStream>(executor, *tls);
    else
        plain_ = std::make_unique<boost::beast::tcp_stream>(executor);
}

boost::beast::tcp_stream& Connection::tcp() noexcept {
    return tls_ ? tls_->next_layer() : *plain_;
}

bool Connection::idle_and_usable() noexcept {
    if (buffer_.size() != 0) return false;  // bytes beyond the last response
    auto& socket = tcp().socket();
    if (!socket.is_open()) return false;
    pollfd p{};
    p.fd = socket.native_handle();
    p.events = POLLIN;
    // Readable while idle means EOF, an error, or unexpected data.
    return ::poll(&p, 1, 0) == 0;
}

void Connection::close() noexcept {
    boost::system::error_code ignored;
    tcp().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    tcp().close();  // also cancels the stream's timer
}

}  // namespace mailwarden::http
