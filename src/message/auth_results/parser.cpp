#include "message/auth_results/parser.hpp"

#include "auth/tag_list.hpp"
#include "message/auth_results/lexer.hpp"
#include "message/auth_results/syntax.hpp"

#include <algorithm>
#include <array>

namespace mailwarden::message_detail {

namespace {

namespace syntax = auth_results_syntax;
using auth::iequals;

// Methods in IANA's registry, and Microsoft's compauth: one of these
// followed by '=' where a property was expected starts a new resinfo whose
// ';' was left out. Other bare names stay properties of the current one
// ("action=none", "x-bits=2048").
bool is_known_method(std::string_view name) noexcept {
    static constexpr std::array<std::string_view, 16> methods = {
        "arc", "auth", "bimi", "compauth", "dkim", "dkim-adsp", "dkim-atps", "dmarc",
        "dnswl", "domainkeys", "iprev", "rrvs", "sender-id", "smime", "spf", "vbr"};
    return std::any_of(methods.begin(), methods.end(), [&](std::string_view m) { return iequals(m, name); });
}

class Parser {
public:
    explicit Parser(std::string_view value) : lex_(value) {}

    AuthResults run() {
        lex_.skip_cfws(&out_.comment);
        read_authserv_id();
        bool expect_semicolon = !out_.deviations.missing_authserv_id;
        while (true) {
            lex_.skip_cfws(comment_slot());
            if (lex_.at_end()) break;
            if (lex_.take(';')) {
                lex_.skip_cfws(comment_slot());
                if (lex_.at_end() || lex_.peek() == ';') {
                    out_.deviations.extra_semicolon = true;
                    continue;
                }
            } else if (expect_semicolon) {
                out_.deviations.missing_semicolon = true;
            }
            expect_semicolon = true;
            read_resinfo();
        }
        if (const auto open = lex_.unclosed())
            problem(*open, lex_.text().substr(*open), "a comment or quoted string is not closed");
        return std::move(out_);
    }

private:
    // Comments go to the latest thing read: a property, a result, the field.
    std::string* comment_slot() {
        if (out_.results.empty()) return &out_.comment;
        auto& last = out_.results.back();
        return last.properties.empty() ? &last.comment : &last.properties.back().comment;
    }

    void problem(std::size_t offset, std::string_view text, std::string message) {
        out_.problems.push_back({offset, std::string(text), std::move(message)});
    }

    // Keeps the rest of the resinfo, from `start` to the next ';'.
    void give_up(std::size_t start, std::string message) {
        lex_.seek(start);
        const std::string_view rest = lex_.skip_to_semicolon();
        problem(static_cast<std::size_t>(rest.data() - lex_.text().data()), rest, std::move(message));
    }

    void read_authserv_id() {
        if (lex_.at_end()) {
            problem(lex_.pos(), {}, "the field is empty: no authserv-id");
            return;
        }
        const std::size_t start = lex_.pos();
        if (lex_.peek() == '"') {
            out_.authserv_id = lex_.quoted();
        } else {
            const std::string_view id = lex_.bare_value();
            // A name followed by '=' or '/' is a method: the id was left out.
            lex_.skip_cfws(nullptr);
            if (id.empty() || id.find('=') != std::string_view::npos || lex_.peek() == '/' || lex_.peek() == '=') {
                lex_.seek(start);
                out_.deviations.missing_authserv_id = true;
                return;
            }
            lex_.seek(start + id.size());
            out_.authserv_id = std::string(id);
        }
        read_version();
    }

    // authres-version: a number before ';' or the end, or before a resinfo
    // whose ';' was left out.
    void read_version() {
        const std::size_t before = lex_.pos();
        std::string comments;
        lex_.skip_cfws(&comments);
        const auto version = lex_.number();
        const std::size_t after = lex_.pos();
        lex_.skip_cfws(&comments);
        const bool ends =
            lex_.at_end() || lex_.peek() == ';' || (lex_.pos() > after && syntax::is_name_char(lex_.peek()));
        if (!version || !ends) return lex_.seek(before);
        out_.version = version;
        append_comment(out_.comment, comments);
    }

