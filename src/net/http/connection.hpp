// One HTTP/1.1 connection: a TCP stream, TLS on top for https, and the read
// buffer that must survive between responses on a kept-alive connection.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace mailwarden::http {

class Connection {
public:
    using TlsStream = boost::asio::ssl::stream<boost::beast::tcp_stream>;

    /// Plain when `tls` is null.
    Connection(const boost::asio::any_io_executor& executor, boost::asio::ssl::context* tls, std::string pool_key);

    bool is_tls() const noexcept { return tls_ != nullptr; }
    boost::beast::tcp_stream& tcp() noexcept;
    TlsStream& tls() noexcept { return *tls_; }
    boost::beast::flat_buffer& buffer() noexcept { return buffer_; }
    const std::string& pool_key() const noexcept { return pool_key_; }

    /// For an idle connection: false when the peer closed or reset it, or
    /// sent anything (an idle HTTP/1.1 connection has nothing to read; TLS
    /// close_notify or stray bytes both mean it cannot be reused). Never
    /// blocks.
    bool idle_and_usable() noexcept;

    /// Closes the socket now; pending operations end with operation_aborted.
    void close() noexcept;

    std::chrono::steady_clock::time_point idle_since{};

private:
    std::unique_ptr<boost::beast::tcp_stream> plain_;
    std::unique_ptr<TlsStream> tls_;
    boost::beast::flat_buffer buffer_;
    std::string pool_key_;
};

}  // namespace mailwarden::http
