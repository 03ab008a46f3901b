#include "hygiene/clean/row_source.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace mailwarden::hygiene {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

std::string folded(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool is_address_header(std::string_view field) {
    static constexpr std::array<std::string_view, 7> names = {"email", "e-mail", "email_address", "email address",
                                                             "emailaddress", "mail", "address"};
    const std::string f = folded(field);
    return std::find(names.begin(), names.end(), f) != names.end();
}

CsvOptions csv_options(char delimiter) {
    CsvOptions o;
    o.delimiter = delimiter;
    return o;
}

}  // namespace

RowSource::RowSource(const CleanOptions& options)
    : input_(options.input),
      column_name_(folded(options.column_name)),
      column_(options.column_index),
      csv_(csv_options(options.delimiter)),
      delimiter_(options.delimiter) {
    if (input_ == CleanOptions::Input::csv) mode_ = Mode::csv;
    if (input_ == CleanOptions::Input::lines) mode_ = Mode::lines;
}

void RowSource::feed(std::string_view bytes) {
    if (mode_ == Mode::undecided) {
        undecided_.append(bytes);
        decide(false);
        return;
    }
    if (mode_ == Mode::csv) {
        csv_.feed(bytes);
        pump();
        return;
    }
    for (const char c : bytes) {
        if (c == '\n' && after_cr_) {
            after_cr_ = false;
            continue;
        }
        after_cr_ = c == '\r';
        if (c == '\r' || c == '\n') {
            take_line(partial_);
            partial_.clear();
        } else {
            partial_.push_back(c);
        }
    }
}

void RowSource::finish() {
    if (mode_ == Mode::undecided) decide(true);
    if (mode_ == Mode::csv) {
        csv_.finish();
        pump();
    } else if (!partial_.empty()) {
        take_line(partial_);
        partial_.clear();
    }
}

bool RowSource::next(InputRow& row) {
    if (ready_.empty() || error_) return false;
    row = std::move(ready_.front());
    ready_.pop_front();
    return true;
}

// The first line decides: a delimiter or a quote in it means CSV.
void RowSource::decide(bool at_end) {
    const auto end = undecided_.find_first_of("\r\n");
    if (end == std::string::npos && !at_end) return;
    const std::string_view first = std::string_view(undecided_).substr(0, end);
    const bool csv = column_.has_value() || !column_name_.empty() ||
                     first.find_first_of(std::string{delimiter_, '"'}) != std::string_view::npos;
    mode_ = csv ? Mode::csv : Mode::lines;
    std::string held = std::move(undecided_);
    undecided_.clear();
    feed(held);
}

void RowSource::pump() {
    CsvRow row;
    while (!error_ && csv_.next(row)) take_csv_row(std::move(row));
}

void RowSource::take_csv_row(CsvRow&& row) {
    if (row.fields.empty()) return;  // an empty line
    if (first_row_) {
        first_row_ = false;
        choose_column(row.fields);
        if (error_ || !header_.empty()) return;
    }
    InputRow out;
    out.row = ++rows_;
    out.line = row.line;
    out.problem = row.problem;
    const std::size_t column = column_.value_or(0);
    if (column < row.fields.size()) out.text = std::move(row.fields[column]);
    ready_.push_back(std::move(out));
}

// The first row is a header when it names the column, or when no field of
// it looks like an address; the address column is chosen from it.
void RowSource::choose_column(const std::vector<std::string>& first) {
    const auto named = [&](auto&& matches) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < first.size(); ++i)
            if (matches(first[i])) return i;
        return std::nullopt;
    };
    if (!column_name_.empty()) {
        column_ = named([&](const std::string& f) { return folded(f) == column_name_; });
        if (!column_) error_ = "no column named \"" + column_name_ + "\" in the header";
        header_ = first;
        return;
    }
    const auto with_at = named([](const std::string& f) { return f.find('@') != std::string::npos; });
    if (column_) {
        if (*column_ >= first.size() || first[*column_].find('@') == std::string::npos) header_ = first;
        return;
    }
    if (const auto by_name = named([](const std::string& f) { return is_address_header(f); })) {
        column_ = by_name;
        header_ = first;
        return;
    }
    column_ = with_at.value_or(0);
    if (!with_at) header_ = first;  // no address in it: a header with other names
}

void RowSource::take_line(std::string_view line) {
    ++line_;
    if (!bom_checked_) {
        bom_checked_ = true;
        if (line.substr(0, utf8_bom.size()) == utf8_bom) line.remove_prefix(utf8_bom.size());
    }
    if (line.empty()) return;
    if (first_row_) {  // a one-column file may still have a header
        first_row_ = false;
        if (is_address_header(line)) {
            header_.emplace_back(line);
            return;
        }
    }
    InputRow out;
    out.row = ++rows_;
    out.line = line_;
    out.text = std::string(line);
    ready_.push_back(std::move(out));
}

}  // namespace mailwarden::hygiene
