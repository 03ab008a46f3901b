#include "message/sign/folded_field.hpp"

#include <algorithm>

namespace mailwarden::message_detail {

FoldedField::FoldedField(std::string_view name, std::string_view eol, std::size_t width)
    : text_(std::string(name) + ":"), eol_(eol), width_(width) {}

std::size_t FoldedField::room() const noexcept {
    const std::size_t used = text_.size() - line_start_;
    return used >= width_ ? 0 : width_ - used;
}

void FoldedField::fold() {
    text_.append(eol_);
    line_start_ = text_.size();
    text_.push_back(' ');
}

void FoldedField::word(std::string_view item) {
    if (item.size() + 1 > room()) fold();
    else text_.push_back(' ');
    text_.append(item);
}

void FoldedField::attach(std::string_view item) {
    if (item.size() > room()) fold();
    text_.append(item);
}

void FoldedField::base64(std::string_view text, std::string_view suffix) {
    while (text.size() + suffix.size() > room()) {
        // At least one byte waits for the line the suffix goes on.
        const std::size_t take = std::min(room(), text.size() - 1);
        text_.append(text.substr(0, take));
        text.remove_prefix(take);
        fold();
    }
    text_.append(text);
    text_.append(suffix);
}

}  // namespace mailwarden::message_detail
