// Reads an Authentication-Results value piece by piece: RFC 5322 CFWS
// (folding, comments nested to any depth, quoted pairs), quoted strings,
// names and values. Folded or unfolded text; it never fails: a comment or
// quoted string left open runs to the end, and the parser is told.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

/// Appends `comment` to `to`, space separated; an empty one adds nothing.
void append_comment(std::string& to, std::string_view comment);

class AuthResultsLexer {
public:
    explicit AuthResultsLexer(std::string_view text) noexcept : text_(text) {}

    bool at_end() const noexcept { return pos_ >= text_.size(); }
    char peek() const noexcept { return at_end() ? '\0' : text_[pos_]; }
    std::size_t pos() const noexcept { return pos_; }
    void seek(std::size_t pos) noexcept { pos_ = pos; }
    std::string_view text() const noexcept { return text_; }

    /// Consumes `c` when it is next.
    bool take(char c) noexcept;

    /// Skips blanks, line breaks and comments. Each comment's text, its
    /// whitespace runs made one space, is appended to `comments` (space
    /// separated) unless null; empty comments add nothing.
    void skip_cfws(std::string* comments);

    /// A run of name characters (possibly empty); with `dots`, '.' too.
    std::string_view name(bool dots = false) noexcept;
    /// A run of digits as a number (saturating); empty when none.
    std::optional<unsigned> number() noexcept;
    /// A run of unquoted value characters (possibly empty).
    std::string_view bare_value() noexcept;
    /// At '"': the quoted string, unquoted, folding removed.
    std::string quoted();

    /// Moves to the next ';' outside comments and quoted strings, or to the
    /// end, and returns what it passed, blanks trimmed.
    std::string_view skip_to_semicolon();

    /// Where the first comment or quoted string left open started.
    std::optional<std::size_t> unclosed() const noexcept { return unclosed_; }

private:
    std::string comment();
    void note_unclosed(std::size_t start) noexcept;
    /// Folding inside a quoted string or comment: a line break before a blank.
    bool skip_fold() noexcept;

    std::string_view text_;
    std::size_t pos_ = 0;
    std::optional<std::size_t> unclosed_;
};

}  // namespace mailwarden::message_detail
