// ask_spamd() without a spamd: a refused connection, a message too large
// to send, and the score's finding. Answers from a real spamd and from a
// misbehaving server: tests/integration/content (run-with-spamd.sh).
#include "content/spamd/ask_spamd.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace mailwarden;
using namespace mailwarden::content_detail;

namespace {

// A port bound on 127.0.0.1 but not listening: connecting is refused.
struct RefusingPort {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    std::uint16_t port = 0;
    RefusingPort() {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        socklen_t len = sizeof a;
        REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        port = ntohs(a.sin_port);
    }
    ~RefusingPort() { ::close(fd); }
};

}  // namespace

TEST_CASE("a refused connection is spamd.unavailable, not an error") {
    RefusingPort refusing;
    SpamdServer server;
    server.port = refusing.port;
    server.timeout = std::chrono::milliseconds(2000);
    std::vector<ContentFinding> findings;
    CHECK_FALSE(ask_spamd("Subject: hi\r\n\r\nhello\r\n", server, findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].id == "spamd.unavailable");
    CHECK(findings[0].severity == ContentSeverity::info);
    CHECK(findings[0].evidence.find("refused") != std::string::npos);
    CHECK(findings[0].evidence.find(std::to_string(refusing.port)) != std::string::npos);
}

TEST_CASE("a host that does not resolve is spamd.unavailable") {
    SpamdServer server;
    server.host = "spamd.invalid.";
    std::vector<ContentFinding> findings;
    CHECK_FALSE(ask_spamd("Subject: hi\r\n\r\nhello\r\n", server, findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].id == "spamd.unavailable");
}

TEST_CASE("a message over spamc's 500 KiB is not sent") {
    SpamdServer server;
    server.port = 1;  // never reached
    std::vector<ContentFinding> findings;
    const std::string big = "Subject: big\r\n\r\n" + std::string(600 * 1024, 'a');
    CHECK_FALSE(ask_spamd(big, server, findings));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].id == "spamd.skipped");
    CHECK(findings[0].severity == ContentSeverity::info);
}

TEST_CASE("the score's finding: review and block thresholds") {
    SpamdServer server;
    server.review_at = 5.0;
    server.block_at = 10.0;
    CHECK_FALSE(spam_score_finding({4.9, 5.0, {"BAYES_50"}}, server));
    const auto review = spam_score_finding({5.0, 5.0, {"A", "B"}}, server);
    REQUIRE(review);
    CHECK(review->id == "spam.score");
    CHECK(review->severity == ContentSeverity::review);
    CHECK(review->evidence == "SpamAssassin score 5.0 (spamd's threshold 5.0, review at 5.0, block at 10.0); rules: A, B");
    const auto block = spam_score_finding({1003.3, 5.0, {"GTUBE"}}, server);
    REQUIRE(block);
    CHECK(block->severity == ContentSeverity::block);
    CHECK(block->evidence.find("1003.3") != std::string::npos);
    CHECK(block->evidence.find("GTUBE") != std::string::npos);
}
