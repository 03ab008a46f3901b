#include "message/auth_results/lexer.hpp"

#include "message/auth_results/syntax.hpp"

#include <limits>

namespace mailwarden::message_detail {

namespace syntax = auth_results_syntax;

void append_comment(std::string& to, std::string_view comment) {
    if (comment.empty()) return;
    if (!to.empty()) to += ' ';
    to += comment;
}

bool AuthResultsLexer::take(char c) noexcept {
    if (peek() != c || at_end()) return false;
    ++pos_;
    return true;
}

void AuthResultsLexer::note_unclosed(std::size_t start) noexcept {
    if (!unclosed_) unclosed_ = start;
}

bool AuthResultsLexer::skip_fold() noexcept {
    std::size_t p = pos_;
    if (p < text_.size() && text_[p] == '\r') ++p;
    if (p >= text_.size() || text_[p] != '\n') return false;
    if (p + 1 < text_.size() && (text_[p + 1] == ' ' || text_[p + 1] == '\t')) {
        pos_ = p + 1;
        return true;
    }
    return false;
}

void AuthResultsLexer::skip_cfws(std::string* comments) {
    while (!at_end()) {
        if (syntax::is_space(peek())) {
            ++pos_;
        } else if (peek() == '(') {
            const std::string c = comment();
            if (comments != nullptr) append_comment(*comments, c);
        } else {
            return;
        }
    }
}

// Nested parentheses stay in the text; whitespace runs, folding included,
// become one space so that the renderer may fold at any of them.
std::string AuthResultsLexer::comment() {
    const std::size_t start = pos_++;
    std::string out;
    int depth = 1;
    bool blank = false;
    auto add = [&](char c) {
        if (blank && !out.empty()) out += ' ';
        blank = false;
        out += c;
    };
    while (!at_end()) {
        const char c = text_[pos_++];
        if (c == '\\' && !at_end()) {
            add(text_[pos_++]);
        } else if (syntax::is_space(c)) {
            blank = true;
        } else if (c == '(') {
            ++depth;
            add(c);
        } else if (c == ')') {
            if (--depth == 0) return out;
            add(c);
        } else {
            add(c);
        }
    }
    note_unclosed(start);
    return out;
}

std::string_view AuthResultsLexer::name(bool dots) noexcept {
    const std::size_t start = pos_;
    while (!at_end() && (syntax::is_name_char(peek()) || (dots && peek() == '.'))) ++pos_;
    return text_.substr(start, pos_ - start);
}

std::optional<unsigned> AuthResultsLexer::number() noexcept {
    if (at_end() || peek() < '0' || peek() > '9') return std::nullopt;
    unsigned value = 0;
    constexpr unsigned max = std::numeric_limits<unsigned>::max();
    while (!at_end() && peek() >= '0' && peek() <= '9') {
        const auto digit = static_cast<unsigned>(text_[pos_++] - '0');
        value = value > (max - digit) / 10 ? max : value * 10 + digit;
    }
    return value;
}

std::string_view AuthResultsLexer::bare_value() noexcept {
    const std::size_t start = pos_;
    while (!at_end() && syntax::is_value_char(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
}

std::string AuthResultsLexer::quoted() {
    const std::size_t start = pos_++;
    std::string out;
    while (!at_end()) {
        if (skip_fold()) continue;
        const char c = text_[pos_++];
        if (c == '"') return out;
        if (c == '\\' && !at_end()) {
            out += text_[pos_++];
        } else {
            out += c;
        }
    }
    note_unclosed(start);
    return out;
}

std::string_view AuthResultsLexer::skip_to_semicolon() {
    const std::size_t start = pos_;
    while (!at_end() && peek() != ';') {
        if (peek() == '(') {
            comment();
        } else if (peek() == '"') {
            quoted();
        } else {
            ++pos_;
        }
    }
    std::string_view passed = text_.substr(start, pos_ - start);
    while (!passed.empty() && syntax::is_space(passed.front())) passed.remove_prefix(1);
    while (!passed.empty() && syntax::is_space(passed.back())) passed.remove_suffix(1);
    return passed;
}

}  // namespace mailwarden::message_detail
