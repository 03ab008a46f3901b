// check_host() (RFC 7208 sections 4 to 6): record selection, mechanism
// evaluation, include/redirect recursion, exp=, and the processing limits.
//
// Allocation: the parsed records, expanded target names and validated PTR
// names live in per-thread scratch buffers reused from one check to the
// next; terms are views into the TXT answer that holds the record. What is
// left is the resolver's answers and the outcome's strings.
#include "spf_text.hpp"

#include <mailwarden/spf.hpp>

#include <algorithm>
#include <chrono>
#include <utility>

namespace mailwarden::spf {

using namespace spf_detail;

namespace {

enum class Match { no, yes, temperror, permerror };

// One level of include: the record being evaluated and its buffers.
struct Frame {
    dns::Answer txt;     // owns the record text the terms point into
    Record record;
    std::string domain;  // the current domain, no final dot
    std::string target;  // the expanded target of the term being evaluated
};

struct Scratch {
    std::vector<Frame> frames;
    std::vector<std::string> ptr_names;
    std::string buffer;
    std::string sender;
    bool busy = false;
};

thread_local Scratch thread_scratch;

// Reverse-lookup name of an address: d.c.b.a.in-addr.arpa or the 32 nibbles
// under ip6.arpa.
std::string_view reverse_name(const IpAddress& ip, std::array<char, 80>& buffer) {
    std::size_t n = 0;
    auto put = [&](std::string_view s) {
        for (const char c : s) buffer[n++] = c;
    };
    if (!ip.v6) {
        for (int i = 3; i >= 0; --i) {
            const unsigned v = ip.bytes[static_cast<std::size_t>(i)];
            if (v >= 100) buffer[n++] = static_cast<char>('0' + v / 100);
            if (v >= 10) buffer[n++] = static_cast<char>('0' + (v / 10) % 10);
            buffer[n++] = static_cast<char>('0' + v % 10);
            buffer[n++] = '.';
        }
        put("in-addr.arpa");
    } else {
        constexpr char hex[] = "0123456789abcdef";
        for (int i = 15; i >= 0; --i) {
            const unsigned v = ip.bytes[static_cast<std::size_t>(i)];
            buffer[n++] = hex[v & 0xF];
            buffer[n++] = '.';
            buffer[n++] = hex[v >> 4];
            buffer[n++] = '.';
        }
        put("ip6.arpa");
    }
    return {buffer.data(), n};
}

// RFC 7208 section 4.3: a multi-label name with labels of 1 to 63 octets,
// printable, not an address literal or an IP address.
bool is_checkable_domain(std::string_view domain) noexcept {
    if (!is_queryable_name(domain) || domain.find('.') == std::string_view::npos || domain.front() == '[')
        return false;
    for (const char c : domain)
        if (!is_visible(c)) return false;
    const std::string_view last = domain.substr(domain.rfind('.') + 1);
    return !std::all_of(last.begin(), last.end(), [](char c) { return is_digit(c); });
}

IpAddress unmap(IpAddress ip) noexcept {
    // ::ffff:a.b.c.d is the IPv4 client a.b.c.d (RFC 7208 section 5, 9/2).
    if (!ip.v6) return ip;
    for (std::size_t i = 0; i < 10; ++i)
        if (ip.bytes[i] != 0) return ip;
    if (ip.bytes[10] != 0xFF || ip.bytes[11] != 0xFF) return ip;
    IpAddress v4;
    std::copy(ip.bytes.begin() + 12, ip.bytes.end(), v4.bytes.begin());
    return v4;
}

class Evaluation {
public:
    Evaluation(dns::Resolver& resolver, const SpfOptions& options, SpfOutcome& out, Scratch& scratch)
        : resolver_(resolver), options_(options), out_(out), scratch_(scratch), sender_(scratch.sender) {}

