// Turns the bytes of a list into its address fields, row by row: a CSV file
// (RFC 4180, the address column found by header name, index or content) or
// one address a line (taken whole; a first line that is a header name such
// as "email" is the header). Empty lines are not rows.
#pragma once

#include "hygiene/csv/csv_reader.hpp"

#include <mailwarden/list_clean.hpp>

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::hygiene {

struct InputRow {
    std::size_t row = 0;   ///< data row, from 1
    std::size_t line = 0;  ///< physical line, from 1
    std::string text;      ///< the address field; empty when the row has no such column
    CsvProblem problem = CsvProblem::none;
};

class RowSource {
public:
    explicit RowSource(const CleanOptions& options);

    void feed(std::string_view bytes);
    void finish();
    /// The next row ready; false when none is.
    bool next(InputRow& row);

    /// The CSV header, once read (empty for one address a line or no header).
    const std::vector<std::string>& header() const noexcept { return header_; }
    /// Set when the column named in the options is not in the header: no
    /// row is given out then.
    const std::optional<std::string>& error() const noexcept { return error_; }

private:
    enum class Mode { undecided, csv, lines };

    void decide(bool at_end);
    void pump();
    void take_csv_row(CsvRow&& row);
    void take_line(std::string_view line);
    void choose_column(const std::vector<std::string>& first);

    CleanOptions::Input input_;
    std::string column_name_;
    std::optional<std::size_t> column_;
    Mode mode_ = Mode::undecided;
    std::string undecided_;  // bytes held until the mode is known
    CsvReader csv_;
    bool first_row_ = true;
    std::vector<std::string> header_;
    std::optional<std::string> error_;
    // lines mode
    std::string partial_;
    std::size_t line_ = 0;
    bool after_cr_ = false;
    bool bom_checked_ = false;
    char delimiter_;
    std::size_t rows_ = 0;
    std::deque<InputRow> ready_;
};

}  // namespace mailwarden::hygiene
