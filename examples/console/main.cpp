// mailwarden-console: the admin web console, one program on the library.
#include "console_app.hpp"
#include "console_options.hpp"
#include "http_server.hpp"

#include <exception>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        auto options = console::parse_console_options(args);
        if (options.help) {
            std::cout << console::console_usage;
            return 0;
        }
        console::HttpServer server(options.host, options.port);
        const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
        const std::string origin = "http://" + host + ":" + std::to_string(server.port());
        auto app = console::open_console_app(std::move(options), origin);
        std::cout << "console: " << origin << "/?token=" << app->sessions.login_token() << std::endl;
        server.run([&app](const console::Request& request) { return console::route(*app, request); },
                   [&app](const console::Request& head) { return console::may_upload(*app, head); });
        return 0;
    } catch (const console::UsageError& e) {
        std::cerr << "mailwarden-console: " << e.what() << '\n' << console::console_usage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "mailwarden-console: " << e.what() << '\n';
        return 1;
    }
}
