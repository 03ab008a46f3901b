#include "canonical.hpp"

#include <algorithm>
#include <array>

namespace mailwarden::sigv4::detail {

namespace {

enum : std::uint8_t {
    unreserved = 1,
    path_raw = 2,   // may stay as it is in a wire path (pchar, '/', '%')
    token = 4,      // RFC 9110 tchar
    space = 8,      // SP HT CR LF: folded in header values
};

constexpr std::array<std::uint8_t, 256> make_classes() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        std::uint8_t bits = 0;
        if (alnum || c == '-' || c == '.' || c == '_' || c == '~') bits |= unreserved;
        if ((bits & unreserved) != 0 || std::string_view("!$&'()*+,;=:@/%").find(static_cast<char>(c)) != std::string_view::npos)
            bits |= path_raw;
        if (alnum || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos)
            bits |= token;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') bits |= space;
        t[static_cast<std::size_t>(c)] = bits;
    }
    return t;
}

constexpr std::array<std::uint8_t, 256> classes = make_classes();

constexpr char hex_upper[] = "0123456789ABCDEF";

bool has(unsigned char c, std::uint8_t bit) noexcept { return (classes[c] & bit) != 0; }

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

void append_escaped(std::string& out, unsigned char c) {
    const char triplet[3] = {'%', hex_upper[c >> 4], hex_upper[c & 0x0f]};
    out.append(triplet, 3);
}

// Encodes with `keep` deciding which bytes stay raw; copies runs in one go.
template <typename Keep>
void encode_runs(std::string& out, std::string_view bytes, Keep keep) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (keep(c)) continue;
        out.append(bytes.data() + run, i - run);
        append_escaped(out, c);
        run = i + 1;
    }
    out.append(bytes.data() + run, bytes.size() - run);
}

// A path that starts with '/' and has no empty, "." or ".." segment is
// already normal.
bool needs_normalizing(std::string_view path) noexcept {
    if (path.empty() || path[0] != '/') return true;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '/') continue;
        if (i + 1 == path.size()) return false;  // trailing '/' is kept as it is
        const char next = path[i + 1];
        if (next == '/') return true;
        if (next == '.') {
            const std::size_t end = path.find('/', i + 1);
            const std::string_view seg = path.substr(i + 1, end == std::string_view::npos ? end : end - i - 1);
            if (seg == "." || seg == "..") return true;
        }
    }
    return false;
}

}  // namespace

bool is_unreserved(unsigned char c) noexcept { return has(c, unreserved); }

bool is_token(std::string_view name) noexcept {
    if (name.empty()) return false;
    for (const char c : name)
        if (!has(static_cast<unsigned char>(c), token)) return false;
    return true;
}

void append_uri_encoded(std::string& out, std::string_view bytes, bool keep_slash) {
    if (keep_slash)
        encode_runs(out, bytes, [](unsigned char c) { return has(c, unreserved) || c == '/'; });
    else
        encode_runs(out, bytes, [](unsigned char c) { return has(c, unreserved); });
}

void append_percent_decoded(std::string& out, std::string_view text) {
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.append(text.data() + run, i - run);
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 3;
                run = i;
                continue;
            }
        }
        ++i;
    }
    out.append(text.data() + run, text.size() - run);
}

void append_canonical_path(std::string& out, std::string_view wire_path, bool normalize, bool double_encode,
                           std::vector<std::string_view>& segments) {
    auto emit = [&](std::string_view part) {
        if (double_encode)
            append_uri_encoded(out, part, true);
        else
            encode_runs(out, part, [](unsigned char c) { return has(c, path_raw); });
    };
    if (wire_path.empty()) {
        out.push_back('/');
        return;
    }
    if (!normalize || !needs_normalizing(wire_path)) {
        emit(wire_path);
        return;
    }
    segments.clear();
    std::size_t start = 0;
    while (start <= wire_path.size()) {
        std::size_t end = wire_path.find('/', start);
        if (end == std::string_view::npos) end = wire_path.size();
        const std::string_view seg = wire_path.substr(start, end - start);
        if (seg == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!seg.empty() && seg != ".") {
            segments.push_back(seg);
        }
        start = end + 1;
    }
    const std::size_t before = out.size();
    if (wire_path.front() == '/') out.push_back('/');
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i != 0) out.push_back('/');
        emit(segments[i]);
    }
    if (!segments.empty() && wire_path.back() == '/') out.push_back('/');
    if (out.size() == before) out.push_back('/');
}

void QueryBuilder::add_wire_component(std::string_view text) {
    // Fast path: nothing to decode or encode.
    bool plain = true;
    for (const char c : text) {
        if (!has(static_cast<unsigned char>(c), unreserved)) {
            plain = false;
            break;
        }
    }
    if (plain) {
        storage_.append(text);
        return;
    }
    decoded_.clear();
    append_percent_decoded(decoded_, text);
    append_uri_encoded(storage_, decoded_, false);
}

void QueryBuilder::add_wire_query(std::string_view query) {
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        const std::string_view pair = query.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view key = pair.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        QueryItem item{};
        item.key_offset = static_cast<std::uint32_t>(storage_.size());
        add_wire_component(key);
        item.key_size = static_cast<std::uint32_t>(storage_.size() - item.key_offset);
        item.value_offset = static_cast<std::uint32_t>(storage_.size());
        add_wire_component(value);
        item.value_size = static_cast<std::uint32_t>(storage_.size() - item.value_offset);
        items_.push_back(item);
    }
}

void QueryBuilder::add_decoded(std::string_view key, std::string_view value) {
    QueryItem item{};
    item.key_offset = static_cast<std::uint32_t>(storage_.size());
    append_uri_encoded(storage_, key, false);
    item.key_size = static_cast<std::uint32_t>(storage_.size() - item.key_offset);
    item.value_offset = static_cast<std::uint32_t>(storage_.size());
    append_uri_encoded(storage_, value, false);
    item.value_size = static_cast<std::uint32_t>(storage_.size() - item.value_offset);
    items_.push_back(item);
}

void QueryBuilder::append_sorted(std::string& out) {
    const std::string_view s = storage_;
    auto key = [s](const QueryItem& i) { return s.substr(i.key_offset, i.key_size); };
    auto value = [s](const QueryItem& i) { return s.substr(i.value_offset, i.value_size); };
    std::sort(items_.begin(), items_.end(), [&](const QueryItem& a, const QueryItem& b) {
        const int c = key(a).compare(key(b));
        return c != 0 ? c < 0 : value(a) < value(b);
    });
    for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i != 0) out.push_back('&');
        out.append(key(items_[i]));
        out.push_back('=');
        out.append(value(items_[i]));
    }
}

void append_folded_value(std::string& out, std::string_view value) {
    // Most values hold no control character nor space at all: copy them.
    bool plain = true;
    for (const char c : value) plain &= static_cast<unsigned char>(c) > ' ';
    if (plain) {
        out.append(value);
        return;
    }
    std::size_t i = 0;
    std::size_t end = value.size();
    while (i < end && has(static_cast<unsigned char>(value[i]), space)) ++i;
    while (end > i && has(static_cast<unsigned char>(value[end - 1]), space)) --end;
    std::size_t run = i;
    while (i < end) {
        if (!has(static_cast<unsigned char>(value[i]), space)) {
            ++i;
            continue;
        }
        out.append(value.data() + run, i - run);
        out.push_back(' ');
        while (i < end && has(static_cast<unsigned char>(value[i]), space)) ++i;
        run = i;
    }
    out.append(value.data() + run, end - run);
}

}  // namespace mailwarden::sigv4::detail
