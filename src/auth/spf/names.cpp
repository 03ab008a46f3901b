// Stable names of the SPF enums, and sentences for syntax errors.
#include <mailwarden/spf.hpp>

namespace mailwarden::spf {

std::string_view to_string(Result result) noexcept {
    switch (result) {
    case Result::none: return "none";
    case Result::neutral: return "neutral";
    case Result::pass: return "pass";
    case Result::fail: return "fail";
    case Result::softfail: return "softfail";
    case Result::temperror: return "temperror";
    case Result::permerror: return "permerror";
    }
    return "permerror";
}

std::string_view to_string(TermType type) noexcept {
    switch (type) {
    case TermType::all: return "all";
    case TermType::include: return "include";
    case TermType::a: return "a";
    case TermType::mx: return "mx";
    case TermType::ptr: return "ptr";
    case TermType::ip4: return "ip4";
    case TermType::ip6: return "ip6";
    case TermType::exists: return "exists";
    case TermType::redirect: return "redirect";
    case TermType::exp: return "exp";
    case TermType::unknown_modifier: return "modifier";
    }
    return "modifier";
}

std::string_view to_string(SyntaxError error) noexcept {
    switch (error) {
    case SyntaxError::none: return "none";
    case SyntaxError::not_spf: return "not_spf";
    case SyntaxError::invalid_character: return "invalid_character";
    case SyntaxError::unknown_mechanism: return "unknown_mechanism";
    case SyntaxError::invalid_modifier_name: return "invalid_modifier_name";
    case SyntaxError::missing_argument: return "missing_argument";
    case SyntaxError::unexpected_argument: return "unexpected_argument";
    case SyntaxError::invalid_domain_spec: return "invalid_domain_spec";
    case SyntaxError::invalid_macro: return "invalid_macro";
    case SyntaxError::invalid_ip4: return "invalid_ip4";
    case SyntaxError::invalid_ip6: return "invalid_ip6";
    case SyntaxError::invalid_cidr: return "invalid_cidr";
    case SyntaxError::duplicate_modifier: return "duplicate_modifier";
    }
    return "unknown";
}

std::string_view message(SyntaxError error) noexcept {
    switch (error) {
    case SyntaxError::none: return "no error";
    case SyntaxError::not_spf: return "not an SPF record (it must begin with \"v=spf1\")";
    case SyntaxError::invalid_character: return "character not allowed (terms are printable ASCII separated by spaces)";
    case SyntaxError::unknown_mechanism: return "unknown mechanism";
    case SyntaxError::invalid_modifier_name: return "invalid modifier name";
    case SyntaxError::missing_argument: return "missing domain or address";
    case SyntaxError::unexpected_argument: return "argument not allowed for this term";
    case SyntaxError::invalid_domain_spec: return "invalid domain (it must end in a macro or a valid top-level label)";
    case SyntaxError::invalid_macro: return "invalid macro";
    case SyntaxError::invalid_ip4: return "invalid IPv4 address";
    case SyntaxError::invalid_ip6: return "invalid IPv6 address";
    case SyntaxError::invalid_cidr: return "invalid prefix length";
    case SyntaxError::duplicate_modifier: return "redirect= or exp= appears more than once";
    }
    return "unknown error";
}

std::string_view to_string(LintKind kind) noexcept {
    switch (kind) {
    case LintKind::no_record: return "no_record";
    case LintKind::multiple_records: return "multiple_records";
    case LintKind::syntax_error: return "syntax_error";
    case LintKind::dns_error: return "dns_error";
    case LintKind::pass_all: return "pass_all";
    case LintKind::neutral_all: return "neutral_all";
    case LintKind::no_all: return "no_all";
    case LintKind::ptr_used: return "ptr_used";
    case LintKind::terms_after_all: return "terms_after_all";
    case LintKind::redirect_ignored: return "redirect_ignored";
    case LintKind::too_many_lookups: return "too_many_lookups";
    case LintKind::include_loop: return "include_loop";
    case LintKind::include_without_record: return "include_without_record";
    case LintKind::void_target: return "void_target";
    case LintKind::macro_target: return "macro_target";
    case LintKind::unknown_modifier: return "unknown_modifier";
    }
    return "unknown";
}

}  // namespace mailwarden::spf
