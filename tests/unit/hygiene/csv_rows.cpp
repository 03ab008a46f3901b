// Reads JSON Lines of documents (each a JSON string) from stdin and prints,
// for each, one JSON line: its rows as arrays of fields. Document i is fed in
// chunks of (i % 7) + 1 bytes, so chunk boundaries fall everywhere. Used by
// csv_python_check.py to compare the reader with Python's csv module.
#include "hygiene/csv/csv_reader.hpp"

#include <boost/json.hpp>

#include <iostream>
#include <string>

int main() {
    namespace json = boost::json;
    std::string line;
    for (std::size_t index = 0; std::getline(std::cin, line); ++index) {
        const std::string document(json::parse(line).as_string());
        mailwarden::hygiene::CsvReader reader;
        json::array rows;
        mailwarden::hygiene::CsvRow row;
        const std::size_t chunk = index % 7 + 1;
        const auto take = [&] {
            while (reader.next(row)) {
                json::array fields;
                for (auto& f : row.fields) fields.emplace_back(f);
                rows.emplace_back(std::move(fields));
            }
        };
        for (std::size_t at = 0; at < document.size(); at += chunk) {
            reader.feed(std::string_view(document).substr(at, chunk));
            take();
        }
        reader.finish();
        take();
        std::cout << json::serialize(rows) << '\n';
    }
    return 0;
}
