// The spamc/spamd protocol: the SYMBOLS request and the strict answer reader,
// on answers a real spamd 4.0.1 gave (GTUBE, a clean message, a bad command)
// and on broken ones.
#include "content/spamd/spamd_protocol.hpp"

#include <doctest/doctest.h>

#include <variant>

using namespace mailwarden::content_detail;

namespace {

SpamdAnswer ok(std::string_view answer) {
    auto r = parse_spamd_answer(answer);
    if (auto* e = std::get_if<SpamdProtocolError>(&r)) FAIL("unexpected error: " << e->reason);
    return std::get<SpamdAnswer>(r);
}

std::string error(std::string_view answer) {
    auto r = parse_spamd_answer(answer);
    REQUIRE(std::holds_alternative<SpamdProtocolError>(r));
    return std::get<SpamdProtocolError>(r).reason;
}

}  // namespace

TEST_CASE("the SYMBOLS request is what spamc 1.5 sends") {
    CHECK(spamd_symbols_request("Subject: x\r\n\r\nhi\r\n") ==
          "SYMBOLS SPAMC/1.5\r\nContent-length: 18\r\n\r\nSubject: x\r\n\r\nhi\r\n");
    CHECK(spamd_symbols_request("") == "SYMBOLS SPAMC/1.5\r\nContent-length: 0\r\n\r\n");
}

TEST_CASE("spamd's answer to GTUBE") {
    const auto a = ok("SPAMD/1.1 0 EX_OK\r\nContent-length: 68\r\nSpam: True ; 1003.3 / 5.0\r\n\r\n"
                      "GTUBE,MISSING_DATE,MISSING_MID,NO_RECEIVED,NO_RELAYS,TVD_SPACE_RATIO");
    CHECK(a.is_spam);
    CHECK(a.score == doctest::Approx(1003.3));
    CHECK(a.threshold == doctest::Approx(5.0));
    REQUIRE(a.rules.size() == 6);
    CHECK(a.rules.front() == "GTUBE");
    CHECK(a.rules.back() == "TVD_SPACE_RATIO");
}

TEST_CASE("answers that are well-formed") {
    SUBCASE("ham, negative score, no Content-length") {
        const auto a = ok("SPAMD/1.1 0 EX_OK\r\nSpam: False ; -1.9 / 5.0\r\n\r\nBAYES_00,DKIM_VALID");
        CHECK_FALSE(a.is_spam);
        CHECK(a.score == doctest::Approx(-1.9));
        CHECK(a.rules.size() == 2);
    }
    SUBCASE("no rules at all") {
        const auto a = ok("SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\nSpam: False ; 0.0 / 5.0\r\n\r\n");
        CHECK(a.rules.empty());
    }
    SUBCASE("Yes/No, other headers, a line end after the rules, case") {
        const auto a = ok("SPAMD/1.5 0 EX_OK\r\nX-Other: 1\r\nspam: Yes ; 12 / 6.5\r\n\r\nA_1,B\r\n");
        CHECK(a.is_spam);
        CHECK(a.score == doctest::Approx(12.0));
        CHECK(a.threshold == doctest::Approx(6.5));
        CHECK(a.rules == std::vector<std::string>{"A_1", "B"});
    }
}

TEST_CASE("errors and broken answers give no score") {
    CHECK(error("SPAMD/1.0 76 Bad header line: BOGUS SPAMC/1.5\r\n").find("spamd reported an error") == 0);
    CHECK(error("SPAMD/1.0 76 Bad header line: BOGUS SPAMC/1.5\r\n").find("Bad header line") != std::string::npos);
    CHECK(error("SPAMD/1.1 64 EX_USAGE\r\n").find("EX_USAGE") != std::string::npos);
    CHECK(error("").find("without answering") != std::string::npos);
    CHECK(error("SPAMD/1.1 0 EX_O").find("no complete status line") == 0);
    CHECK(error("HTTP/1.1 200 OK\r\n\r\n").find("not a SPAMD status line") == 0);
    CHECK(error("SPAMD/x 0 EX_OK\r\n\r\n").find("not a SPAMD status line") == 0);
    CHECK(error("SPAMD/1.1 0 FINE\r\n\r\n").find("without EX_OK") != std::string::npos);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7.2 / 5.0\r\n") .find("blank line") != std::string::npos);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\n\r\nGTUBE") == "answer without a Spam header");
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: Maybe ; 7.2 / 5.0\r\n\r\n").find("malformed Spam header") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7.2\r\n\r\n").find("malformed Spam header") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7.2 / 5.0 x\r\n\r\n").find("malformed Spam header") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 1e9 / 5.0\r\n\r\n").find("malformed Spam header") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7. / 5.0\r\n\r\n").find("malformed Spam header") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7.2 / 5.0\r\nSpam: False ; 0 / 5\r\n\r\n").find("two Spam") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nContent-length: 20\r\nSpam: True ; 7.2 / 5.0\r\n\r\nGTUBE")
              .find("body of 5 bytes, Content-length 20") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nContent-length: x\r\nSpam: True ; 7.2 / 5.0\r\n\r\n").find("malformed Content") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7.2 / 5.0\r\n\r\nGTUBE,,X").find("malformed rule list") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7.2 / 5.0\r\n\r\nGTUBE,").find("ends with a comma") != std::string::npos);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nSpam: True ; 7.2 / 5.0\r\n\r\nGT UBE").find("malformed rule name") == 0);
    CHECK(error("SPAMD/1.1 0 EX_OK\r\nno colon here\r\n\r\n").find("malformed header line") == 0);
    CHECK(error(std::string(70000, 'x')).find("answer over 64 KiB") == 0);
}

TEST_CASE("evidence is printable and cut") {
    CHECK(printable_excerpt(std::string_view("a\r\n\x01\xff", 5)) == "a\\r\\n\\x01\\xFF");
    CHECK(printable_excerpt(std::string(200, 'z'), 10) == "zzzzzzzzzz...");
    CHECK(error(std::string_view("\x00\x01garbage\r\n", 11)).find("\\x00\\x01garbage") != std::string::npos);
}