    void run(const SpfRequest& request) {
        ip_ = unmap(request.ip);
        // The identity: MAIL FROM, or postmaster@HELO for the null sender.
        std::string_view domain;
        if (request.sender.empty()) {
            sender_.assign("postmaster@").append(request.helo);
        } else if (request.sender.rfind('@') == std::string::npos) {
            sender_.assign("postmaster@").append(request.sender);
        } else if (request.sender.front() == '@') {
            sender_.assign("postmaster").append(request.sender);
        } else {
            sender_ = request.sender;
        }
        const std::size_t at = sender_.rfind('@');
        domain = std::string_view(sender_).substr(at + 1);
        if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
        out_.domain.assign(domain);

        values_.sender = sender_;
        values_.local_part = std::string_view(sender_).substr(0, at);
        values_.sender_domain = domain;
        values_.ip = ip_;
        values_.helo = request.helo;
        values_.receiver = request.receiver.empty() ? std::string_view("unknown") : std::string_view(request.receiver);
        values_.timestamp = options_.timestamp
                                ? *options_.timestamp
                                : std::chrono::duration_cast<std::chrono::seconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count();
        values_.lookup_p = &Evaluation::lookup_p;
        values_.lookup_p_context = this;

        if (!is_checkable_domain(domain)) {
            out_.result = Result::none;
            out_.problem.assign("\"").append(domain).append("\" is not a domain name SPF can be checked for");
            return;
        }
        const std::size_t depth_limit = std::min<std::size_t>(options_.max_dns_lookups, 64) + 2;
        if (scratch_.frames.size() < depth_limit) scratch_.frames.resize(depth_limit);
        frames_ = scratch_.frames.data();
        frame_count_ = depth_limit;
        frames_[0].domain.assign(domain);
        start_ = std::chrono::steady_clock::now();
        out_.result = check_domain(0, true);
        // Out of time: whatever the partial evaluation concluded (a ptr or
        // exp= lookup may have absorbed the refusal), the answer is temperror.
        if (expired_) {
            out_.result = Result::temperror;
            out_.explanation.clear();
            out_.matched_term.clear();
            out_.matched_domain.clear();
        }
    }

private:
    // --- DNS --------------------------------------------------------------

    dns::Answer ask(std::string_view name, dns::RecordType type) {
        if (options_.time_limit.count() > 0 && !expired_ &&
            std::chrono::steady_clock::now() - start_ > options_.time_limit) {
            expired_ = true;
            out_.problem.assign("time limit of ")
                .append(std::to_string(options_.time_limit.count()))
                .append(" ms exceeded");
        }
        if (expired_) {
            dns::Answer answer;
            answer.status = dns::Status::timeout;
            return answer;
        }
        ++out_.dns_queries;
        return resolver_.query(name, type);
    }

    void dns_problem(const dns::Answer& answer, std::string_view name, dns::RecordType type) {
        if (!out_.problem.empty()) return;
        out_.problem.assign("DNS ")
            .append(dns::to_string(answer.status))
            .append(" looking up ")
            .append(dns::to_string(type))
            .append(" for ")
            .append(name);
    }

    void limit_problem(std::string_view what, std::string_view term, std::string_view domain) {
        out_.problem.assign(what).append(" (at \"").append(term).append("\" in the record of ").append(domain).append(")");
    }

    void step(std::size_t depth, std::string_view domain, std::string_view term, std::string_view note) {
        if (!options_.trace) return;
        out_.trace.push_back(SpfTraceStep{static_cast<unsigned>(depth), std::string(domain), std::string(term),
                                          std::string(note)});
    }

    bool count_lookup(const Term& term, const Frame& f) {
        if (++out_.dns_lookups <= options_.max_dns_lookups) return true;
        limit_problem("more than " + std::to_string(options_.max_dns_lookups) + " DNS-querying terms", term.text,
                      f.domain);
        return false;
    }

    bool count_void(const Term& term, const Frame& f) {
        if (++out_.void_lookups <= options_.max_void_lookups) return true;
        limit_problem("more than " + std::to_string(options_.max_void_lookups) + " lookups found nothing",
                      term.text, f.domain);
        return false;
    }

    // --- Records ----------------------------------------------------------

    // Fetches and parses the record of f.domain: none, temperror or
    // permerror, or neutral when f.record is ready.
    Result fetch(Frame& f, std::size_t depth) {
        if (!is_queryable_name(f.domain)) {
            out_.problem.assign("\"").append(f.domain).append("\" is not a valid domain name");
            return Result::none;
        }
        f.txt = ask(f.domain, dns::RecordType::txt);
        if (f.txt.temporary_failure()) {
            dns_problem(f.txt, f.domain, dns::RecordType::txt);
            step(depth, f.domain, {}, out_.problem);
            return Result::temperror;
        }
        const std::string* text = nullptr;
        std::size_t found = 0;
        for (const auto& t : f.txt.texts) {
            if (!is_spf_record(t)) continue;
            text = &t;
            ++found;
        }
        if (found == 0) {
            out_.problem.assign("no SPF record at ").append(f.domain);
            step(depth, f.domain, {}, "no SPF record");
            return Result::none;
        }
        if (found > 1) {
            out_.problem.assign(std::to_string(found)).append(" SPF records at ").append(f.domain);
            step(depth, f.domain, {}, out_.problem);
            return Result::permerror;
        }
        step(depth, f.domain, {}, *text);
        parse_record(*text, f.record);
        if (!f.record.ok()) {
            out_.syntax_error = f.record.error;
            out_.problem.assign("syntax error in the SPF record of ")
                .append(f.domain)
                .append(" at offset ")
                .append(std::to_string(f.record.error_offset))
                .append(" (\"")
                .append(std::string_view(*text).substr(f.record.error_offset, f.record.error_length))
                .append("\"): ")
                .append(message(f.record.error));
            return Result::permerror;
        }
        return Result::neutral;
    }

