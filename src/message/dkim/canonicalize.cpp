#include "message/dkim/canonicalize.hpp"

#include <algorithm>
#include <cstring>

namespace mailwarden::message_detail {

namespace {

constexpr bool is_wsp(char c) noexcept { return c == ' ' || c == '\t'; }
constexpr char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
constexpr std::size_t chunk_size = 16 * 1024;

// simple: the field unchanged, but with every line end as CRLF.
void simple_header(std::string_view field, std::string& out) {
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\n' && (i == 0 || field[i - 1] != '\r')) out.push_back('\r');
        out.push_back(field[i]);
    }
}

// relaxed: name lower-cased, blanks around the colon removed, value
// unfolded with whitespace runs as one space and none at either end.
void relaxed_header(std::string_view field, std::string& out) {
    const std::size_t colon = field.find(':');
    std::string_view name = field.substr(0, colon);
    while (!name.empty() && is_wsp(name.back())) name.remove_suffix(1);
    for (const char c : name) out.push_back(lower(c));
    out.push_back(':');
    if (colon == std::string_view::npos) return;
    bool started = false;
    bool space = false;
    for (std::size_t i = colon + 1; i < field.size(); ++i) {
        const char c = field[i];
        if (c == '\n' || (c == '\r' && i + 1 < field.size() && field[i + 1] == '\n')) continue;  // unfold
        if (is_wsp(c)) {
            space = true;
            continue;
        }
        if (space && started) out.push_back(' ');
        space = false;
        started = true;
        out.push_back(c);
    }
}

}  // namespace

void canonicalize_header(Canonicalization mode, std::string_view field, std::string& out) {
    if (mode == Canonicalization::simple)
        simple_header(field, out);
    else
        relaxed_header(field, out);
}

BodyCanonicalizer::BodyCanonicalizer(Canonicalization mode, Sink sink) : mode_(mode), sink_(std::move(sink)) {
    buffer_.resize(chunk_size);
}

void BodyCanonicalizer::update(std::string_view chunk) {
    std::size_t i = 0;
    if (cr_pending_ && !chunk.empty()) {
        cr_pending_ = false;
        if (chunk[0] == '\n') {
            line_end();
            i = 1;
        } else {
            bare_cr();
        }
    }
    const bool relaxed = mode_ == Canonicalization::relaxed;
    while (i < chunk.size()) {
        const char c = chunk[i];
        if (c == '\n') {
            line_end();
        } else if (c == '\r') {
            if (i + 1 == chunk.size()) {
                cr_pending_ = true;
            } else if (chunk[i + 1] == '\n') {
                line_end();
                ++i;
            } else {
                bare_cr();
            }
        } else if (relaxed && is_wsp(c)) {
            space_pending_ = true;
        } else {
            // Most of a body: a run of bytes that pass unchanged, copied at once.
            std::size_t end = i + 1;
            while (end < chunk.size() && chunk[end] != '\r' && chunk[end] != '\n' && !(relaxed && is_wsp(chunk[end]))) ++end;
            text(chunk.substr(i, end - i));
            i = end;
            continue;
        }
        ++i;
    }
}

void BodyCanonicalizer::finish() {
    if (cr_pending_) {
        cr_pending_ = false;
        bare_cr();
    }
    if (line_started_) line_end();
    // simple: an empty body is one CRLF; relaxed: it stays empty.
    if (mode_ == Canonicalization::simple && written_ == 0 && used_ == 0) {
        put('\r');
        put('\n');
    }
    flush();
}

// A CR not followed by LF is data, not a line end.
void BodyCanonicalizer::bare_cr() { text("\r"); }

void BodyCanonicalizer::text(std::string_view run) {
    begin_line();
    if (space_pending_) {
        put(' ');
        space_pending_ = false;
    }
    while (!run.empty()) {
        const std::size_t n = std::min(run.size(), buffer_.size() - used_);
        std::memcpy(buffer_.data() + used_, run.data(), n);
        used_ += n;
        run.remove_prefix(n);
        if (used_ == buffer_.size()) flush();
    }
}

void BodyCanonicalizer::begin_line() {
    if (line_started_) return;
    for (; blank_lines_ > 0; --blank_lines_) {
        put('\r');
        put('\n');
    }
    line_started_ = true;
}

void BodyCanonicalizer::line_end() {
    if (line_started_) {
        put('\r');
        put('\n');
        line_started_ = false;
    } else {
        ++blank_lines_;
    }
    space_pending_ = false;
}

void BodyCanonicalizer::put(char c) {
    buffer_[used_++] = c;
    if (used_ == buffer_.size()) flush();
}

void BodyCanonicalizer::flush() {
    if (used_ == 0) return;
    written_ += used_;
    sink_(std::string_view(buffer_.data(), used_));
    used_ = 0;
}

}  // namespace mailwarden::message_detail
