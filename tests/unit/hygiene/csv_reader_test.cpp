// The CSV reader: the format's rules, the line ends, the byte order mark,
// chunks split anywhere, what a malformed row says, and the limits.
#include "hygiene/csv/csv_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using mailwarden::hygiene::CsvOptions;
using mailwarden::hygiene::CsvProblem;
using mailwarden::hygiene::CsvReader;
using mailwarden::hygiene::CsvRow;

namespace {

/// Every row of `input`, fed in chunks of `chunk` bytes (0: all at once).
std::vector<CsvRow> read_all(std::string_view input, std::size_t chunk = 0, CsvOptions options = {}) {
    CsvReader reader(options);
    std::vector<CsvRow> rows;
    CsvRow row;
    const std::size_t step = chunk == 0 ? input.size() + 1 : chunk;
    for (std::size_t at = 0; at < input.size(); at += step) {
        reader.feed(input.substr(at, step));
        while (reader.next(row)) rows.push_back(row);
    }
    reader.finish();
    while (reader.next(row)) rows.push_back(row);
    return rows;
}

using Fields = std::vector<std::vector<std::string>>;

Fields fields_of(const std::vector<CsvRow>& rows) {
    Fields out;
    for (const auto& r : rows) out.push_back(r.fields);
    return out;
}

}  // namespace

TEST_CASE("fields, quotes and escaped quotes") {
    CHECK(fields_of(read_all("a,b,c\r\n")) == Fields{{"a", "b", "c"}});
    CHECK(fields_of(read_all("\"a,1\",\"say \"\"hi\"\"\",\"\"\n")) == Fields{{"a,1", "say \"hi\"", ""}});
    CHECK(fields_of(read_all("x,\n,y")) == Fields{{"x", ""}, {"", "y"}});
    CHECK(fields_of(read_all("\"two\r\nlines\",z")) == Fields{{"two\r\nlines", "z"}});
    CHECK(fields_of(read_all("\"\"")) == Fields{{""}});
    CHECK(read_all("").empty());
}

TEST_CASE("CRLF, LF and CR end rows; an empty line is a row without fields") {
    CHECK(fields_of(read_all("a\r\nb\nc\rd")) == Fields{{"a"}, {"b"}, {"c"}, {"d"}});
    CHECK(fields_of(read_all("a\r\n\r\nb\n\nc")) == Fields{{"a"}, {}, {"b"}, {}, {"c"}});
    CHECK(fields_of(read_all("a\r\rb")) == Fields{{"a"}, {}, {"b"}});
}

TEST_CASE("line numbers count physical lines, CRLF once, quoted line ends too") {
    const auto rows = read_all("a\r\n\"b\nc\"\r\n\nd\re\n");
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].line == 1);
    CHECK(rows[1].line == 2);  // spans lines 2 and 3
    CHECK(rows[2].line == 4);
    CHECK(rows[3].line == 5);
    CHECK(rows[4].line == 6);
}

TEST_CASE("a UTF-8 byte order mark at the start is dropped, elsewhere kept") {
    CHECK(fields_of(read_all("\xEF\xBB\xBF" "email\nx@iana.org")) == Fields{{"email"}, {"x@iana.org"}});
    CHECK(fields_of(read_all("a\n\xEF\xBB\xBF" "b")) == Fields{{"a"}, {"\xEF\xBB\xBF" "b"}});
    // A start that only looks like one is data.
    CHECK(fields_of(read_all("\xEF\xBB" "x")) == Fields{{"\xEF\xBB" "x"}});
    CHECK(fields_of(read_all("\xEF")) == Fields{{"\xEF"}});
}

TEST_CASE("chunks split anywhere give the same rows") {
    const std::string input = "\xEF\xBB\xBF" "name,email\r\n\"Doe, \"\"J\"\"\",j@iana.org\r\n\r\nx,\"a\rb\"\rlast";
    const auto whole = read_all(input);
    for (std::size_t chunk = 1; chunk <= input.size(); ++chunk) {
        CAPTURE(chunk);
        const auto split = read_all(input, chunk);
        REQUIRE(split.size() == whole.size());
        for (std::size_t i = 0; i < whole.size(); ++i) {
            CHECK(split[i].fields == whole[i].fields);
            CHECK(split[i].line == whole[i].line);
        }
    }
}

TEST_CASE("malformed rows are read as Python's csv reads them, and say what was wrong") {
    auto rows = read_all("\"ab\"cd,e\nok\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].fields == std::vector<std::string>{"abcd", "e"});
    CHECK(rows[0].problem == CsvProblem::stray_quote);
    CHECK(rows[1].problem == CsvProblem::none);
    rows = read_all("ab\"cd,e");
    CHECK(rows[0].fields == std::vector<std::string>{"ab\"cd", "e"});
    CHECK(rows[0].problem == CsvProblem::stray_quote);
    rows = read_all("a,\"open\nstill open");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].fields == std::vector<std::string>{"a", "open\nstill open"});
    CHECK(rows[0].problem == CsvProblem::unterminated_quote);
    CHECK(to_string(CsvProblem::unterminated_quote) == "unterminated_quote");
}

TEST_CASE("limits cut, and mark the row, instead of growing without bound") {
    CsvOptions small;
    small.max_field_bytes = 4;
    small.max_fields = 2;
    auto rows = read_all("abcdef,x\n1,2,3\nok,ok\n", 0, small);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields == std::vector<std::string>{"abcd", "x"});
    CHECK(rows[0].problem == CsvProblem::field_too_long);
    CHECK(rows[1].fields == std::vector<std::string>{"1", "2"});
    CHECK(rows[1].problem == CsvProblem::too_many_fields);
    CHECK(rows[2].problem == CsvProblem::none);
}

TEST_CASE("another delimiter") {
    CsvOptions semicolons;
    semicolons.delimiter = ';';
    CHECK(fields_of(read_all("a;\"b;c\";d,e\n", 0, semicolons)) == Fields{{"a", "b;c", "d,e"}});
}
