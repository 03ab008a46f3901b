// The SPF record parser: text -> terms with positions, or the first syntax
// error (RFC 7208 sections 4.5, 4.6.1, 5, 6 and appendix A). The whole record
// is checked before anything is evaluated, as section 4.6 requires.
#include "spf_text.hpp"

#include <mailwarden/spf.hpp>

#include <array>

namespace mailwarden::spf {

using namespace spf_detail;

namespace {

constexpr bool is_name_char(char c) noexcept { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }

struct MechanismName {
    std::string_view name;
    TermType type;
};

constexpr std::array<MechanismName, 8> mechanisms{{
    {"all", TermType::all},
    {"include", TermType::include},
    {"a", TermType::a},
    {"mx", TermType::mx},
    {"ptr", TermType::ptr},
    {"ip4", TermType::ip4},
    {"ip6", TermType::ip6},
    {"exists", TermType::exists},
}};

// "0" or a number without leading zeros, at most `max`.
bool parse_prefix(std::string_view digits, unsigned max, std::uint8_t& out) noexcept {
    if (digits.empty() || digits.size() > 3) return false;
    if (digits.size() > 1 && digits[0] == '0') return false;
    unsigned v = 0;
    for (const char c : digits) {
        if (!is_digit(c)) return false;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    if (v > max) return false;
    out = static_cast<std::uint8_t>(v);
    return true;
}

bool all_digits(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (const char c : s)
        if (!is_digit(c)) return false;
    return true;
}

// ip4-network: four qnums (0-255, no leading zeros) separated by dots.
bool is_ip4_network(std::string_view s) noexcept {
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        const std::size_t start = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        const std::size_t len = i - start;
        if (len == 0 || len > 3 || (len > 1 && s[start] == '0')) return false;
        unsigned v = 0;
        for (std::size_t k = start; k < i; ++k) v = v * 10 + static_cast<unsigned>(s[k] - '0');
        if (v > 255) return false;
        ++parts;
        if (i == s.size()) break;
        if (s[i] != '.' || parts == 4) return false;
        ++i;
    }
    return parts == 4;
}

class Parser {
public:
    Parser(std::string_view text, Record& out) : text_(text), out_(out) {}

    void run() {
        out_.terms.clear();
        out_.redirect = -1;
        out_.exp = -1;
        out_.error = SyntaxError::none;
        out_.error_offset = 0;
        out_.error_length = 0;
        if (!is_spf_record(text_)) {
            fail(SyntaxError::not_spf, 0, std::min<std::size_t>(text_.size(), 6));
            return;
        }
        std::size_t pos = 6;
        while (pos < text_.size()) {
            if (text_[pos] == ' ') {
                ++pos;
                continue;
            }
            std::size_t end = text_.find(' ', pos);
            if (end == std::string_view::npos) end = text_.size();
            if (!term(pos, end)) return;
            pos = end;
        }
    }

private:
    bool fail(SyntaxError error, std::size_t offset, std::size_t length) {
        out_.error = error;
        out_.error_offset = static_cast<std::uint32_t>(offset);
        out_.error_length = static_cast<std::uint32_t>(length);
        return false;
    }

    bool term(std::size_t begin, std::size_t end) {
        const std::string_view t = text_.substr(begin, end - begin);
        // Only spaces separate terms: any other control or non-ASCII byte is
        // an error wherever it is.
        for (std::size_t i = 0; i < t.size(); ++i)
            if (!is_visible(t[i])) return fail(SyntaxError::invalid_character, begin + i, 1);

        Term term;
        term.offset = static_cast<std::uint32_t>(begin);
        term.text = t;
        std::size_t i = 0;
        if (t[0] == '+' || t[0] == '-' || t[0] == '~' || t[0] == '?') {
            term.qualifier = static_cast<Qualifier>(t[0]);
            term.explicit_qualifier = true;
            i = 1;
        }
        std::size_t name_end = i;
        while (name_end < t.size() && is_name_char(t[name_end])) ++name_end;
        term.name = t.substr(i, name_end - i);

        if (!term.explicit_qualifier && name_end < t.size() && t[name_end] == '=')
            return modifier(term, t.substr(name_end + 1), begin);
        for (const auto& m : mechanisms) {
            if (iequals(term.name, m.name)) {
                term.type = m.type;
                return mechanism(term, t.substr(name_end), begin);
            }
        }
        if (name_end < t.size() && t[name_end] == '=' && !term.name.empty() && is_alpha(term.name[0]))
            return fail(SyntaxError::unknown_mechanism, begin, t.size());  // a qualified modifier
        if (name_end < t.size() && t[name_end] == '=')
            return fail(SyntaxError::invalid_modifier_name, begin, t.size());
        return fail(SyntaxError::unknown_mechanism, begin, t.size());
    }

    // A domain-spec that failed: say whether the macro, a prefix length the
    // term does not take, or the ending is at fault.
    bool bad_domain_spec(std::string_view spec, std::size_t begin, std::size_t length) {
        const SyntaxError macro = check_macro_string(spec, MacroUse::domain);
        if (macro != SyntaxError::none) return fail(macro, begin, length);
        const std::size_t slash = spec.rfind('/');
        if (slash != std::string_view::npos && all_digits(spec.substr(slash + 1)) &&
            is_domain_spec(spec.substr(0, slash)))
            return fail(SyntaxError::unexpected_argument, begin, length);
        return fail(SyntaxError::invalid_domain_spec, begin, length);
    }

