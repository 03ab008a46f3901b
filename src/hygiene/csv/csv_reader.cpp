// The reader is a byte-at-a-time state machine, so a chunk may end anywhere:
// inside a quoted field, between a CR and its LF, or inside the byte order mark.
#include "hygiene/csv/csv_reader.hpp"

#include <utility>

namespace mailwarden::hygiene {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool line_end(char c) { return c == '\r' || c == '\n'; }

}  // namespace

std::string_view to_string(CsvProblem problem) noexcept {
    switch (problem) {
    case CsvProblem::none: return "none";
    case CsvProblem::unterminated_quote: return "unterminated_quote";
    case CsvProblem::stray_quote: return "stray_quote";
    case CsvProblem::field_too_long: return "field_too_long";
    case CsvProblem::too_many_fields: return "too_many_fields";
    }
    return "none";
}

CsvReader::CsvReader(CsvOptions options) : options_(options) {}

void CsvReader::feed(std::string_view bytes) {
    for (const char c : bytes) {
        if (!bom_decided_) {
            if (c == utf8_bom[bom_matched_]) {
                bom_decided_ = ++bom_matched_ == utf8_bom.size();
                continue;
            }
            bom_decided_ = true;
            for (std::size_t i = 0; i < bom_matched_; ++i) consume(utf8_bom[i]);
        }
        consume(c);
    }
}

void CsvReader::finish() {
    if (!bom_decided_) {
        bom_decided_ = true;
        for (std::size_t i = 0; i < bom_matched_; ++i) consume(utf8_bom[i]);
    }
    switch (state_) {
    case State::row_start:
    case State::after_cr: break;
    case State::quoted:
        mark(CsvProblem::unterminated_quote);
        [[fallthrough]];
    case State::field_start:
    case State::unquoted:
    case State::quote_in_quoted:
        end_field();
        end_row();
        break;
    }
    state_ = State::row_start;
}

bool CsvReader::next(CsvRow& row) {
    if (ready_.empty()) return false;
    row = std::move(ready_.front());
    ready_.pop_front();
    return true;
}

void CsvReader::consume(char c) {
    // Rows and quoted line ends alike: CRLF counts once.
    if (c == '\r' || (c == '\n' && !after_cr_byte_)) ++line_;
    after_cr_byte_ = c == '\r';

    if (state_ == State::after_cr) {
        state_ = State::row_start;
        if (c == '\n') return;
    }
    if (state_ == State::row_start) {
        row_.line = line_end(c) ? line_ - 1 : line_;
        if (line_end(c)) {  // an empty line: a row without fields
            end_row();
            state_ = c == '\r' ? State::after_cr : State::row_start;
            return;
        }
        state_ = State::field_start;
    }
    switch (state_) {
    case State::field_start:
        if (c == '"') {
            state_ = State::quoted;
            return;
        }
        state_ = State::unquoted;
        [[fallthrough]];
    case State::unquoted:
        if (c == options_.delimiter || line_end(c)) {
            consume_end(c);
            return;
        }
        if (c == '"') mark(CsvProblem::stray_quote);
        add_char(c);
        return;
    case State::quoted:
        if (c == '"') state_ = State::quote_in_quoted;
        else add_char(c);
        return;
    case State::quote_in_quoted:
        if (c == '"') {  // "" inside quotes is one quote
            add_char(c);
            state_ = State::quoted;
            return;
        }
        if (c == options_.delimiter || line_end(c)) {
            consume_end(c);
            return;
        }
        // Text after the closing quote stays with the field, as Python's csv keeps it.
        mark(CsvProblem::stray_quote);
        add_char(c);
        state_ = State::unquoted;
        return;
    case State::row_start:
    case State::after_cr: return;  // handled above
    }
}

void CsvReader::consume_end(char c) {
    end_field();
    if (c == options_.delimiter) {
        state_ = State::field_start;
        return;
    }
    end_row();
    state_ = c == '\r' ? State::after_cr : State::row_start;
}

void CsvReader::add_char(char c) {
    if (field_.size() >= options_.max_field_bytes) {
        mark(CsvProblem::field_too_long);
        return;
    }
    field_.push_back(c);
}

void CsvReader::end_field() {
    if (row_.fields.size() >= options_.max_fields) mark(CsvProblem::too_many_fields);
    else row_.fields.push_back(std::move(field_));
    field_.clear();
}

void CsvReader::end_row() {
    ready_.push_back(std::move(row_));
    row_ = CsvRow{};
}

void CsvReader::mark(CsvProblem problem) {
    if (row_.problem == CsvProblem::none) row_.problem = problem;
}

}  // namespace mailwarden::hygiene
