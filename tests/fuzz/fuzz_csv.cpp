// libFuzzer target: the CSV reader on arbitrary bytes, fed whole and in
// chunks whose size the first byte picks. Beyond "no crash": both feeds give
// the same rows, with the same line numbers and problems; no field is longer
// and no row wider than the limits; line numbers never go down and stay
// within the input's lines.
#include "hygiene/csv/csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

using mailwarden::hygiene::CsvOptions;
using mailwarden::hygiene::CsvReader;
using mailwarden::hygiene::CsvRow;

void require(bool condition) {
    if (!condition) std::abort();
}

std::vector<CsvRow> read_all(std::string_view input, std::size_t chunk, const CsvOptions& options) {
    CsvReader reader(options);
    std::vector<CsvRow> rows;
    CsvRow row;
    for (std::size_t at = 0; at < input.size(); at += chunk) {
        reader.feed(input.substr(at, chunk));
        while (reader.next(row)) rows.push_back(row);
    }
    reader.finish();
    while (reader.next(row)) rows.push_back(row);
    return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t chunk = data[0] % 16 + 1;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    CsvOptions options;
    options.max_field_bytes = 16;  // small, so the limits are reached
    options.max_fields = 8;
    const auto whole = read_all(text, text.size() + 1, options);
    const auto split = read_all(text, chunk, options);
    require(whole.size() == split.size());
    std::size_t lines = 1;
    for (const char c : text) lines += c == '\n' || c == '\r' ? 1 : 0;
    std::size_t last_line = 0;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        require(whole[i].fields == split[i].fields);
        require(whole[i].line == split[i].line && whole[i].problem == split[i].problem);
        require(whole[i].line >= last_line && whole[i].line >= 1 && whole[i].line <= lines);
        last_line = whole[i].line;
        require(whole[i].fields.size() <= options.max_fields);
        for (const auto& f : whole[i].fields) require(f.size() <= options.max_field_bytes);
    }
    return 0;
}
