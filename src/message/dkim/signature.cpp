#include "message/dkim/signature.hpp"

#include "auth/tag_list.hpp"
#include "common/base64.hpp"

#include <limits>

namespace mailwarden::message_detail {

namespace {

using auth::iequals;

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF.
bool well_formed_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned char low = 0x80, high = 0xBF;  // the second byte's range
        if (c < 0x80) n = 0;
        else if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c >= 0xE0 && c <= 0xEF) n = 2, low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4) n = 3, low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
        else return false;
        if (s.size() - i - 1 < n) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto t = static_cast<unsigned char>(s[i + k]);
            if (k == 1 ? (t < low || t > high) : (t < 0x80 || t > 0xBF)) return false;
        }
        i += n + 1;
    }
    return true;
}

// Let-dig [Ldh-str] (RFC 5321); UTF-8 is allowed for U-labels (RFC 8616),
// but not other bytes above 0x7F. Labels are 1-63 bytes and do not start or
// end with '-'.
bool valid_label(std::string_view label) noexcept {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    bool ascii = true;
    for (const char ch : label) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c >= 0x80;
        if (!ok) return false;
        ascii = ascii && c < 0x80;
    }
    return ascii || well_formed_utf8(label);
}

// d= is a domain-name (two labels at least), s= a selector (one or more).
bool valid_name(std::string_view name, std::size_t min_labels) noexcept {
    if (name.size() > 253) return false;
    std::size_t labels = 0;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = name.find('.', start);
        if (!valid_label(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) return false;
        ++labels;
        if (dot == std::string_view::npos) return labels >= min_labels;
        start = dot + 1;
    }
}

// 1*N DIGIT; values past the range saturate (an l= beyond any body, a
// timestamp far in the future), which the callers judge as such.
template <class Int>
std::optional<Int> parse_digits(std::string_view text, std::size_t max_digits) noexcept {
    if (text.empty() || text.size() > max_digits) return std::nullopt;
    Int v = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<Int>(c - '0');
        v = v > (std::numeric_limits<Int>::max() - digit) / 10 ? std::numeric_limits<Int>::max() : static_cast<Int>(v * 10 + digit);
    }
    return v;
}

std::optional<std::string> decode_base64(std::string_view value) {
    const std::string compact = auth::remove_whitespace(value);
    if (compact.empty()) return std::nullopt;
    return common::base64_decode(compact);
}

// ftext (RFC 5322): printable US-ASCII except ':'.
bool valid_field_name(std::string_view name) noexcept {
    if (name.empty()) return false;
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 33 || c > 126 || c == ':') return false;
    }
    return true;
}

bool is_same_or_subdomain(std::string_view sub, std::string_view domain) noexcept {
    if (iequals(sub, domain)) return true;
    return sub.size() > domain.size() && sub[sub.size() - domain.size() - 1] == '.' &&
           iequals(sub.substr(sub.size() - domain.size()), domain);
}

std::optional<Canonicalization> canonicalization_named(std::string_view name) noexcept {
    if (iequals(name, "simple")) return Canonicalization::simple;
    if (iequals(name, "relaxed")) return Canonicalization::relaxed;
    return std::nullopt;
}

SignatureProblem problem(DkimReason reason, std::string detail) { return {reason, std::move(detail)}; }

class Parser {
public:
    Parser(const std::vector<auth::Tag>& tags, DkimSignature& out, SignatureKind kind) : tags_(tags), out_(out), kind_(kind) {}

    std::optional<SignatureProblem> run() {
        // What the report shows first, so a later problem keeps it.
        if (const auto* a = find("a")) out_.algorithm_text = a->value;
        if (const auto* d = find("d")) out_.domain = d->value;
        if (const auto* s = find("s")) out_.selector = s->value;
        if (const auto* c = find("c")) out_.canonicalization_text = c->value;
        if (const auto* i = find("i"); i != nullptr && kind_ == SignatureKind::dkim) out_.identity = i->value;
        if (const auto* h = find("h"))
            for (const std::string_view name : auth::split_list(h->value)) out_.headers.emplace_back(name);

        for (const char* name : required())
            if (find(name) == nullptr) return problem(DkimReason::tag_missing, "tag '" + std::string(name) + "' is missing");
        if (kind_ == SignatureKind::dkim && find("v")->value != "1")
            return problem(DkimReason::version_unsupported, "v= must be 1");
        if (auto p = algorithm()) return p;
        if (auto p = canonicalization()) return p;
        if (auto p = names()) return p;
        if (auto p = header_list()) return p;
        if (auto p = hashes()) return p;
        if (auto p = query_methods()) return p;
        return numbers();
    }

private:
    const auth::Tag* find(std::string_view name) const { return auth::find_tag(tags_, name); }

    std::vector<const char*> required() const {
        switch (kind_) {
            case SignatureKind::dkim: return {"v", "a", "b", "bh", "d", "h", "s"};
            case SignatureKind::arc_message: return {"a", "b", "bh", "d", "h", "s"};
            case SignatureKind::arc_seal: return {"a", "b", "d", "s"};
        }
        return {};
    }

    std::optional<SignatureProblem> algorithm() {
        const std::string_view a = out_.algorithm_text;
        if (iequals(a, "rsa-sha256")) out_.algorithm = DkimAlgorithm::rsa_sha256;
        else if (iequals(a, "rsa-sha1")) out_.algorithm = DkimAlgorithm::rsa_sha1;
        else if (iequals(a, "ed25519-sha256")) out_.algorithm = DkimAlgorithm::ed25519_sha256;
        else return problem(DkimReason::algorithm_unknown, "unknown algorithm a=" + out_.algorithm_text);
        return std::nullopt;
    }

