// The spamc/spamd protocol (SpamAssassin's spamd/PROTOCOL), pure: the
// request spamc sends for SYMBOLS and a strict reader of spamd's answer.
//
//   request:  SYMBOLS SPAMC/1.5\r\n
//             Content-length: <bytes of the message>\r\n
//             \r\n
//             <the message, as it is>
//   answer:   SPAMD/1.1 0 EX_OK\r\n
//             Content-length: <bytes of the body>\r\n       (optional)
//             Spam: True ; 1003.3 / 5.0\r\n                  (True/False, Yes/No)
//             \r\n
//             GTUBE,MISSING_DATE,...                          (the rule names, comma-separated)
//   an error: SPAMD/1.0 76 Bad header line: ...\r\n          (a sysexits code, then closed)
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mailwarden::content_detail {

/// spamc's default maximum message size (its -s option): 500 KiB. spamc does
/// not send a larger message; neither do we.
inline constexpr std::size_t spamd_max_message_bytes = 500 * 1024;
/// More than any SYMBOLS answer: a status line, two headers and rule names.
inline constexpr std::size_t spamd_max_answer_bytes = 64 * 1024;

/// The SYMBOLS request for `message`.
std::string spamd_symbols_request(std::string_view message);

struct SpamdAnswer {
    bool is_spam = false;  ///< spamd's own verdict (score >= its threshold)
    double score = 0;
    double threshold = 0;
    std::vector<std::string> rules;
};

struct SpamdProtocolError {
    std::string reason;  ///< what was wrong, with the offending text (cut and made printable)
};

/// Reads a whole answer to SYMBOLS, as received until spamd closed the
/// connection. Strict: a status other than 0, a missing or malformed Spam
/// header, a body shorter or longer than its Content-length, a rule name
/// that is not [A-Za-z0-9_]+, or an empty name in the list is an error.
std::variant<SpamdAnswer, SpamdProtocolError> parse_spamd_answer(std::string_view answer);

/// `text` cut to `max` bytes, bytes outside printable ASCII written as \xNN.
std::string printable_excerpt(std::string_view text, std::size_t max = 120);

}  // namespace mailwarden::content_detail