    void read_resinfo() {
        const std::size_t start = lex_.pos();
        const std::string_view method = lex_.name();
        if (method.empty()) return give_up(start, "expected method=result");
        AuthMethodResult entry;
        lex_.skip_cfws(&entry.comment);
        if (iequals(method, "none") && (lex_.at_end() || lex_.peek() == ';')) {
            out_.none = true;
            append_comment(out_.comment, entry.comment);
            return;
        }
        entry.method = syntax::to_lower(method);
        if (lex_.take('/')) {
            lex_.skip_cfws(&entry.comment);
            entry.method_version = lex_.number();
            if (!entry.method_version) return give_up(start, "expected a version number after '/'");
            lex_.skip_cfws(&entry.comment);
        }
        if (!lex_.take('=')) return give_up(start, "expected '=' after the method '" + std::string(method) + "'");
        lex_.skip_cfws(&entry.comment);
        const std::string_view result = lex_.name();
        if (result.empty()) return give_up(start, "expected a result after '" + std::string(method) + "='");
        entry.result = syntax::to_lower(result);
        out_.results.push_back(std::move(entry));
        read_items();
    }

    // reasonspec and propspecs, up to ';', the end, or a method whose ';'
    // was left out.
    void read_items() {
        auto& entry = out_.results.back();
        while (true) {
            lex_.skip_cfws(comment_slot());
            if (lex_.at_end() || lex_.peek() == ';') return;
            const std::size_t start = lex_.pos();
            const std::string_view name = lex_.name();
            if (name.empty()) return give_up(start, std::string("unexpected '") + lex_.peek() + "'");
            lex_.skip_cfws(comment_slot());
            AuthProperty prop;
            if (lex_.take('.')) {
                lex_.skip_cfws(comment_slot());
                const std::string_view property = lex_.name(true);
                lex_.skip_cfws(comment_slot());
                if (property.empty() || !lex_.take('='))
                    return give_up(start, "expected " + std::string(name) + ".property=value");
                prop.type = syntax::to_lower(name);
                prop.name = syntax::to_lower(property);
            } else if (!lex_.take('=')) {
                return give_up(start, "expected '=' after '" + std::string(name) + "'");
            } else if (iequals(name, "reason") && !entry.reason) {
                lex_.skip_cfws(&entry.comment);
                entry.reason = read_value();
                continue;
            } else if (is_known_method(name)) {
                lex_.seek(start);
                return;
            } else {
                out_.deviations.bare_property = true;
                prop.name = syntax::to_lower(name);
            }
            lex_.skip_cfws(comment_slot());
            prop.value = read_value();
            entry.properties.push_back(std::move(prop));
        }
    }

    // value, or an address whose local part is quoted ("a b"@example.com).
    std::string read_value() {
        if (lex_.peek() == '"') {
            std::string value = lex_.quoted();
            if (lex_.peek() == '@') value += lex_.bare_value();
            return value;
        }
        const std::string_view value = lex_.bare_value();
        if (!value.empty() && !syntax::is_bare_pvalue(value)) out_.deviations.unquoted_value = true;
        return std::string(value);
    }

    AuthResultsLexer lex_;
    AuthResults out_;
};

}  // namespace

AuthResults parse_auth_results(std::string_view value) { return Parser(value).run(); }

ArcAuthResults parse_arc_auth_results(std::string_view value) {
    ArcAuthResults out;
    AuthResultsLexer lex(value);
    lex.skip_cfws(nullptr);
    if (iequals(lex.name(), "i")) {
        lex.skip_cfws(nullptr);
        if (lex.take('=')) {
            lex.skip_cfws(nullptr);
            const auto instance = lex.number();
            lex.skip_cfws(nullptr);
            if (instance && lex.take(';')) {
                const std::size_t base = lex.pos();
                out.instance = instance;
                out.results = parse_auth_results(value.substr(base));
                for (auto& p : out.results.problems) p.offset += base;
                return out;
            }
        }
    }
    out.results = parse_auth_results(value);
    out.results.problems.insert(out.results.problems.begin(),
                                {0, std::string(value.substr(0, value.find(';'))), "expected i=N; first"});
    return out;
}

}  // namespace mailwarden::message_detail