    // check_host() for frames_[depth].domain. `top`: this record's result is
    // the final one (the first record, or one reached by redirect from it),
    // so it names the matched term and supplies the explanation.
    Result check_domain(std::size_t depth, bool top) {
        Frame& f = frames_[depth];
        bool redirected = false;
        for (;;) {
            const Result fetched = fetch(f, depth);
            if (fetched == Result::none && redirected) {
                out_.problem.insert(0, "redirect target: ");
                return Result::permerror;
            }
            if (fetched != Result::neutral) return fetched;
            values_.domain = f.domain;

            for (const Term& term : f.record.terms) {
                if (!term.is_mechanism()) continue;
                const Match m = mechanism(term, depth);
                if (m == Match::temperror) {
                    step(depth, f.domain, term.text, "temperror");
                    return Result::temperror;
                }
                if (m == Match::permerror) {
                    step(depth, f.domain, term.text, "permerror");
                    return Result::permerror;
                }
                if (m == Match::no) {
                    step(depth, f.domain, term.text, "no match");
                    continue;
                }
                const Result result = result_of(term.qualifier);
                step(depth, f.domain, term.text, "match");
                if (top) {
                    out_.matched_term.assign(term.text);
                    out_.matched_domain.assign(f.domain);
                    if (result == Result::fail && options_.explanation) explain(f);
                }
                return result;
            }

            const Term* redirect = f.record.redirect_term();
            if (redirect == nullptr) return Result::neutral;
            if (!count_lookup(*redirect, f)) return Result::permerror;
            if (expand_macros(redirect->value, MacroUse::domain, values_, f.target) != SyntaxError::none) {
                out_.problem.assign("cannot expand ").append(redirect->text);
                return Result::permerror;
            }
            step(depth, f.domain, redirect->text, f.target);
            f.domain.swap(f.target);
            redirected = true;
        }
    }

    // --- Mechanisms -------------------------------------------------------

    // The domain a term applies to: its expanded domain-spec, or the current
    // domain. Empty when the expansion is not a name DNS can be asked about;
    // such a target matches nothing (RFC 7208 section 4.3 by analogy).
    std::string_view target(const Term& term, Frame& f) {
        if (term.value.empty()) return f.domain;
        if (expand_macros(term.value, MacroUse::domain, values_, f.target) != SyntaxError::none) return {};
        if (!is_queryable_name(f.target)) return {};
        return f.target;
    }

    // Does any A/AAAA record of `name` fall in the client's network?
    Match addresses_match(std::string_view name, unsigned prefix, const Term* void_term, const Frame& f) {
        const auto type = ip_.v6 ? dns::RecordType::aaaa : dns::RecordType::a;
        const dns::Answer answer = ask(name, type);
        if (answer.temporary_failure()) {
            dns_problem(answer, name, type);
            return Match::temperror;
        }
        if (answer.missing()) {
            if (void_term != nullptr && !count_void(*void_term, f)) return Match::permerror;
            return Match::no;
        }
        for (const auto& address : answer.addresses)
            if (address.v6 == ip_.v6 && ip_.in_network(address, prefix)) return Match::yes;
        return Match::no;
    }

    // The name has an A/AAAA record equal to the client address.
    bool validates(std::string_view name) {
        if (!is_queryable_name(name)) return false;
        const dns::Answer answer = ask(name, ip_.v6 ? dns::RecordType::aaaa : dns::RecordType::a);
        if (!answer.ok()) return false;
        return std::find(answer.addresses.begin(), answer.addresses.end(), ip_) != answer.addresses.end();
    }

