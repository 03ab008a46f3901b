// Writes a header field folded at 78 columns (RFC 5322 2.1.1): items go on
// the current line while they fit, otherwise a line end and a blank start
// the next. Only where the caller says FWS may stand is a fold put.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mailwarden::message_detail {

class FoldedField {
public:
    /// Starts "`name`:"; `eol` is "\r\n" or "\n".
    FoldedField(std::string_view name, std::string_view eol, std::size_t width = 78);

    /// `item` after one blank, or at the start of a new line.
    void word(std::string_view item);
    /// `item` right after what precedes, or at the start of a new line.
    void attach(std::string_view item);
    /// Base64 text (not empty), on the current line and as many more as it
    /// takes (FWS may stand anywhere in base64, RFC 6376 3.5), then `suffix`
    /// right after its last byte.
    void base64(std::string_view text, std::string_view suffix = {});

    const std::string& text() const noexcept { return text_; }

private:
    std::size_t room() const noexcept;
    void fold();

    std::string text_;
    std::string eol_;
    std::size_t width_;
    std::size_t line_start_ = 0;
};

}  // namespace mailwarden::message_detail
