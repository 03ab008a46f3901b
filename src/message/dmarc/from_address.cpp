#include "message/dmarc/from_address.hpp"

#include <cstddef>

namespace mailwarden::message_detail {

namespace {

enum class TokenKind { word, quoted, literal, special };

struct Token {
    TokenKind kind;
    std::string_view text;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_special(char c) { return std::string_view("()<>[]:;@\\,.\"").find(c) != std::string_view::npos; }

// Index one past the delimited run opening at `open` (a quoted string or a
// comment, which nests); npos when it is not closed.
std::size_t skip_delimited(std::string_view s, std::size_t open, char close) {
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
        } else if (i > open && s[i] == close && (close != ')' || --depth == 0)) {
            return i + 1;
        } else if (close == ')' && s[i] == '(') {
            ++depth;
        }
    }
    return std::string_view::npos;
}

// Whether what follows `end` continues a display name: "<", ":" or, after
// white space, another word. Encoded words stand only there (RFC 2047
// section 5), never in an address, which nothing of this kind can follow.
bool display_name_continues(std::string_view s, std::size_t end) {
    std::size_t i = end;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i == s.size()) return false;
    if (s[i] == '<' || s[i] == ':') return true;
    return i > end && (s[i] == '"' || !is_special(s[i]));
}

// An RFC 2047 encoded word "=?charset?enc?text?=" at `at` in a display name:
// its end, or npos. Taken whole so that specials a sender failed to encode in
// it split nothing; it never reaches into a quoted string or a literal.
std::size_t encoded_word_end(std::string_view s, std::size_t at) {
    if (s.substr(at, 2) != "=?") return std::string_view::npos;
    for (std::size_t i = at + 2, marks = 0; i < s.size() && !is_space(s[i]) && s[i] != '"' && s[i] != '['; ++i) {
        if (s[i] != '?' || ++marks < 3) continue;
        if (i + 1 < s.size() && s[i + 1] == '=' && display_name_continues(s, i + 2)) return i + 2;
        return std::string_view::npos;
    }
    return std::string_view::npos;
}

std::optional<std::vector<Token>> tokenize(std::string_view s) {
    std::vector<Token> out;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        std::size_t end = i + 1;
        TokenKind kind = TokenKind::special;
        if (is_space(c)) {
            ++i;
            continue;
        }
        if (c == '(' || c == '"' || c == '[') {
            end = skip_delimited(s, i, c == '(' ? ')' : c == '"' ? '"' : ']');
            if (end == std::string_view::npos) return std::nullopt;
            if (c == '(') {
                i = end;
                continue;
            }
            kind = c == '"' ? TokenKind::quoted : TokenKind::literal;
        } else if (const std::size_t ew = encoded_word_end(s, i); ew != std::string_view::npos) {
            end = ew;
            kind = TokenKind::word;
        } else if (!is_special(c)) {
            while (end < s.size() && !is_space(s[end]) && !is_special(s[end])) ++end;
            kind = TokenKind::word;
        } else if (c == '\\' || c == ']' || c == ')') {
            return std::nullopt;
        }
        out.push_back({kind, s.substr(i, end - i)});
        i = end;
    }
    return out;
}

class ListParser {
public:
    explicit ListParser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

    // address-list: address *("," address), each a mailbox or a group.
    std::optional<std::vector<Mailbox>> parse() {
        std::vector<Mailbox> out;
        while (pos_ < tokens_.size()) {
            if (!accept(',') && !address(out)) return std::nullopt;
        }
        return out;
    }

private:
    bool at(char c) const { return pos_ < tokens_.size() && tokens_[pos_].kind == TokenKind::special && tokens_[pos_].text[0] == c; }
    bool accept(char c) {
        if (!at(c)) return false;
        ++pos_;
        return true;
    }
    bool at_word() const {
        return pos_ < tokens_.size() && (tokens_[pos_].kind == TokenKind::word || tokens_[pos_].kind == TokenKind::quoted);
    }

    // One address, then the "," or end that follows it.
    bool address(std::vector<Mailbox>& out) {
        const std::size_t start = pos_;
        while (at_word() || at('.')) ++pos_;  // a phrase (obs-phrase allows dots)
        if (accept(':')) {
            if (pos_ == start + 1) return false;  // a group needs a name
            while (!accept(';')) {
                if (pos_ == tokens_.size()) return false;
                if (!accept(',') && !mailbox(out)) return false;
            }
        } else {
            pos_ = start;
            if (!mailbox(out)) return false;
        }
        return pos_ == tokens_.size() || at(',');
    }

    // name-addr ([phrase] "<" addr-spec ">") or a bare addr-spec.
    bool mailbox(std::vector<Mailbox>& out) {
        const std::size_t start = pos_;
        while (at_word() || at('.')) ++pos_;
        if (accept('<')) return addr_spec(out) && accept('>');
        pos_ = start;
        return addr_spec(out);
    }

    // local-part "@" domain; a dot-atom or quoted local part, a dot-atom or literal domain.
    bool addr_spec(std::vector<Mailbox>& out) {
        Mailbox m;
        if (!dotted(m.local_part, true) || !accept('@')) return false;
        if (pos_ < tokens_.size() && tokens_[pos_].kind == TokenKind::literal)
            m.domain = std::string(tokens_[pos_++].text);
        else if (!dotted(m.domain, false))
            return false;
        out.push_back(std::move(m));
        return true;
    }

    bool dotted(std::string& out, bool quoted_allowed) {
        do {
            if (!(pos_ < tokens_.size() && (tokens_[pos_].kind == TokenKind::word ||
                                            (quoted_allowed && tokens_[pos_].kind == TokenKind::quoted))))
                return false;
            if (!out.empty()) out += '.';
            out += tokens_[pos_++].text;
        } while (accept('.'));
        return true;
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::vector<Mailbox>> parse_address_list(std::string_view value) {
    auto tokens = tokenize(value);
    if (!tokens) return std::nullopt;
    return ListParser(std::move(*tokens)).parse();
}

}  // namespace mailwarden::message_detail