    std::optional<SignatureProblem> canonicalization() {
        if (kind_ == SignatureKind::arc_seal) {  // RFC 8617 5.1.1: always relaxed, c= means nothing
            out_.canonicalization_text = "relaxed";
            out_.header_canonicalization = out_.body_canonicalization = Canonicalization::relaxed;
            return std::nullopt;
        }
        if (out_.canonicalization_text.empty() && find("c") == nullptr) {
            out_.canonicalization_text = "simple/simple";
            return std::nullopt;
        }
        const std::string_view c = out_.canonicalization_text;
        const std::size_t slash = c.find('/');
        const auto header = canonicalization_named(c.substr(0, slash));
        const auto body = slash == std::string_view::npos ? Canonicalization::simple : canonicalization_named(c.substr(slash + 1));
        if (!header || !body) return problem(DkimReason::canonicalization_unknown, "unknown canonicalization c=" + out_.canonicalization_text);
        out_.header_canonicalization = *header;
        out_.body_canonicalization = *body;
        return std::nullopt;
    }

    std::optional<SignatureProblem> names() {
        if (!valid_name(out_.domain, 2)) return problem(DkimReason::domain_invalid, "d=" + out_.domain + " is not a domain name");
        if (!valid_name(out_.selector, 1)) return problem(DkimReason::selector_invalid, "s=" + out_.selector + " is not a selector");
        if (find("i") == nullptr || kind_ != SignatureKind::dkim) {
            out_.identity = "@" + out_.domain;
            return std::nullopt;
        }
        const std::size_t at = out_.identity.rfind('@');
        if (at == std::string::npos || !valid_name(std::string_view(out_.identity).substr(at + 1), 1))
            return problem(DkimReason::identity_invalid, "i=" + out_.identity + " is not [local-part]@domain");
        if (!is_same_or_subdomain(std::string_view(out_.identity).substr(at + 1), out_.domain))
            return problem(DkimReason::identity_mismatch, "the domain of i=" + out_.identity + " is not d=" + out_.domain + " nor below it");
        return std::nullopt;
    }

    std::optional<SignatureProblem> header_list() {
        if (kind_ == SignatureKind::arc_seal)  // RFC 8617 4.1.3: the seal signs the ARC sets only
            return find("h") == nullptr ? std::nullopt : std::optional(problem(DkimReason::header_list_invalid, "an ARC-Seal has no h="));
        bool from = false;
        for (const auto& name : out_.headers) {
            if (!valid_field_name(name)) return problem(DkimReason::header_list_invalid, "h= holds an empty or invalid field name");
            // RFC 8617 4.1.2: the seals are signed by the seals alone.
            if (kind_ == SignatureKind::arc_message && iequals(name, "arc-seal"))
                return problem(DkimReason::header_list_invalid, "h= of an ARC-Message-Signature lists ARC-Seal");
            from = from || iequals(name, "from");
        }
        if (!from) return problem(DkimReason::from_not_signed, "h= does not include From");
        return std::nullopt;
    }

    std::optional<SignatureProblem> hashes() {
        auto b = decode_base64(find("b")->value);
        if (!b) return problem(DkimReason::base64_invalid, "b= is empty or not base64");
        out_.signature = std::move(*b);
        if (kind_ == SignatureKind::arc_seal) return std::nullopt;
        auto bh = decode_base64(find("bh")->value);
        if (!bh) return problem(DkimReason::base64_invalid, "bh= is empty or not base64");
        out_.body_hash = std::move(*bh);
        return std::nullopt;
    }

    std::optional<SignatureProblem> query_methods() {
        const auto* q = find("q");
        if (q == nullptr) return std::nullopt;
        for (const std::string_view method : auth::split_list(q->value))
            if (iequals(method, "dns/txt")) return std::nullopt;
        return problem(DkimReason::query_method_unknown, "q=" + q->value + " offers no dns/txt");
    }

    std::optional<SignatureProblem> numbers() {
        if (const auto* l = find("l")) {
            out_.length = parse_digits<std::uint64_t>(l->value, 76);
            if (!out_.length) return problem(DkimReason::length_invalid, "l=" + l->value + " is not a number");
        }
        if (const auto* t = find("t")) {
            out_.timestamp = parse_digits<std::int64_t>(t->value, 12);
            if (!out_.timestamp) return problem(DkimReason::timestamp_invalid, "t=" + t->value + " is not a number");
        }
        if (const auto* x = find("x")) {
            out_.expiration = parse_digits<std::int64_t>(x->value, 12);
            if (!out_.expiration) return problem(DkimReason::timestamp_invalid, "x=" + x->value + " is not a number");
            if (out_.timestamp && *out_.expiration <= *out_.timestamp)
                return problem(DkimReason::timestamp_invalid, "x= is not later than t=");
        }
        return std::nullopt;
    }

    const std::vector<auth::Tag>& tags_;
    DkimSignature& out_;
    SignatureKind kind_;
};

}  // namespace

std::optional<SignatureProblem> parse_signature(std::string_view value, DkimSignature& out, SignatureKind kind) {
    auth::TagListError error;
    const auto tags = auth::parse_tag_list(value, error);
    if (!tags) return problem(DkimReason::tag_syntax, error.message);
    return Parser(*tags, out, kind).run();
}

std::string_view to_string(DkimAlgorithm algorithm) noexcept {
    switch (algorithm) {
        case DkimAlgorithm::rsa_sha256: return "rsa-sha256";
        case DkimAlgorithm::rsa_sha1: return "rsa-sha1";
        case DkimAlgorithm::ed25519_sha256: return "ed25519-sha256";
    }
    return "rsa-sha256";
}

}  // namespace mailwarden::message_detail
