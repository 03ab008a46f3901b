// An RFC 4180 reader that takes its input in chunks of any size and hands
// out complete rows, so a file of millions of rows is read in memory the
// size of one row. It follows the common dialect: "," between fields, quotes
// around fields that hold delimiters, quotes ("" inside) or line ends; CRLF,
// LF or CR between rows; a UTF-8 byte order mark at the start is dropped.
// Input that breaks the format is read the way Python's csv module reads it
// and the row says what was wrong, so a caller can report the row instead
// of stopping.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::hygiene {

struct CsvOptions {
    char delimiter = ',';
    /// A longer field is cut at this many bytes (the row is marked).
    std::size_t max_field_bytes = 64 * 1024;
    /// Fields after this many are dropped (the row is marked).
    std::size_t max_fields = 4096;
};

/// What was wrong with a row; the first problem found is kept.
enum class CsvProblem : std::uint8_t {
    none,
    unterminated_quote,  ///< the input ended inside a quoted field
    stray_quote,         ///< text after a closing quote, or a quote inside an unquoted field
    field_too_long,      ///< a field was cut at max_field_bytes
    too_many_fields,     ///< fields after max_fields were dropped
};

/// "none", "unterminated_quote", ...
std::string_view to_string(CsvProblem problem) noexcept;

struct CsvRow {
    /// An empty line is a row with no fields.
    std::vector<std::string> fields;
    std::size_t line = 0;  ///< the physical line the row starts on, from 1
    CsvProblem problem = CsvProblem::none;
};

class CsvReader {
public:
    explicit CsvReader(CsvOptions options = {});

    /// Reads more bytes; the rows they complete become available to next().
    void feed(std::string_view bytes);
    /// The input has ended: a last row without a line end becomes available.
    void finish();
    /// Moves the next complete row into `row`; false when none is ready.
    bool next(CsvRow& row);

private:
    enum class State : std::uint8_t { row_start, field_start, unquoted, quoted, quote_in_quoted, after_cr };

    void consume(char c);
    void consume_end(char c);  // a delimiter or line end that closes a field
    void add_char(char c);
    void end_field();
    void end_row();
    void mark(CsvProblem problem);

    CsvOptions options_;
    State state_ = State::row_start;
    std::size_t bom_matched_ = 0;  // bytes of the BOM seen at the very start
    bool bom_decided_ = false;
    std::size_t line_ = 1;
    bool after_cr_byte_ = false;  // the last byte was CR (for counting lines)
    std::string field_;
    CsvRow row_;
    std::deque<CsvRow> ready_;
};

}  // namespace mailwarden::hygiene
