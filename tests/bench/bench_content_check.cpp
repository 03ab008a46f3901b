// Messages checked per second by check_content() on one core: a newsletter
// (tests/data/content/newsletters/green-thumb.html, 24 KB, 30 links, as an
// HTML part with a text alternative) against a domain and an IP blocklist
// whose answers come from memory, as from a warm DNS cache; no spamd. The
// message is written to FILE so that run_content_check_bench.sh times
// SpamAssassin (spamc to spamd, the content checker platforms run today)
// on the same bytes.
//   bench_content_check OUT_MESSAGE [--seconds S]
#include <mailwarden/content_check.hpp>

#include "support/memory_resolver.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace {

std::string newsletter_message(const std::string& html) {
    std::string m =
        "From: The Green Thumb <news@green-thumb.example>\r\n"
        "To: reader@example.net\r\n"
        "Subject: December in the garden\r\n"
        "Date: Thu, 03 Dec 2026 07:00:00 +0000\r\n"
        "Message-ID: <bench@green-thumb.example>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/alternative; boundary=\"b1\"\r\n"
        "\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    for (int i = 0; i < 40; ++i) m += "This month: frost cloth, bulbs, and the winter pruning calendar.\r\n";
    m += "\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n--b1--\r\n";
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_content_check OUT_MESSAGE [--seconds S]\n");
        return 2;
    }
    double seconds = 2.0;
    for (int i = 2; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    std::ifstream in(std::string(MW_TEST_DATA_DIR) + "/content/newsletters/green-thumb.html", std::ios::binary);
    const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (html.empty()) {
        std::fprintf(stderr, "cannot read the newsletter\n");
        return 2;
    }
    const std::string message = newsletter_message(html);
    std::ofstream(argv[1], std::ios::binary) << message;

    auto dns = std::make_shared<test_support::MemoryResolver>();
    mailwarden::ContentCheckOptions options;
    options.resolver = dns;
    mailwarden::Blocklist domains;
    domains.name = "dbl";
    domains.zone = "dbl.example.net";
    mailwarden::Blocklist addresses;
    addresses.name = "ipbl";
    addresses.zone = "ip.example.net";
    addresses.kind = mailwarden::BlocklistKind::ip;
    options.blocklists = {domains, addresses};

    const auto first = mailwarden::check_content(message, options);
    if (!first) return 1;
    std::size_t n = 0;
    const auto start = std::chrono::steady_clock::now();
    double elapsed = 0;
    do {
        for (int i = 0; i < 10; ++i)
            if (!mailwarden::check_content(message, options)) return 1;
        n += 10;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < seconds);
    std::printf("mailwarden check_content: %zu bytes, %zu links, %zu findings, verdict %s: %.0f messages/s (%.3f ms each)\n",
                message.size(), first->links.size(), first->findings.size(),
                std::string(mailwarden::to_string(first->verdict)).c_str(), static_cast<double>(n) / elapsed,
                1000 * elapsed / static_cast<double>(n));
    return 0;
}
