#include <mailwarden/asio.hpp>
#include <mailwarden/mailwarden.hpp>

#include <boost/asio/use_future.hpp>

#include <cstdio>
#include <future>

// Instantiated, not run: the opt-in Asio header compiles against the
// installed headers and its calls link against the installed library.
[[maybe_unused]] std::future<mailwarden::ses::SesResult<std::string>> send_later(mailwarden::ses::Client& client) {
    return mailwarden::async_send_email(client, {}, boost::asio::use_future);
}

int main() {
    const auto c = mailwarden::check_address("user@B\xc3\xbc" "cher.DE");
    std::printf("%s %s\n", mailwarden::version(), std::string(c.normalized()).c_str());
    return c.normalized() == "user@xn--bcher-kva.de" ? 0 : 1;
}
