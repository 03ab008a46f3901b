#include "message/auth_results/renderer.hpp"

#include "message/auth_results/syntax.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mailwarden::message_detail {

namespace {

namespace syntax = auth_results_syntax;

constexpr std::size_t max_line = 78;

// A piece of the value that is never broken, and how it joins the piece
// before it: glued; after one space, which a fold may replace with CRLF and
// a tab; or starting with a blank of a quoted string, which a fold may only
// precede with CRLF, so that unfolding gives the same text back.
struct Piece {
    enum class Join { glued, space, exact } join;
    std::string text;
};
using Pieces = std::vector<Piece>;

class Writer {
public:
    std::optional<Error> error;

    void fail(std::string message) {
        if (!error) error = Error(errc::invalid_argument, std::move(message));
    }

    void keyword(Pieces& out, Piece::Join join, std::string_view what, std::string_view name) {
        if (!syntax::is_keyword(name)) fail(std::string(what) + " is not a keyword: \"" + std::string(name) + "\"");
        out.push_back({join, syntax::to_lower(name)});
    }

    void glue(Pieces& out, std::string_view text) { out.push_back({Piece::Join::glued, std::string(text)}); }

    // A value as a token, an address (with `address`) or a quoted string,
    // split before each run of blanks.
    void value(Pieces& out, std::string_view v, bool address) {
        if (syntax::is_token(v) || (address && syntax::is_address_value(v))) return glue(out, v);
        std::string text = "\"";
        Piece::Join join = Piece::Join::glued;
        for (const char c : v) {
            if (syntax::is_control(c) || c == '\r' || c == '\n') fail("control character in a value");
            const bool blank = c == ' ' || c == '\t';
            if (blank && !text.empty() && text.back() != ' ' && text.back() != '\t') {
                out.push_back({join, std::move(text)});
                join = Piece::Join::exact;
                text.clear();
            }
            if (c == '"' || c == '\\') text += '\\';
            text += c;
        }
        out.push_back({join, text + '"'});
    }

    // A comment, one piece a word: the parser makes its blank runs one
    // space, so a fold may replace any of them. Parentheses that pair up
    // are written as they are, others escaped.
    void comment(Pieces& out, std::string_view text) {
        const bool balanced = is_balanced(text);
        std::vector<std::string> words(1);
        for (const char c : text) {
            if (syntax::is_control(c)) fail("control character in a comment");
            if (syntax::is_space(c)) {
                if (!words.back().empty()) words.emplace_back();
                continue;
            }
            if (c == '\\' || (!balanced && (c == '(' || c == ')'))) words.back() += '\\';
            words.back() += c;
        }
        if (words.back().empty()) words.pop_back();
        if (words.empty()) return;  // blanks only: the parser would drop it
        words.front().insert(0, "(");
        words.back() += ')';
        for (auto& word : words) out.push_back({Piece::Join::space, std::move(word)});
    }

private:
    static bool is_balanced(std::string_view text) noexcept {
        int depth = 0;
        for (const char c : text) {
            if (c == '(') ++depth;
            if (c == ')' && --depth < 0) return false;
        }
        return depth == 0;
    }
};

Pieces header_pieces(Writer& w, const AuthResults& r) {
    Pieces out;
    if (r.authserv_id.empty()) w.fail("the authserv-id is empty");
    w.value(out, r.authserv_id, false);
    out.front().join = Piece::Join::space;
    if (r.version) out.push_back({Piece::Join::space, std::to_string(*r.version)});
    w.comment(out, r.comment);
    return out;
}

Pieces resinfo_pieces(Writer& w, const AuthMethodResult& m) {
    Pieces out;
    w.keyword(out, Piece::Join::space, "method", m.method);
    if (m.method_version) w.glue(out, "/" + std::to_string(*m.method_version));
    w.glue(out, "=");
    w.keyword(out, Piece::Join::glued, "result", m.result);
    w.comment(out, m.comment);
    if (m.reason) {
        out.push_back({Piece::Join::space, "reason="});
        w.value(out, *m.reason, false);
    }
    for (const auto& p : m.properties) {
        if (p.type.empty()) w.fail("property \"" + p.name + "\" has no type");
        w.keyword(out, Piece::Join::space, "property type", p.type);
        w.glue(out, ".");
        w.keyword(out, Piece::Join::glued, "property", p.name);
        w.glue(out, "=");
        w.value(out, p.value, true);
        w.comment(out, p.comment);
    }
    return out;
}

// Glued pieces are merged, so that each piece left is a place to fold.
Pieces merge(const Pieces& pieces) {
    Pieces out;
    for (const auto& p : pieces) {
        if (p.join == Piece::Join::glued && !out.empty()) {
            out.back().text += p.text;
        } else {
            out.push_back(p);
        }
    }
    return out;
}

std::string one_line(const std::vector<Pieces>& groups) {
    std::string out;
    for (const auto& group : groups) {
        for (const auto& p : group) {
            if (p.join == Piece::Join::space && !out.empty()) out += ' ';
            out += p.text;
        }
    }
    return out;
}

void fold(std::string& out, std::size_t& column, const Pieces& group) {
    bool first = true;
    for (const auto& p : group) {
        const std::size_t gap = p.join == Piece::Join::space && !first ? 1 : 0;
        if (!first && column + gap + p.text.size() > max_line) {
            out += p.join == Piece::Join::space ? "\r\n\t" : "\r\n";
            column = p.join == Piece::Join::space ? 1 : 0;
        } else if (gap) {
            out += ' ';
            ++column;
        }
        out += p.text;
        column += p.text.size();
        first = false;
    }
}

}  // namespace

Result<std::string, Error> render_auth_results(const AuthResults& results, std::size_t start_column) {
    Writer w;
    std::vector<Pieces> groups{header_pieces(w, results)};
    if (results.results.empty()) {
        w.glue(groups.back(), ";");
        groups.push_back({{Piece::Join::space, "none"}});
    }
    for (const auto& m : results.results) {
        w.glue(groups.back(), ";");
        groups.push_back(resinfo_pieces(w, m));
    }
    if (w.error) return unexpected(std::move(*w.error));
    for (auto& g : groups) g = merge(g);

    std::string line = one_line(groups);
    if (start_column + line.size() <= max_line) return line;
    std::string out;
    std::size_t column = start_column;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (i > 0) {
            out += "\r\n\t";
            column = 1;
        }
        fold(out, column, groups[i]);
    }
    return out;
}

}  // namespace mailwarden::message_detail