    Match mechanism(const Term& term, std::size_t depth) {
        Frame& f = frames_[depth];
        switch (term.type) {
        case TermType::all: return Match::yes;
        case TermType::ip4: return !ip_.v6 && ip_.in_network(term.network, term.cidr4) ? Match::yes : Match::no;
        case TermType::ip6: return ip_.v6 && ip_.in_network(term.network, term.cidr6) ? Match::yes : Match::no;
        case TermType::a: {
            if (!count_lookup(term, f)) return Match::permerror;
            const std::string_view name = target(term, f);
            if (name.empty()) return Match::no;
            return addresses_match(name, ip_.v6 ? term.cidr6 : term.cidr4, &term, f);
        }
        case TermType::mx: return mx(term, f);
        case TermType::ptr: return ptr(term, f);
        case TermType::exists: {
            if (!count_lookup(term, f)) return Match::permerror;
            const std::string_view name = target(term, f);
            if (name.empty()) return Match::no;
            // Always A, whatever the client's address family (section 5.7).
            const dns::Answer answer = ask(name, dns::RecordType::a);
            if (answer.temporary_failure()) {
                dns_problem(answer, name, dns::RecordType::a);
                return Match::temperror;
            }
            if (answer.missing()) return count_void(term, f) ? Match::no : Match::permerror;
            return answer.addresses.empty() ? Match::no : Match::yes;
        }
        case TermType::include: return include(term, depth);
        default: return Match::no;
        }
    }

    Match mx(const Term& term, Frame& f) {
        if (!count_lookup(term, f)) return Match::permerror;
        const std::string_view name = target(term, f);
        if (name.empty()) return Match::no;
        dns::Answer answer = ask(name, dns::RecordType::mx);
        if (answer.temporary_failure()) {
            dns_problem(answer, name, dns::RecordType::mx);
            return Match::temperror;
        }
        if (answer.missing()) return count_void(term, f) ? Match::no : Match::permerror;
        // At most ten address lookups per mx term; more MX records is an
        // error of the publisher (section 4.6.4).
        if (answer.mx.size() > options_.max_mx_names) {
            limit_problem("more than " + std::to_string(options_.max_mx_names) + " MX records", term.text, f.domain);
            return Match::permerror;
        }
        // Preference order, stable; at most max_mx_names records, so an
        // insertion sort (std::stable_sort would allocate a buffer).
        for (std::size_t i = 1; i < answer.mx.size(); ++i)
            for (std::size_t j = i; j > 0 && answer.mx[j].preference < answer.mx[j - 1].preference; --j)
                std::swap(answer.mx[j], answer.mx[j - 1]);
        const unsigned prefix = ip_.v6 ? term.cidr6 : term.cidr4;
        for (const auto& record : answer.mx) {
            if (record.is_null() || !is_queryable_name(record.exchange)) continue;
            const Match m = addresses_match(record.exchange, prefix, nullptr, f);
            if (m != Match::no) return m;
        }
        return Match::no;
    }

    Match ptr(const Term& term, Frame& f) {
        if (!count_lookup(term, f)) return Match::permerror;
        const std::string_view name = target(term, f);
        if (name.empty()) return Match::no;
        std::array<char, 80> buffer{};
        const dns::Answer answer = ask(reverse_name(ip_, buffer), dns::RecordType::ptr);
        // A failed PTR lookup is no match, not temperror (section 5.5).
        if (answer.missing()) return count_void(term, f) ? Match::no : Match::permerror;
        if (!answer.ok()) return Match::no;
        const std::size_t n = std::min<std::size_t>(answer.names.size(), options_.max_ptr_names);
        for (std::size_t i = 0; i < n; ++i) {
            const std::string& host = answer.names[i];
            // Only names under the target need validating.
            if (is_same_or_subdomain(host, name) && validates(host)) return Match::yes;
        }
        return Match::no;
    }

    Match include(const Term& term, std::size_t depth) {
        Frame& f = frames_[depth];
        if (!count_lookup(term, f)) return Match::permerror;
        if (depth + 1 >= frame_count_) {
            limit_problem("includes nested too deeply", term.text, f.domain);
            return Match::permerror;
        }
        Frame& child = frames_[depth + 1];
        if (expand_macros(term.value, MacroUse::domain, values_, child.domain) != SyntaxError::none)
            child.domain.clear();
        const Result r = check_domain(depth + 1, false);
        values_.domain = f.domain;
        switch (r) {
        case Result::pass: return Match::yes;
        case Result::fail:
        case Result::softfail:
        case Result::neutral: return Match::no;
        case Result::temperror: return Match::temperror;
        case Result::permerror: return Match::permerror;
        case Result::none:
            out_.problem.insert(0, "included domain: ");
            return Match::permerror;
        }
        return Match::permerror;
    }

