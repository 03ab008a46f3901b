// libFuzzer target: the ~/.aws shared-file parser on arbitrary bytes.
// Beyond "no crash": a failed parse has no sections, a line number within
// the input and a message that quotes nothing of it; a successful one has
// non-empty, trimmed section names and lower-case, non-empty keys.
#include <mailwarden/net/credentials.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = mailwarden::aws::parse_shared_config(text);
    if (!parsed) {
        require(parsed.sections.empty());
        require(parsed.error_line >= 1);
        std::size_t lines = 1;
        for (const char c : text) lines += c == '\n' ? 1 : 0;
        require(parsed.error_line <= lines);
        require(parsed.message.starts_with("line "));
        require(parsed.message.size() < 80);  // a fixed phrase, nothing from the input
        return 0;
    }
    for (const auto& section : parsed.sections) {
        require(!section.name.empty());
        require(section.name.front() != ' ' && section.name.back() != ' ');
        require(parsed.find(section.name) == &section);
        for (const auto& [key, value] : section.values) {
            require(!key.empty());
            for (const char c : key) require(!(c >= 'A' && c <= 'Z'));
            (void)value;
        }
    }
    return 0;
}
