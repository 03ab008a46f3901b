#include <mailwarden/mailwarden.hpp>

#include <cstdio>

int main() {
    const auto c = mailwarden::check_address("user@B\xc3\xbc" "cher.DE");
    std::printf("%s %s\n", mailwarden::version(), std::string(c.normalized()).c_str());
    return c.normalized() == "user@xn--bcher-kva.de" ? 0 : 1;
}