    // --- Explanation and %{p} --------------------------------------------

    // exp= of the record that gave fail; any trouble with it (expansion, DNS,
    // not exactly one TXT record, syntax) falls back to the default
    // (section 6.2). Not counted against the limits.
    void explain(const Frame& f) {
        const Term* exp = f.record.exp_term();
        if (exp != nullptr && expand_macros(exp->value, MacroUse::domain, values_, scratch_.buffer) == SyntaxError::none &&
            is_queryable_name(scratch_.buffer)) {
            const dns::Answer answer = ask(scratch_.buffer, dns::RecordType::txt);
            if (answer.ok() && answer.texts.size() == 1 &&
                expand_macros(answer.texts[0], MacroUse::explanation, values_, out_.explanation) == SyntaxError::none)
                return;
        }
        if (expand_macros(options_.default_explanation, MacroUse::explanation, values_, out_.explanation) !=
            SyntaxError::none)
            out_.explanation = options_.default_explanation;
    }

    static std::string_view lookup_p(void* self) { return static_cast<Evaluation*>(self)->validated_name(); }

    // %{p}: a validated name of the client, preferring the current domain or
    // a subdomain of it (section 7.3). The PTR lookup is made once per check.
    std::string_view validated_name() {
        auto& names = scratch_.ptr_names;
        if (!ptr_loaded_) {
            ptr_loaded_ = true;
            names.clear();
            std::array<char, 80> buffer{};
            const dns::Answer answer = ask(reverse_name(ip_, buffer), dns::RecordType::ptr);
            if (answer.ok()) {
                const std::size_t n = std::min<std::size_t>(answer.names.size(), options_.max_ptr_names);
                for (std::size_t i = 0; i < n; ++i)
                    if (validates(answer.names[i])) names.push_back(answer.names[i]);
            }
        }
        for (const auto& name : names)
            if (iequals(name, values_.domain)) return name;
        for (const auto& name : names)
            if (is_same_or_subdomain(name, values_.domain)) return name;
        return names.empty() ? std::string_view("unknown") : std::string_view(names.front());
    }

    dns::Resolver& resolver_;
    const SpfOptions& options_;
    SpfOutcome& out_;
    Scratch& scratch_;
    Frame* frames_ = nullptr;
    std::size_t frame_count_ = 0;
    IpAddress ip_;
    std::string& sender_;  // <sender>, rewritten as RFC 7208 section 4.3 says
    MacroValues values_;
    bool ptr_loaded_ = false;
    bool expired_ = false;
    std::chrono::steady_clock::time_point start_;
};

void reset(SpfOutcome& out) {
    out.result = Result::none;
    out.domain.clear();
    out.explanation.clear();
    out.matched_term.clear();
    out.matched_domain.clear();
    out.problem.clear();
    out.syntax_error = SyntaxError::none;
    out.dns_lookups = 0;
    out.void_lookups = 0;
    out.dns_queries = 0;
    out.trace.clear();
}

}  // namespace

void check_host(dns::Resolver& resolver, const SpfRequest& request, const SpfOptions& options, SpfOutcome& out) {
    reset(out);
    // The per-thread scratch, unless a resolver re-enters check_host() on
    // this thread while it is in use.
    Scratch local;
    Scratch& scratch = thread_scratch.busy ? local : thread_scratch;
    scratch.busy = true;
    struct Release {
        Scratch& s;
        ~Release() { s.busy = false; }
    } release{scratch};
    Evaluation(resolver, options, out, scratch).run(request);
}

SpfOutcome check_host(dns::Resolver& resolver, const SpfRequest& request, const SpfOptions& options) {
    SpfOutcome out;
    check_host(resolver, request, options, out);
    return out;
}

SpfChecker::SpfChecker(std::shared_ptr<dns::Resolver> resolver, SpfOptions options)
    : resolver_(std::move(resolver)), options_(std::move(options)) {}

SpfOutcome SpfChecker::check(const SpfRequest& request) const {
    SpfOutcome out;
    check(request, out);
    return out;
}

void SpfChecker::check(const SpfRequest& request, SpfOutcome& out) const {
    if (!resolver_) {
        reset(out);
        out.result = Result::temperror;
        out.problem = "no DNS resolver";
        return;
    }
    check_host(*resolver_, request, options_, out);
}

}  // namespace mailwarden::spf