    bool modifier(Term& term, std::string_view value, std::size_t begin) {
        const std::size_t length = term.text.size();
        if (term.name.empty() || !is_alpha(term.name[0])) return fail(SyntaxError::invalid_modifier_name, begin, length);
        term.value = value;
        const auto index = static_cast<int>(out_.terms.size());
        if (iequals(term.name, "redirect") || iequals(term.name, "exp")) {
            const bool redirect = iequals(term.name, "redirect");
            int& slot = redirect ? out_.redirect : out_.exp;
            if (slot >= 0) return fail(SyntaxError::duplicate_modifier, begin, length);
            if (value.empty()) return fail(SyntaxError::missing_argument, begin, length);
            if (!is_domain_spec(value)) return bad_domain_spec(value, begin, length);
            term.type = redirect ? TermType::redirect : TermType::exp;
            slot = index;
        } else {
            // Unknown modifiers are ignored, but their value must still be a
            // valid macro-string (RFC 7208 appendix A).
            if (check_macro_string(value, MacroUse::explanation) != SyntaxError::none)
                return fail(SyntaxError::invalid_macro, begin, length);
            term.type = TermType::unknown_modifier;
        }
        out_.terms.push_back(term);
        return true;
    }

    bool mechanism(Term& term, std::string_view args, std::size_t begin) {
        const std::size_t length = term.text.size();
        switch (term.type) {
        case TermType::all:
            if (!args.empty()) return fail(SyntaxError::unexpected_argument, begin, length);
            break;
        case TermType::include:
        case TermType::exists:
            if (args.empty()) return fail(SyntaxError::missing_argument, begin, length);
            if (args[0] != ':') return fail(SyntaxError::unexpected_argument, begin, length);
            term.value = args.substr(1);
            if (term.value.empty()) return fail(SyntaxError::missing_argument, begin, length);
            if (!is_domain_spec(term.value)) return bad_domain_spec(term.value, begin, length);
            break;
        case TermType::ptr:
            if (args.empty()) break;
            if (args[0] != ':') return fail(SyntaxError::unexpected_argument, begin, length);
            term.value = args.substr(1);
            if (term.value.empty()) return fail(SyntaxError::missing_argument, begin, length);
            if (!is_domain_spec(term.value)) return bad_domain_spec(term.value, begin, length);
            break;
        case TermType::a:
        case TermType::mx: {
            // [":" domain-spec] [dual-cidr-length], the prefix lengths taken
            // from the right: a domain-spec may itself contain "/".
            std::string_view rest = args;
            bool has_domain = false;
            if (!rest.empty() && rest[0] == ':') {
                has_domain = true;
                rest.remove_prefix(1);
            }
            std::size_t slash = rest.rfind('/');
            if (slash != std::string_view::npos && slash > 0 && rest[slash - 1] == '/' &&
                all_digits(rest.substr(slash + 1))) {
                if (!parse_prefix(rest.substr(slash + 1), 128, term.cidr6))
                    return fail(SyntaxError::invalid_cidr, begin, length);
                rest = rest.substr(0, slash - 1);
            }
            slash = rest.rfind('/');
            if (slash != std::string_view::npos && all_digits(rest.substr(slash + 1))) {
                if (!parse_prefix(rest.substr(slash + 1), 32, term.cidr4))
                    return fail(SyntaxError::invalid_cidr, begin, length);
                rest = rest.substr(0, slash);
            }
            if (!has_domain) {
                if (!rest.empty()) return fail(SyntaxError::invalid_cidr, begin, length);
                break;
            }
            if (rest.empty()) return fail(SyntaxError::missing_argument, begin, length);
            if (!is_domain_spec(rest)) return bad_domain_spec(rest, begin, length);
            term.value = rest;
            break;
        }
        case TermType::ip4:
        case TermType::ip6: {
            const bool v6 = term.type == TermType::ip6;
            if (args.empty() || args[0] != ':' || args.size() == 1)
                return fail(args.size() > 1 ? SyntaxError::unexpected_argument : SyntaxError::missing_argument, begin,
                            length);
            std::string_view network = args.substr(1);
            const std::size_t slash = network.find('/');
            if (slash != std::string_view::npos) {
                std::uint8_t& prefix = v6 ? term.cidr6 : term.cidr4;
                if (!parse_prefix(network.substr(slash + 1), v6 ? 128 : 32, prefix))
                    return fail(SyntaxError::invalid_cidr, begin, length);
                network = network.substr(0, slash);
            }
            if (!v6 && !is_ip4_network(network)) return fail(SyntaxError::invalid_ip4, begin, length);
            const auto parsed = IpAddress::parse(network);
            if (!parsed || parsed->v6 != v6) return fail(v6 ? SyntaxError::invalid_ip6 : SyntaxError::invalid_ip4, begin, length);
            term.network = *parsed;
            term.value = network;
            break;
        }
        default: return fail(SyntaxError::unknown_mechanism, begin, length);
        }
        out_.terms.push_back(term);
        return true;
    }

    std::string_view text_;
    Record& out_;
};

}  // namespace

bool is_spf_record(std::string_view text) noexcept {
    return text.size() >= 6 && iequals(text.substr(0, 6), "v=spf1") && (text.size() == 6 || text[6] == ' ');
}

void parse_record(std::string_view text, Record& out) {
    Parser(text, out).run();
}

Record parse_record(std::string_view text) {
    Record record;
    parse_record(text, record);
    return record;
}

}  // namespace mailwarden::spf
