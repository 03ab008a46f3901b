// SpamAssassin's score of a message, asked of the platform's spamd as spamc
// does (SYMBOLS), and the findings it gives:
//   spam.score         review at SpamdServer::review_at, block at block_at
//   spamd.unavailable  info: no connection, or spamd did not answer in time
//   spamd.error        info: an error status or an answer that does not parse
//   spamd.skipped      info: a message over 500 KiB, which spamc would not send
#pragma once

#include <mailwarden/content_check.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// The score when spamd answered well-formed; otherwise nullopt and an info
/// finding saying why. Blocks for at most three times server.timeout
/// (connect, write, read).
std::optional<SpamScore> ask_spamd(std::string_view raw, const SpamdServer& server,
                                   std::vector<ContentFinding>& findings);

/// The finding for a score (spam.score), or nullopt below review_at.
std::optional<ContentFinding> spam_score_finding(const SpamScore& score, const SpamdServer& server);

}  // namespace mailwarden::content_detail
