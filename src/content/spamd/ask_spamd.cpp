#include "content/spamd/ask_spamd.hpp"

#include "content/spamd/spamd_protocol.hpp"
#include "content/spamd/tcp_exchange.hpp"

#include <charconv>
#include <variant>

namespace mailwarden::content_detail {

namespace {

std::string one_place(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
    return r.ec == std::errc{} ? std::string(buf, r.ptr) : std::string("?");
}

std::string where(const SpamdServer& s) { return "spamd at " + s.host + ":" + std::to_string(s.port); }

}  // namespace

std::optional<ContentFinding> spam_score_finding(const SpamScore& score, const SpamdServer& server) {
    ContentSeverity severity;
    if (score.score >= server.block_at) {
        severity = ContentSeverity::block;
    } else if (score.score >= server.review_at) {
        severity = ContentSeverity::review;
    } else {
        return std::nullopt;
    }
    std::string evidence = "SpamAssassin score " + one_place(score.score) + " (spamd's threshold " +
                           one_place(score.threshold) + ", review at " + one_place(server.review_at) +
                           ", block at " + one_place(server.block_at) + ")";
    if (!score.rules.empty()) {
        evidence += "; rules: ";
        for (std::size_t i = 0; i < score.rules.size(); ++i) {
            if (i > 0) evidence += ", ";
            evidence += score.rules[i];
        }
    }
    return ContentFinding{"spam.score", severity, std::move(evidence)};
}

std::optional<SpamScore> ask_spamd(std::string_view raw, const SpamdServer& server,
                                   std::vector<ContentFinding>& findings) {
    if (raw.size() > spamd_max_message_bytes) {
        findings.push_back({"spamd.skipped", ContentSeverity::info,
                            "message of " + std::to_string(raw.size()) +
                                " bytes not sent to spamd: over the 512000 bytes spamc sends by default"});
        return std::nullopt;
    }
    const TcpExchange exchange = tcp_exchange(server.host, server.port, spamd_symbols_request(raw), server.timeout,
                                              spamd_max_answer_bytes);
    switch (exchange.outcome) {
    case TcpExchange::Outcome::unavailable:
    case TcpExchange::Outcome::timed_out:
        findings.push_back({"spamd.unavailable", ContentSeverity::info, where(server) + ": " + exchange.detail});
        return std::nullopt;
    case TcpExchange::Outcome::too_long:
        findings.push_back({"spamd.error", ContentSeverity::info,
                            where(server) + ": " + exchange.detail + ": " + printable_excerpt(exchange.answer)});
        return std::nullopt;
    case TcpExchange::Outcome::answered:
        break;
    }
    auto parsed = parse_spamd_answer(exchange.answer);
    if (auto* error = std::get_if<SpamdProtocolError>(&parsed)) {
        std::string evidence = where(server) + ": " + error->reason;
        if (!exchange.detail.empty()) evidence += " (" + exchange.detail + ")";
        findings.push_back({"spamd.error", ContentSeverity::info, std::move(evidence)});
        return std::nullopt;
    }
    auto& answer = std::get<SpamdAnswer>(parsed);
    SpamScore score{answer.score, answer.threshold, std::move(answer.rules)};
    if (auto finding = spam_score_finding(score, server)) findings.push_back(std::move(*finding));
    return score;
}

}  // namespace mailwarden::content_detail
